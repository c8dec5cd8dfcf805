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

describe('browser security headers', () => {
  it('sends the policy, nosniff, the referrer policy and no framing on pages, assets, the API and /docs', async () => {
    const html = (await http<string>(keito.server, 'GET', '/')).body;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    for (const path of ['/', '/time', script, '/v1/auth/session', '/v1/no-such-thing', '/docs/']) {
      const { headers } = await http(keito.server, 'GET', path);
      const policy = headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("script-src 'self';");
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      // Served over plain http: HSTS would be ignored, and the server's tests cover the https case.
      expect(headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('makes the browser refuse an inline script, and the suite notices', async () => {
    const { page, context } = await keito.browser.newPage();
    await page.goto('/');
    await expect.poll(() => page.title()).toBe('Keito');
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.head.append(script);
      return document.body.dataset.injected ?? 'refused';
    });
    expect(ran).toBe('refused');
    await expect
      .poll(() => keito.browser.cspViolations.some((violation) => violation.startsWith('script-src')))
      .toBe(true);
    // This violation was the point of the test; the suite's own check would fail on it otherwise.
    keito.browser.cspViolations.splice(0);
    await context.close();
  });
});
