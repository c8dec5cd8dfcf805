import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  // Node 20 is the oldest runtime we support; it has global fetch, AbortController and crypto.randomUUID.
  target: 'node20',
  outDir: 'dist',
});
