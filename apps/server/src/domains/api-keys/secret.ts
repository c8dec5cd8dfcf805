import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'keito_sk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

function base62(bytes: Buffer, length: number): string {
  let out = '';
  for (const byte of bytes) {
    out += BASE62[byte % 62];
    if (out.length === length) break;
  }
  return out;
}

function checksumOf(body: string): string {
  return base62(createHash('sha256').update(body).digest(), CHECKSUM_LENGTH);
}

/** `keito_sk_<32 random><6 checksum>`: the checksum lets a typo be rejected without a lookup. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const body = base62(randomBytes(64), BODY_LENGTH);
  const key = `${KEY_PREFIX}${body}${checksumOf(body)}`;
  return { key, prefix: displayPrefix(key), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}

export function looksLikeApiKey(key: string): boolean {
  if (!key.startsWith(KEY_PREFIX) || key.length !== KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH) {
    return false;
  }
  const body = key.slice(KEY_PREFIX.length, KEY_PREFIX.length + BODY_LENGTH);
  return key.endsWith(checksumOf(body));
}
