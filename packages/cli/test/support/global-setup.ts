// One real keito-server for the whole run, and fresh builds of the SDK and the CLI: the tests run
// dist/keito.js as a process, exactly what `npm install -g @keito/cli` puts on a PATH.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type KeitoServer, repoRoot, startKeitoServer } from '@keito/testkit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    keitoServer: Pick<KeitoServer, 'baseUrl' | 'origin' | 'dataDir' | 'env'>;
  }
}

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsup = path.join(repoRoot, 'node_modules/.bin/tsup');

export default async function setup(project: TestProject) {
  const build = async () => {
    await promisify(execFile)(tsup, { cwd: path.join(repoRoot, 'packages/sdk') });
    await promisify(execFile)(tsup, { cwd: packageDir });
  };
  const [server] = await Promise.all([startKeitoServer(), build()]);
  project.provide('keitoServer', {
    baseUrl: server.baseUrl,
    origin: server.origin,
    dataDir: server.dataDir,
    env: server.env,
  });
  return () => server.stop();
}
