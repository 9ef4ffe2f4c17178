import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret with 256 bits of entropy, URL-safe. */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** High-entropy secrets need no slow hash: SHA-256 keeps them useless if the table leaks. */
export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const API_TOKEN_PREFIX = 'prb_';
