import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without declarations; it reads the build's manifest.
import { firstScreenSizes } from '../../apps/web/scripts/first-screen-size.mjs';
import { http, useKeito } from '../support/keito.ts';

const keito = useKeito();

describe('the server serves the web app', () => {
  it('answers the root and any app path with the app, so deep links survive a reload', async () => {
    for (const path of ['/', '/time', '/projects/prj_123?tab=team']) {
      const response = await http<string>(keito.server, 'GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.body).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with long-lived caching', async () => {
    const html = (await http<string>(keito.server, 'GET', '/')).body;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await http(keito.server, 'GET', script ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps unknown API paths JSON 404s rather than the app', async () => {
    const response = await http<{ error: { code: string } }>(keito.server, 'GET', '/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect((await http(keito.server, 'GET', '/v1/openapi.json')).status).toBe(200);
  });

  it('loads in the browser with a title', async () => {
    const { page, context } = await keito.browser.newPage();
    await page.goto('/');
    await expect.poll(() => page.title()).toBe('Keito');
    expect(await page.locator('#root').count()).toBe(1);
    await context.close();
  });

  it('keeps the first screen within 300 KB of gzipped JavaScript', () => {
    const sizes = firstScreenSizes() as Record<string, { gzipBytes: number }>;
    for (const [screen, { gzipBytes }] of Object.entries(sizes)) {
      expect(gzipBytes, screen).toBeLessThanOrEqual(300 * 1024);
    }
  });
});
