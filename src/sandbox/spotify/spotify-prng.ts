// Spotify-shaped derived values for the seeded catalog and listening history (the generator itself is shared, in
// ../common/prng): the same seed must give the same data in every process, so nothing here may touch Math.random.
import { hashString, mulberry32, type Random } from '../common';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify-style id (22 base62 characters) derived from a stable key. */
export function base62Id(key: string): string {
  const rnd = mulberry32(hashString(key));
  let id = '';
  // Skip a few outputs so the first character does not correlate with the seed's low bits.
  rnd();
  rnd();
  for (let i = 0; i < 22; i++) id += BASE62[Math.floor(rnd() * 62)];
  return id;
}

/** Lower-case hex of the given length derived from a stable key (image ids, UPC-like digits). */
export function hexFromKey(key: string, length: number): string {
  const rnd = mulberry32(hashString(key));
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rnd() * 16).toString(16);
  return out;
}

export function digitsFromKey(key: string, length: number): string {
  const rnd = mulberry32(hashString(key));
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rnd() * 10).toString();
  return out;
}

export function pick<T>(rnd: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick() from an empty list');
  return items[Math.floor(rnd() * items.length)];
}

export function intBetween(rnd: Random, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

/** Approximately normal (Irwin-Hall of 4 uniforms), mean 0 and standard deviation ~1. */
export function gaussian(rnd: Random): number {
  return (rnd() + rnd() + rnd() + rnd() - 2) * Math.sqrt(3);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
