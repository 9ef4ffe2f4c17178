import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  identifierSchemes,
  isSensitiveScheme,
  isValidResidentId,
  isValidUscc,
  maskIdentifier,
  normalizeIdentifier,
  residentIdCheckCharacter,
  usccCheckCharacter,
  validateIdentifier,
} from './identifiers';

// Independent re-derivations, written differently from the implementation on purpose.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 / GB/T 17710 MOD 31-3: the weights are 3^i mod 31, the check makes Σ ≡ 0 mod 31. */
function referenceUsccCheck(body: string): string {
  let sum = 0;
  let weight = 1;
  for (const c of body) {
    sum += ALPHABET.indexOf(c) * weight;
    weight = (weight * 3) % 31;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}
/** ISO 7064 MOD 11-2, recursive (pure system) form from the standard: P ← (P + a)·2 mod 11. */
function referenceMod112(body: string): string {
  let p = 0;
  for (const c of body) p = ((p + Number(c)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}
/** Same check via the base-13 trick (13 ≡ 2 mod 11), as python-stdnum's cn.ric computes it. */
const base13Check = (body: string) => {
  const c = Number((((1n - 2n * [...body].reduce((n, d) => n * 13n + BigInt(d), 0n)) % 11n) + 11n) % 11n);
  return c === 10 ? 'X' : String(c);
};

const TODAY = new Date('2026-03-01T00:00:00Z');

describe('USCC (GB 32100-2015)', () => {
  // Published codes; each is confirmed by the independent reference before being trusted.
  const published = [
    '91110000600037341L', // python-stdnum cn.uscc doctest
    '91440300708461136T', // 腾讯科技（深圳）有限公司, printed on its business licence
    '91110108551385082Q', // 小米科技有限责任公司
  ];
  it.each(published)('accepts %s, agreeing with the reference computation', (code) => {
    expect(referenceUsccCheck(code.slice(0, 17))).toBe(code[17]);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(isValidUscc(code)).toBe(true);
    expect(validateIdentifier('uscc', code)).toEqual({ ok: true, value: code });
  });

  it('rejects 91310000MA1FL5LX3Q, an example quoted from memory: its check character is K', () => {
    expect(referenceUsccCheck('91310000MA1FL5LX3')).toBe('K');
    expect(validateIdentifier('uscc', '91310000MA1FL5LX3Q')).toEqual({ ok: false, code: 'USCC_CHECK_DIGIT' });
  });

  it('maps a check value of 31 to 0', () => {
    // Σ = 0 when the body is all zeros, so 31 − 0 = 31 → '0'.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('reports format errors before check errors', () => {
    expect(validateIdentifier('uscc', '9111000060003734')).toEqual({ ok: false, code: 'USCC_FORMAT' });
    expect(validateIdentifier('uscc', '91110000600037341I')).toEqual({ ok: false, code: 'USCC_FORMAT' });
    expect(validateIdentifier('uscc', '91A10000600037341L')).toEqual({ ok: false, code: 'USCC_FORMAT' });
    expect(validateIdentifier('uscc', '91110000600037341M')).toEqual({ ok: false, code: 'USCC_CHECK_DIGIT' });
    expect(validateIdentifier('uscc', '  ')).toEqual({ ok: false, code: 'IDENTIFIER_EMPTY' });
  });

  it('normalises before validating', () => {
    expect(validateIdentifier('uscc', ' ９１１１００００-６０００３７３４１ｌ ')).toEqual({ ok: true, value: '91110000600037341L' });
    expect(validateIdentifier('uscc', '91 110000 600037341l')).toEqual({ ok: true, value: '91110000600037341L' });
  });

  it('rejects bad input to usccCheckCharacter loudly', () => {
    expect(() => usccCheckCharacter('123')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9111000060003734I')).toThrow(RangeError);
  });

  const usccChar = fc.constantFrom(...ALPHABET);
  const digit = fc.constantFrom(...'0123456789');
  const usccBody = fc
    .tuple(fc.string({ unit: usccChar, minLength: 2, maxLength: 2 }), fc.string({ unit: digit, minLength: 6, maxLength: 6 }), fc.string({ unit: usccChar, minLength: 9, maxLength: 9 }))
    .map((parts) => parts.join(''));

  it('accepts every body with its computed check character', () => {
    fc.assert(
      fc.property(usccBody, (body) => {
        expect(usccCheckCharacter(body)).toBe(referenceUsccCheck(body));
        expect(isValidUscc(body + usccCheckCharacter(body))).toBe(true);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(usccBody, fc.nat(17), fc.nat(29), (body, position, shift) => {
        const code = body + usccCheckCharacter(body);
        const replacement = ALPHABET[(ALPHABET.indexOf(code[position]!) + 1 + shift) % 31]!;
        const altered = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(isValidUscc(altered)).toBe(false);
      }),
    );
  });
});

describe('resident identity card number (GB 11643-1999)', () => {
  it('accepts the GB 11643 example 11010519491231002X', () => {
    expect(referenceMod112('11010519491231002')).toBe('X');
    expect(base13Check('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X', TODAY)).toBe(true);
  });

  it('accepts 360426199101010071 (python-stdnum cn.ric doctest)', () => {
    expect(referenceMod112('36042619910101007')).toBe('1');
    expect(validateIdentifier('cn_resident_id', '360426199101010071', TODAY)).toEqual({ ok: true, value: '360426199101010071' });
  });

  it('rejects the other textbook example 440524188001010014 only for its 1880 birth date', () => {
    expect(referenceMod112('44052418800101001')).toBe('4');
    expect(validateIdentifier('cn_resident_id', '440524188001010014', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('matches the ISO 7064 MOD 11-2 examples (leading zeros do not change the check)', () => {
    // ISO 7064 Annex: 0794 → check 0; ORCID 0000-0002-1825-0097 uses the same system.
    expect(residentIdCheckCharacter('0000000000000' + '0794')).toBe('0');
    expect(residentIdCheckCharacter('00' + '000000021825009')).toBe('7');
  });

  it('names the failing part', () => {
    const v = (raw: string) => validateIdentifier('cn_resident_id', raw, TODAY);
    expect(v('11010519491231002')).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
    expect(v('1101051949123100AX')).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
    expect(v('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(v('11010519491231002Y')).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
    expect(v('11010519491231003X')).toEqual({ ok: false, code: 'ID_NUMBER_CHECK_DIGIT' });
    const withBody = (body: string) => v(body + referenceMod112(body));
    expect(withBody('19010519491231002')).toEqual({ ok: false, code: 'ID_NUMBER_REGION' });
    expect(withBody('84010519491231002')).toEqual({ ok: false, code: 'ID_NUMBER_REGION' });
    expect(withBody('83010519491231002')).toMatchObject({ ok: true });
    expect(withBody('11010519490230002')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(withBody('11010520000229002')).toMatchObject({ ok: true });
    expect(withBody('11010519000229002')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(withBody('11010518991231002')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(withBody('11010519001301002')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('rejects birth dates after today in China Standard Time', () => {
    const body = '11010520260302001';
    const id = body + referenceMod112(body);
    expect(isValidResidentId(id, new Date('2026-03-01T15:59:59Z'))).toBe(false);
    expect(isValidResidentId(id, new Date('2026-03-01T16:00:00Z'))).toBe(true);
  });

  it('rejects bad input to residentIdCheckCharacter loudly', () => {
    expect(() => residentIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });

  const province = fc.constantFrom(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91);
  const idBody = fc
    .tuple(province, fc.integer({ min: 0, max: 9999 }), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-02-28T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
    .map(([p, area, birth, seq]) => `${p}${String(area).padStart(4, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`);

  it('accepts every plausible body with its computed check character', () => {
    fc.assert(
      fc.property(idBody, (body) => {
        expect(residentIdCheckCharacter(body)).toBe(referenceMod112(body));
        expect(residentIdCheckCharacter(body)).toBe(base13Check(body));
        expect(isValidResidentId(body + residentIdCheckCharacter(body), TODAY)).toBe(true);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    const chars = '0123456789X';
    fc.assert(
      fc.property(idBody, fc.nat(17), fc.nat(9), (body, position, shift) => {
        const id = body + residentIdCheckCharacter(body);
        const replacement = chars[(chars.indexOf(id[position]!) + 1 + shift) % 11]!;
        expect(isValidResidentId(id.slice(0, position) + replacement + id.slice(position + 1), TODAY)).toBe(false);
      }),
    );
  });
});

describe('passport and other', () => {
  it('accepts 5–20 letters and digits', () => {
    expect(validateIdentifier('passport', 'e 1234-5678')).toEqual({ ok: true, value: 'E12345678' });
    expect(validateIdentifier('passport', 'AB12')).toEqual({ ok: false, code: 'PASSPORT_FORMAT' });
    expect(validateIdentifier('passport', 'A'.repeat(21))).toEqual({ ok: false, code: 'PASSPORT_FORMAT' });
    expect(validateIdentifier('passport', 'E1234567/8')).toEqual({ ok: false, code: 'PASSPORT_FORMAT' });
    expect(validateIdentifier('passport', ' - ')).toEqual({ ok: false, code: 'IDENTIFIER_EMPTY' });
  });

  it('keeps other identifiers as typed, apart from padding and full-width forms', () => {
    expect(validateIdentifier('other', '  HRB 12345-b　')).toEqual({ ok: true, value: 'HRB 12345-b' });
    expect(validateIdentifier('other', 'Ａｂ  1')).toEqual({ ok: true, value: 'Ab 1' });
    expect(validateIdentifier('other', 'x'.repeat(64))).toMatchObject({ ok: true });
    expect(validateIdentifier('other', '中'.repeat(64))).toMatchObject({ ok: true });
    expect(validateIdentifier('other', 'x'.repeat(65))).toEqual({ ok: false, code: 'IDENTIFIER_TOO_LONG' });
    expect(validateIdentifier('other', '\t')).toEqual({ ok: false, code: 'IDENTIFIER_EMPTY' });
  });
});

describe('normalizeIdentifier', () => {
  it('drops separators, converts full width and upper-cases ASCII', () => {
    expect(normalizeIdentifier('cn_resident_id', ' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normalizeIdentifier('cn_resident_id', '１１０１０５－１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdentifier('uscc', '91–110000—600037341L')).toBe('91110000600037341L');
  });

  it('is idempotent and never throws, for every scheme', () => {
    fc.assert(
      fc.property(fc.constantFrom(...identifierSchemes), fc.string({ unit: 'binary' }), (scheme, raw) => {
        const once = normalizeIdentifier(scheme, raw);
        expect(normalizeIdentifier(scheme, once)).toBe(once);
        expect(() => validateIdentifier(scheme, raw)).not.toThrow();
        expect(() => maskIdentifier(scheme, raw)).not.toThrow();
        expect(typeof isValidUscc(raw)).toBe('boolean');
        expect(typeof isValidResidentId(raw)).toBe('boolean');
      }),
    );
    // A hundred random strings per scheme: seconds on a busy machine, not the default five.
  }, 30_000);
});

describe('masking', () => {
  it('shows 4 + 4 characters of an ID number and 2 + 2 of a passport', () => {
    expect(maskIdentifier('cn_resident_id', '310104199001011234')).toBe('3101**********1234');
    expect(maskIdentifier('passport', 'E12345678')).toBe('E1*****78');
  });

  it('returns public registration data unchanged', () => {
    expect(maskIdentifier('uscc', '91110000600037341L')).toBe('91110000600037341L');
    expect(maskIdentifier('other', 'HRB 12345')).toBe('HRB 12345');
    expect(isSensitiveScheme('uscc')).toBe(false);
    expect(isSensitiveScheme('other')).toBe(false);
    expect(isSensitiveScheme('cn_resident_id')).toBe(true);
    expect(isSensitiveScheme('passport')).toBe(true);
  });

  it('reveals less of short values', () => {
    expect(maskIdentifier('passport', 'G1234')).toBe('G***4');
    expect(maskIdentifier('cn_resident_id', '110105490101002')).toBe('110*********002');
    expect(maskIdentifier('cn_resident_id', '123')).toBe('***');
  });

  it('keeps the length and never reveals more than 8 characters (at most half)', () => {
    fc.assert(
      fc.property(fc.constantFrom('cn_resident_id', 'passport') as fc.Arbitrary<'cn_resident_id' | 'passport'>, fc.string({ unit: fc.constantFrom(...'0123456789AX中') }), (scheme, value) => {
        const masked = [...maskIdentifier(scheme, value)];
        const original = [...value];
        expect(masked).toHaveLength(original.length);
        const shown = masked.flatMap((c, i) => (c === '*' ? [] : [i]));
        expect(shown.every((i) => masked[i] === original[i])).toBe(true);
        expect(shown.length).toBeLessThanOrEqual(Math.min(8, original.length / 2));
      }),
    );
  });
});
