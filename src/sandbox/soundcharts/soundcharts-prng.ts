// Soundcharts-shaped derived values (the generator itself is shared, in ../common/prng): everything is derived from
// string keys so two emulators (or two processes) serve identical data. Nothing here may touch Math.random.
import { hashString, hashUnit, mulberry32 } from '../common';

/** A float in [min, max) that depends only on the key. */
export function hashBetween(key: string, min: number, max: number): number {
  return min + hashUnit(key) * (max - min);
}

function charsFromKey(key: string, length: number, alphabet: string): string {
  const rnd = mulberry32(hashString(key));
  // Skip a few outputs so the first character does not correlate with the seed's low bits.
  rnd();
  rnd();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rnd() * alphabet.length)];
  return out;
}

export function hexFromKey(key: string, length: number): string {
  return charsFromKey(key, length, '0123456789abcdef');
}

export function digitsFromKey(key: string, length: number): string {
  return charsFromKey(key, 1, '123456789') + charsFromKey(`${key}#`, length - 1, '0123456789');
}

export function base64UrlFromKey(key: string, length: number): string {
  return charsFromKey(key, length, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
}
