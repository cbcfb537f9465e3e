import { hashString, hashUnit, mulberry32 } from './prng';

// Math.imul reference (and golden values below): the Spotify catalog was first generated with these, so the seeded data only
// stays identical if the Math.imul-free versions agree bit for bit.
function imulHash(input: string): number {
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

/** First outputs (× 2^32) of the Math.imul mulberry32 the Spotify catalog was generated with. */
const MULBERRY_GOLDEN: ReadonlyArray<readonly [number, readonly number[]]> = [
  [0, [1144304738, 1416247, 958946056]],
  [0x5eed, [3049564378, 1229806541, 4088390650]],
  [0x80000000, [3524353788, 1924613307, 3365584844]],
  [0xffffffff, [3850105811, 813802916, 3073704848]],
];

describe('sandbox prng', () => {
  it('hashString matches the Math.imul reference', () => {
    for (let i = 0; i < 5_000; i++) {
      const key = `slot:${i}:${String.fromCharCode(i % 700)}`;
      expect(hashString(key)).toBe(imulHash(key));
    }
  });

  it('mulberry32 gives the Math.imul outputs, including seeds above 2^31', () => {
    for (const [seed, expected] of MULBERRY_GOLDEN) {
      const rnd = mulberry32(seed);
      expect(expected.map(() => rnd() * 4294967296)).toEqual(expected);
    }
  });

  it('is deterministic and stays in [0, 1)', () => {
    expect(hashUnit('day:1')).toBe(hashUnit('day:1'));
    expect(hashUnit('day:1')).not.toBe(hashUnit('day:2'));
    const rnd = mulberry32(42);
    for (let i = 0; i < 1_000; i++) {
      const v = rnd();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});
