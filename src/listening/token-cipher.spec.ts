import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './token-cipher';

describe('token cipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const token = 'AQDx-refresh-token-' + 'x'.repeat(120);

  it('opens what it sealed, and never stores the token in clear', () => {
    const sealed = sealSecret(token, key, 'listener:1');
    expect(openSecret(sealed, key, 'listener:1')).toBe(token);
    expect(sealed.includes(Buffer.from('refresh-token'))).toBe(false);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + Buffer.byteLength(token));
  });

  it('uses a fresh IV for every value', () => {
    const a = sealSecret(token, key, 'listener:1');
    const b = sealSecret(token, key, 'listener:1');
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses an altered value, another key, or another owner', () => {
    const sealed = sealSecret(token, key, 'listener:1');
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 0x01;
    expect(() => openSecret(altered, key, 'listener:1')).toThrow();
    expect(() => openSecret(sealed, randomBytes(32), 'listener:1')).toThrow();
    expect(() => openSecret(sealed, key, 'listener:2')).toThrow();
    expect(() => openSecret(Buffer.from([2, ...sealed.subarray(1)]), key, 'listener:1')).toThrow(/version/);
  });

  it('insists on a 32-byte key', () => {
    expect(() => sealSecret(token, randomBytes(16), 'x')).toThrow(RangeError);
  });
});
