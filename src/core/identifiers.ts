// Identifiers of parties: 统一社会信用代码 (GB 32100-2015), 居民身份证号码 (GB 11643-1999), passports.

export const identifierSchemes = ['uscc', 'cn_resident_id', 'passport', 'other'] as const;
export type IdentifierScheme = (typeof identifierSchemes)[number];

export type IdentifierErrorCode =
  | 'IDENTIFIER_EMPTY'
  | 'IDENTIFIER_TOO_LONG'
  | 'USCC_FORMAT'
  | 'USCC_CHECK_DIGIT'
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_REGION'
  | 'ID_NUMBER_CHECK_DIGIT'
  | 'PASSPORT_FORMAT';

export type IdentifierValidation = { ok: true; value: string } | { ok: false; code: IdentifierErrorCode };

const OTHER_MAX_LENGTH = 64;

// GB 32100-2015 character set: digits and capitals without I, O, Z, S, V.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('USCC body must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Not a USCC character: ${first17.charAt(i)}`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Expects a normalised value (see normalizeIdentifier). */
export function isValidUscc(value: string): boolean {
  return USCC_PATTERN.test(value) && usccCheckCharacter(value.slice(0, 17)) === value.charAt(17);
}

// ISO 7064 MOD 11-2 as used by GB 11643-1999.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_PATTERN = /^[0-9]{17}[0-9X]$/;
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]);

export function residentIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('ID number body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

// Birth dates are Chinese calendar days, so "today" is taken in China Standard Time (UTC+8, no DST).
function chinaDateKey(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return yyyymmdd <= chinaDateKey(today);
}

function residentIdError(value: string, today: Date): IdentifierErrorCode | null {
  if (!ID_PATTERN.test(value)) return 'ID_NUMBER_FORMAT';
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return 'ID_NUMBER_REGION';
  if (!isPlausibleBirthDate(value.slice(6, 14), today)) return 'ID_NUMBER_BIRTH_DATE';
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) return 'ID_NUMBER_CHECK_DIGIT';
  return null;
}

/** Expects a normalised value (see normalizeIdentifier). */
export function isValidResidentId(value: string, today: Date = new Date()): boolean {
  return residentIdError(value, today) === null;
}

const toHalfWidth = (text: string) =>
  text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/**
 * Structured schemes drop every space and dash people type as separators; `other` may be any
 * foreign register number, where case and punctuation can matter, so it only loses padding.
 */
export function normalizeIdentifier(scheme: IdentifierScheme, raw: string): string {
  const text = toHalfWidth(raw);
  if (scheme === 'other') return text.trim().replace(/\s+/g, ' ');
  return text.replace(/[\s\-\u2010-\u2015\u2212]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase());
}

export function validateIdentifier(scheme: IdentifierScheme, raw: string, today: Date = new Date()): IdentifierValidation {
  const value = normalizeIdentifier(scheme, raw);
  if (value === '') return { ok: false, code: 'IDENTIFIER_EMPTY' };
  const code = errorOf(scheme, value, today);
  return code ? { ok: false, code } : { ok: true, value };
}

function errorOf(scheme: IdentifierScheme, value: string, today: Date): IdentifierErrorCode | null {
  switch (scheme) {
    case 'uscc':
      if (!USCC_PATTERN.test(value)) return 'USCC_FORMAT';
      return isValidUscc(value) ? null : 'USCC_CHECK_DIGIT';
    case 'cn_resident_id':
      return residentIdError(value, today);
    case 'passport':
      return /^[A-Z0-9]{5,20}$/.test(value) ? null : 'PASSPORT_FORMAT';
    case 'other':
      return [...value].length > OTHER_MAX_LENGTH ? 'IDENTIFIER_TOO_LONG' : null;
  }
}

export const isSensitiveScheme = (scheme: IdentifierScheme) => scheme === 'cn_resident_id' || scheme === 'passport';

/**
 * Keeps the length; never shows more than a quarter of the characters at either end, so short
 * (malformed or legacy 15-digit) values are not mostly revealed.
 */
export function maskIdentifier(scheme: IdentifierScheme, value: string): string {
  if (!isSensitiveScheme(scheme)) return value;
  const chars = [...value];
  const keep = Math.min(scheme === 'cn_resident_id' ? 4 : 2, Math.floor(chars.length / 4));
  return chars.map((c, i) => (i < keep || i >= chars.length - keep ? c : '*')).join('');
}
