import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvField, csvLine, decodeText, parseCsv, UTF8_BOM } from './csv';

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 3, null])).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
  });
  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5+cmd|calc')).toBe("'-5+cmd|calc");
    expect(csvField('-1234.56')).toBe('-1234.56');
  });
  it('writes dates as ISO and objects as JSON', () => {
    expect(csvField(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(csvField({ 名称: '合规部' })).toBe('"{""名称"":""合规部""}"');
  });
});

describe('decodeText', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeText(utf8('名称,金额\n北京,1'))).toEqual({ text: '名称,金额\n北京,1', encoding: 'utf-8' });
    expect(decodeText(utf8(`${UTF8_BOM}名称`))).toEqual({ text: '名称', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for bytes that are not UTF-8', () => {
    // GB 2312 code points: 北 B1B1, 京 BEA9, 中 D6D0, 文 CEC4.
    const bytes = new Uint8Array([0x61, 0x2c, 0xb1, 0xb1, 0xbe, 0xa9, 0x0d, 0x0a, 0xd6, 0xd0, 0xce, 0xc4]);
    expect(decodeText(bytes)).toEqual({ text: 'a,北京\r\n中文', encoding: 'gb18030' });
  });

  it('decodes GB18030 four-byte sequences beyond GBK', () => {
    // U+1F600 is GB18030 pointer 189000 + 0xF600 = 251976 → 0x94 0x39 0xFC 0x36.
    expect(decodeText(new Uint8Array([0x94, 0x39, 0xfc, 0x36]))).toEqual({ text: '😀', encoding: 'gb18030' });
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes and embedded line breaks', () => {
    const { records, lines } = parseCsv('name,note\r\n"Wang, Qiang","said ""hi""\r\nthen left"\r\nLi,\r\n');
    expect(records).toEqual([
      ['name', 'note'],
      ['Wang, Qiang', 'said "hi"\r\nthen left'],
      ['Li', ''],
    ]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('accepts LF, CRLF and bare CR line ends, each counted as one line', () => {
    expect(parseCsv('a\nb\r\nc\rd')).toEqual({ records: [['a'], ['b'], ['c'], ['d']], lines: [1, 2, 3, 4] });
    expect(parseCsv('"x\ry\r\nz",1\rnext').lines).toEqual([1, 4]);
  });

  it('skips completely empty lines but keeps lines of empty fields', () => {
    expect(parseCsv('\n\na,b\n\n\r\n,\n""\n\n')).toEqual({ records: [['a', 'b'], ['', ''], ['']], lines: [3, 6, 7] });
    expect(parseCsv('')).toEqual({ records: [], lines: [] });
    expect(parseCsv('\r\n')).toEqual({ records: [], lines: [] });
  });

  it('keeps a last record without a line end, and trailing empty fields', () => {
    expect(parseCsv('a,b\nc,').records).toEqual([['a', 'b'], ['c', '']]);
    expect(parseCsv('a,"b"').records).toEqual([['a', 'b']]);
  });

  it('ignores a leading byte order mark', () => {
    expect(parseCsv(`${UTF8_BOM}名称,金额\n`).records).toEqual([['名称', '金额']]);
  });

  it('keeps quotes and spaces inside unquoted fields as text', () => {
    expect(parseCsv('5" screen, "x" ,a""b').records).toEqual([['5" screen', ' "x" ', 'a""b']]);
  });

  it('names the line where an unterminated quote opened', () => {
    const error = (() => {
      try {
        parseCsv('a,b\n1,2\n3,"open\nstill open\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ reason: 'unterminated_quote', line: 3 });
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('a\n"b"c,d')).toThrow(expect.objectContaining({ reason: 'text_after_quote', line: 2 }));
    expect(() => parseCsv('"b" ,d')).toThrow(CsvSyntaxError);
  });

  it('reads back what csvLine writes', () => {
    const cell = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '=', '-', '+', '@', '\t', "'", ' ', '名'), fc.string({ minLength: 1, maxLength: 1 })) });
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });
    // csvField defuses formula-like cells with a leading quote, and a row of one empty cell is an empty line.
    const expected = (row: string[]) => row.map((c) => (/^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(?:\.\d+)?$/.test(c) ? `'${c}` : c));
    fc.assert(
      fc.property(rows, (matrix) => {
        const text = matrix.map(csvLine).join('');
        const kept = matrix.filter((row) => !(row.length === 1 && row[0] === ''));
        expect(parseCsv(text).records).toEqual(kept.map(expected));
      }),
    );
  });

  it('numbers every record by its first physical line', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', '\n', '\r\n', ',') }), { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (matrix) => {
        const text = matrix.map(csvLine).join('');
        const { records, lines } = parseCsv(text);
        const physical = text.split(/\r\n|\r|\n/);
        records.forEach((record, r) => expect(physical[lines[r]! - 1]).toBe(csvLine(record).split(/\r\n|\r|\n/)[0]));
      }),
    );
  });

  it('parses 100,000 rows of 8 columns (about 10 MB)', () => {
    const row = (r: number) => [String(r), `客户${r}`, `"Name, ${r}"`, '"say ""hi"""', '91110000600037341L', '1234.56', '2026-01-02', '"two\nlines"'].join(',');
    const text = Array.from({ length: 100_000 }, (_, r) => row(r)).join('\r\n');
    const { records, lines } = parseCsv(text);
    expect(records).toHaveLength(100_000);
    expect(records[99_999]).toEqual(['99999', '客户99999', 'Name, 99999', 'say "hi"', '91110000600037341L', '1234.56', '2026-01-02', 'two\nlines']);
    expect(records.every((r) => r.length === 8)).toBe(true);
    expect(lines[99_999]).toBe(199_999);
  });
});
