/**
 * Secrets kept at rest (payment gateway credentials): AES-256-GCM, so a database dump or backup
 * alone reveals nothing and a changed ciphertext fails to open instead of decrypting to garbage
 * (docs/decisions/0050-secret-box.md).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format's version, so a later key rotation or algorithm can tell old boxes apart. */
const PREFIX = 'v1:';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes`);
  return {
    seal(plain) {
      // A fresh random IV per box: GCM must never reuse one under the same key.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed secret');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * The key: KEITO_SECRET_KEY (base64 of 32 bytes) when the operator gives one, else a key generated
 * once into the data directory, as the embedded database is, so a default install keeps working
 * across restarts. Losing that file loses the stored credentials (they are entered again).
 */
export async function loadSecretKey(fromEnvironment: string | undefined, dataDir: string): Promise<Buffer> {
  if (fromEnvironment !== undefined) return decodeKey(fromEnvironment, 'KEITO_SECRET_KEY');
  const file = path.join(dataDir, 'secret.key');
  try {
    return decodeKey(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // `wx` so two processes starting together cannot each write a different key.
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return decodeKey(await readFile(file, 'utf8'), file);
}

function decodeKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${source} must be the base64 of ${KEY_BYTES} bytes`);
  return key;
}
