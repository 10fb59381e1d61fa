import { describe, expect, it } from 'vitest';
import { defineMessages, isLang, langs } from './index.js';

describe('defineMessages', () => {
  it('gives each language the same keys, fixed texts and texts built from figures', () => {
    const m = defineMessages({ zh: { none: '本年度无', cases: (n: number) => `${n} 件` }, en: { none: 'none this year', cases: (n: number) => `${n} cases` } });
    expect(langs.map((l) => m[l].cases(3))).toEqual(['3 件', '3 cases']);
    expect(Object.keys(m.en)).toEqual(Object.keys(m.zh));
  });
  it('refuses, at type-check, an English half that lacks a key, adds one, or changes a signature', () => {
    // @ts-expect-error — en lacks `cases`
    defineMessages({ zh: { none: '本年度无', cases: (n: number) => `${n} 件` }, en: { none: 'none this year' } });
    // @ts-expect-error — en adds a key zh does not have
    defineMessages({ zh: { none: '本年度无' }, en: { none: 'none this year', extra: 'x' } });
    // @ts-expect-error — en's message takes another argument
    defineMessages({ zh: { cases: (n: number) => `${n} 件` }, en: { cases: (s: string) => s } });
    expect(isLang('en') && isLang('zh') && !isLang('fr')).toBe(true);
  });
});
