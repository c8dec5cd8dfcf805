#!/usr/bin/env node
// Prints the JavaScript a browser downloads for the first screen, gzipped, from the build's
// manifest: the entry chunk plus the lazily loaded chunks of the route, following static imports.
// `node apps/web/scripts/first-screen-size.mjs` after a build; --json for machines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/**
 * The first screen of a signed-in user is the time page inside the app layout, an administrator's the
 * Reports overview (docs/decisions/0060-administrator-home.md); signed out, sign-in.
 */
export const FIRST_SCREENS = {
  'time page (signed in)': ['src/layout/AppLayout.tsx', 'src/pages/time/TimePage.tsx'],
  'reports overview (administrator)': [
    'src/layout/AppLayout.tsx',
    'src/pages/reports/ReportsLayout.tsx',
    'src/pages/reports/OverviewPage.tsx',
  ],
  'sign-in page': ['src/pages/SignIn.tsx'],
};

export function firstScreenSizes() {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const sizes = {};
  for (const [screen, routeModules] of Object.entries(FIRST_SCREENS)) {
    const files = new Set();
    const visit = (key) => {
      const chunk = manifest[key];
      if (chunk === undefined || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(entry);
    for (const module of routeModules) visit(module);
    let gzipped = 0;
    for (const file of files) gzipped += gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
    sizes[screen] = { files: [...files], gzipBytes: gzipped };
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = firstScreenSizes();
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
  else
    for (const [screen, { files, gzipBytes }] of Object.entries(sizes))
      console.log(`${screen}: ${(gzipBytes / 1024).toFixed(1)} KB gzipped JS in ${files.length} files`);
}
