import { randomFillSync } from 'node:crypto';

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
  | 'rcp'
  | 'key'
  | 'inv'
  | 'pay'
  | 'tsh'
  | 'aud'
  | 'rpt';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const TIME_CHARACTERS = 10;
const RANDOM_CHARACTERS = 16;

/** Random bytes drawn in blocks (as crypto.randomUUID does): a batch of entries makes ids by the hundred. */
const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;

function randomCharacters(count: number): string {
  if (randomOffset + count > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  let out = '';
  for (let i = 0; i < count; i++) out += ALPHABET[(randomPool[randomOffset++] as number) & 31];
  return out;
}

function timeCharacters(milliseconds: number): string {
  let out = '';
  let rest = milliseconds;
  for (let i = 0; i < TIME_CHARACTERS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * A prefixed, time-ordered id (`te_01hx...`): 10 characters of millisecond timestamp then 16 random
 * characters (80 bits). Ordering by id is ordering by creation, which keeps cursor pagination
 * stable while rows are being inserted.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return `${prefix}_${timeCharacters(now)}${randomCharacters(RANDOM_CHARACTERS)}`;
}
