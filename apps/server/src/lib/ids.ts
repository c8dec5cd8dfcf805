import { randomBytes } from 'node:crypto';

export type IdPrefix =
  | 'acc'
  | 'usr'
  | 'cli'
  | 'con'
  | 'prj'
  | 'tsk'
  | 'pta'
  | 'pua'
  | 'te'
  | 'exp'
  | 'cat'
  | 'key'
  | 'inv'
  | 'pay';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function encodeBase32(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

/**
 * A prefixed, time-ordered id (`te_01hx...`): 10 characters of millisecond timestamp then 16 random
 * characters. Ordering by id is ordering by creation, which keeps cursor pagination stable while
 * rows are being inserted.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`);
  return `${prefix}_${encodeBase32(BigInt(now), 10)}${encodeBase32(random, 16)}`;
}
