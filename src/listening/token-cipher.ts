// Refresh tokens at rest: AES-256-GCM under ENCRYPTION_KEY, a random 12-byte IV per value, the 16-byte tag kept
// with it, and the owner's id as additional data so a sealed token copied onto another listener fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Layout version, so a later key rotation or algorithm can tell old values apart. */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError('the encryption key must be 32 bytes');
}

/** `version (1) | iv (12) | tag (16) | ciphertext`. */
export function sealSecret(plaintext: string, key: Buffer, associatedData: string): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the value was altered, sealed under another key, or for other associated data. */
export function openSecret(sealed: Buffer, key: Buffer, associatedData: string): string {
  checkKey(key);
  if (sealed.length < HEADER || sealed[0] !== VERSION) throw new Error('not a sealed secret (version 1)');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]).toString('utf8');
}
