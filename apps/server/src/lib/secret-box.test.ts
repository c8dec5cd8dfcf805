import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from './secret-box.ts';

const key = Buffer.alloc(32, 7);

describe('the secret box', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const box = createSecretBox(key);
    const first = box.seal('client secret ✓');
    expect(first).not.toContain('client secret');
    expect(box.seal('client secret ✓')).not.toBe(first);
    expect(box.open(first)).toBe('client secret ✓');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = createSecretBox(key).seal('s3cret');
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => createSecretBox(key).open(flipped)).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
  });

  it('makes a key in the data directory once, readable by its owner only, and reads it back', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keito-key-')), 'data');
    const made = loadSecretKey(undefined, dir);
    expect(made).toHaveLength(32);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(undefined, dir).equals(made)).toBe(true);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(made.toString('base64'));
  });

  it('prefers KEITO_SECRET_KEY and refuses one of the wrong length', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keito-key-'));
    expect(loadSecretKey(key.toString('base64'), dir).equals(key)).toBe(true);
    expect(() => loadSecretKey(Buffer.alloc(16).toString('base64'), dir)).toThrow(/32 random bytes/);
  });
});
