import { describe, expect, it } from 'vitest';
import { messages, negotiateLocale, translate } from './messages';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.2, zh-CN;q=0.8', 'zh-CN'],
    ['de', 'zh-CN'],
  ])('%s → %s', (header, locale) => expect(negotiateLocale(header)).toBe(locale));
});

describe('translate', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('LOGIN_LOCKED', 'en', { minutes: 15 })).toContain('15 minutes');
    expect(translate('LOGIN_LOCKED', 'zh-CN', { minutes: 15 })).toContain('15 分钟');
  });
  it('has every message in both languages with the same placeholders', () => {
    for (const [code, text] of Object.entries(messages)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text['zh-CN']), code).toEqual(names(text.en));
    }
  });
});
