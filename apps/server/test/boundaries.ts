import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server's layering rules (docs/architecture.md, docs/decisions/0016-domain-boundaries.md),
 * checked over source text so that CI fails when one breaks:
 *
 * 1. A domain does not import the HTTP layer, except in its routes and schemas files.
 * 2. The HTTP layer does not import domain logic that reaches the database: from `domains/` it may
 *    take types and pure helpers only (a module whose imports of `db/` are all `import type`).
 *    What it must call (authenticating a session) is handed to it by `app.ts`.
 * 3. Every table has an owner folder, and only the owner writes it (INSERT, UPDATE, DELETE).
 * 4. Time entries and expenses are read through their owners too: outside `domains/time` and
 *    `domains/expenses`, nothing imports their tables (approvals, invoices and reports ask the
 *    owners, so the rules of locking and visibility stay in one place).
 */

export interface SourceFile {
  /** Path relative to the server's `src/`, with forward slashes: `domains/time/service.ts`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

interface Import {
  target: string;
  typeOnly: boolean;
  names: string[];
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/gm;

/** The imports of a file that point inside `src/`, resolved to `src/`-relative paths. */
function importsOf(file: SourceFile): Import[] {
  const found: Import[] = [];
  for (const match of file.text.matchAll(IMPORT)) {
    const [, , typeKeyword, clause = '', specifier = ''] = match;
    if (!specifier.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
    const names = [...clause.matchAll(/(?:^|[{,\s])(?:type\s+)?(\w+)(?:\s+as\s+\w+)?(?=\s*[,}]|$)/g)].map(
      (name) => name[1] ?? '',
    );
    found.push({ target, typeOnly: typeKeyword !== undefined, names });
  }
  return found;
}

const isRouteOrSchemaFile = (file: string) => /(^|\/|-)(routes|schemas)\.ts$/.test(path.posix.basename(file));
const isTest = (file: string) => file.endsWith('.test.ts');

export interface Ownership {
  /** SQL table name -> the folders (under `src/`) that may write it. */
  writers: Record<string, string[]>;
  /** Drizzle table symbol -> SQL table name, as exported by `db/schema`. */
  tableOf: Record<string, string>;
}

/** Folders whose tables are read through them only (rule 4), by SQL table name. */
const READ_THROUGH_OWNER: Record<string, string> = {
  time_entries: 'domains/time',
  expenses: 'domains/expenses',
};

const inFolder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

export function boundaryViolations(files: SourceFile[], ownership: Ownership): Violation[] {
  const violations: Violation[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));
  const reachesDatabase = (target: string) => {
    const module = byPath.get(target);
    return module !== undefined && importsOf(module).some((i) => !i.typeOnly && i.target.startsWith('db/'));
  };

  for (const file of files) {
    if (isTest(file.path)) continue;
    const imports = importsOf(file);

    if (file.path.startsWith('domains/') && !isRouteOrSchemaFile(file.path)) {
      for (const { target } of imports.filter((i) => i.target.startsWith('http/'))) {
        violations.push({
          file: file.path,
          rule: 'domains do not import http/ (except routes and schemas files)',
          detail: target,
        });
      }
    }

    if (file.path.startsWith('http/')) {
      for (const { target, typeOnly } of imports.filter((i) => i.target.startsWith('domains/'))) {
        if (!typeOnly && reachesDatabase(target)) {
          violations.push({
            file: file.path,
            rule: 'http/ imports no domain logic that reaches the database',
            detail: target,
          });
        }
      }
    }

    const writes = [
      ...[...file.text.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)].map(
        (match) => ownership.tableOf[match[2] ?? ''],
      ),
      ...[...file.text.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?/g)].map(
        (match) => match[1],
      ),
    ];
    for (const table of writes) {
      if (table === undefined || !(table in ownership.writers)) continue;
      const writers = ownership.writers[table] ?? [];
      if (!writers.some((folder) => inFolder(file.path, folder))) {
        violations.push({
          file: file.path,
          rule: 'only the owner writes a table',
          detail: `${table} (owned by ${writers.join(', ')})`,
        });
      }
    }

    for (const { target, names } of imports.filter((i) => i.target.startsWith('db/schema'))) {
      for (const name of names) {
        const table = ownership.tableOf[name];
        const owner = table === undefined ? undefined : READ_THROUGH_OWNER[table];
        if (owner !== undefined && !inFolder(file.path, owner) && !file.path.startsWith('db/')) {
          violations.push({
            file: file.path,
            rule: 'time entries and expenses are read through their owners',
            detail: `${name} from ${target}`,
          });
        }
      }
    }
  }
  return violations;
}

/** Every `.ts` file under `dir`, as `SourceFile`s relative to it. */
export function readSources(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts'))
        files.push({ path: child, text: readFileSync(path.join(dir, child), 'utf8') });
    }
  };
  walk('');
  return files;
}
