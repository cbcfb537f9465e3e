// Deterministic randomness shared by the seeded sandbox data: the same key must give the same value in every
// process, so nothing here may touch Math.random or the clock. Provider-specific id shapes live beside each provider.

export type Random = () => number;

/**
 * (a × b) mod 2^32 as an unsigned integer: what Math.imul computes (same bits after `>>> 0`), without Math.imul,
 * which runs ~25 times slower inside Jest's VM contexts (the datasets hash ~10^5 keys per emulator).
 */
function mul32(a: number, b: number): number {
  const x = a >>> 0;
  const y = b >>> 0;
  return ((x & 0xffff) * y + ((((x >>> 16) * y) & 0xffff) << 16)) >>> 0;
}

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = mul32(t ^ (t >>> 15), t | 1);
    t ^= t + mul32(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a followed by a murmur-style finaliser, so nearby keys ("slot:1", "slot:2") land far apart. */
export function hashString(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = mul32(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = mul32(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = mul32(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A float in [0, 1) that depends only on the key. */
export function hashUnit(key: string): number {
  return hashString(key) / 4294967296;
}
