// fast-check arbitraries shared by the matching tests (test support, not used by the application).
import fc from 'fast-check';

const cjkChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
const latinChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** Sensible names: 1–12 Chinese characters, or 1–3 Latin words. */
export const nameArb = fc.oneof(
  fc.string({ unit: cjkChar, minLength: 1, maxLength: 12 }),
  fc.array(fc.string({ unit: latinChar, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
);
