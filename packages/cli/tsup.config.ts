import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  // keito.ts is the whole of `keito --version`; everything else is a chunk it imports on demand, so
  // printing the version never parses commander, smol-toml or the SDK.
  entry: ['src/keito.ts'],
  format: ['esm'],
  splitting: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  outDir: 'dist',
  define: { __KEITO_CLI_VERSION__: JSON.stringify(version) },
});
