// The built package as users install it: ESM and CJS entry points with declarations, zero runtime
// dependencies, working against the real server from a plain Node process.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createWorld, server } from './support/keito.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

describe('package', () => {
  it('has no runtime dependencies', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  it('ships ESM, CJS and declarations for both', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
      expect(existsSync(path.join(packageDir, file)), file).toBe(true);
    }
  });

  it.each([
    ['ESM', 'import', `import { Keito, NotFoundError } from '@keito/sdk';`],
    ['CJS', 'require', `const { Keito, NotFoundError } = require('@keito/sdk');`],
  ])('works from %s in a plain Node process', async (_name, _kind, importLine) => {
    const world = await createWorld(`Package ${_name}`);
    const script = `${importLine}
      (async () => {
        const keito = new Keito();
        const entry = await keito.timeEntries.create({ project_id: process.env.PROJECT_ID, spent_date: '2026-03-06', hours: 0.5, source: 'agent' });
        let notFound = false;
        try { await keito.timeEntries.get('te_missing'); } catch (e) { notFound = e instanceof NotFoundError; }
        const seen = [];
        for await (const e of keito.timeEntries.list({ project_id: process.env.PROJECT_ID })) seen.push(e.id);
        console.log(JSON.stringify({ id: entry.id, notFound, seen }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const args =
      _kind === 'import' ? ['--input-type=module', '-e', script] : ['--input-type=commonjs', '-e', script];
    const { stdout } = await run(process.execPath, args, {
      // Resolved from the package folder so `@keito/sdk` goes through node_modules and the exports map.
      cwd: packageDir,
      env: {
        ...process.env,
        KEITO_API_KEY: world.fixture.agentApiKey,
        KEITO_BASE_URL: server.baseUrl,
        PROJECT_ID: world.fixture.project.id,
      },
    });
    const result = JSON.parse(stdout);
    expect(result.id).toMatch(/^te_/);
    expect(result.notFound).toBe(true);
    expect(result.seen).toEqual([result.id]);
  });
});

describe('documented samples', () => {
  it('compile against the built declarations with a strict tsconfig', async () => {
    const tsc = path.resolve(packageDir, '../../node_modules/.bin/tsc');
    const result = await run(tsc, ['-p', 'test/samples/tsconfig.json'], { cwd: packageDir }).catch(
      (error: { stdout?: string; code?: number }) => error,
    );
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
