#!/usr/bin/env node
// Builds the web app when dist/ is missing or older than its sources, so `npm start` serves the
// current app from a fresh clone and starts without a rebuild when nothing changed.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(web, 'dist', '.source-stamp');
// The app also bundles pure server modules (the money formatter, invoice amounts and numbering),
// so a change in their folders must rebuild it too.
const inputs = [
  'src',
  'index.html',
  'vite.config.ts',
  'package.json',
  '../server/src/lib',
  '../server/src/domains/invoicing',
];

/** The newest modification time among the app's sources, plus their count (a deleted file changes it). */
function sourceStamp() {
  let newest = 0;
  let count = 0;
  const visit = (file) => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) visit(path.join(file, entry));
      return;
    }
    count += 1;
    newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of inputs) visit(path.join(web, input));
  return `${Math.floor(newest)}:${count}`;
}

const stamp = sourceStamp();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (built === stamp && existsSync(path.join(web, 'dist', 'index.html'))) process.exit(0);

console.log('Building the web app (apps/web) ...');
// The browser suite builds through here from vitest's global setup, where NODE_ENV is `test`; Vite
// keeps a NODE_ENV it finds, and React's development build then ships (about 70 KB more gzipped
// on the first screen than what `npm start` serves). What is built here is always the production app.
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
await build({ root: web, configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stampFile, stamp);
