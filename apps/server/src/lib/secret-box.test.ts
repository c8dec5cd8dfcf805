import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey, secretBox } from './secret-box.ts';

describe('secret box', () => {
  it('opens what it sealed, and the sealed text neither shows the secret nor repeats', () => {
    const box = secretBox(randomBytes(32));
    const first = box.seal('sk_test_very_secret');
    expect(first).not.toContain('sk_test_very_secret');
    expect(box.seal('sk_test_very_secret')).not.toBe(first);
    expect(box.open(first)).toBe('sk_test_very_secret');
  });

  it('refuses a changed box and another key', () => {
    const box = secretBox(randomBytes(32));
    const sealed = box.seal('secret');
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    expect(() => box.open(`v1:${bytes.toString('base64')}`)).toThrow();
    expect(() => secretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('generates the key once into the data directory, and takes the environment one first', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'keito-secret-'));
    const generated = await loadSecretKey(undefined, dir);
    expect(await loadSecretKey(undefined, dir)).toEqual(generated);
    expect(Buffer.from(await readFile(path.join(dir, 'secret.key'), 'utf8'), 'base64')).toEqual(generated);
    const given = randomBytes(32);
    expect(await loadSecretKey(given.toString('base64'), dir)).toEqual(given);
    await expect(loadSecretKey('c2hvcnQ=', dir)).rejects.toThrow('KEITO_SECRET_KEY');
  });
});
