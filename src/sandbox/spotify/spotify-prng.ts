// Deterministic randomness for the seeded catalog and listening history: the same seed must give the same data in
// every process, so nothing here may touch Math.random or the clock.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type Random = () => number;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a followed by a murmur-style finaliser, so nearby keys ("slot:1", "slot:2") land far apart. */
export function hashString(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A float in [0, 1) that depends only on the key. */
export function hashUnit(key: string): number {
  return hashString(key) / 4294967296;
}

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
