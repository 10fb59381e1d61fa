/**
 * The languages a report prints in: Chinese (the default) or English, never both in one report.
 *
 * @example
 * langs.includes('en'); // true
 */
export const langs = ['zh', 'en'] as const;

/**
 * One of {@link langs}.
 *
 * @example
 * const lang: Lang = 'en';
 */
export type Lang = (typeof langs)[number];

/** A message: fixed text, or text built from the figures it names. */
export type Message = string | ((...args: never[]) => string);

/** The English half of a catalog has the Chinese half's keys and signatures, no more and no fewer. */
export type SameKeys<Zh> = { readonly [K in keyof Zh]: Zh[K] extends string ? string : Zh[K] };

/**
 * A package's message catalog: every label in Chinese and in English under the same keys. A key
 * missing from either half, or a message with another signature, fails to type-check.
 *
 * @example
 * const m = defineMessages({ zh: { none: '本年度无', cases: (n: number) => `${n} 件` }, en: { none: 'none this year', cases: (n: number) => `${n} cases` } });
 * m.en.cases(3); // '3 cases'
 */
export function defineMessages<const Zh extends Readonly<Record<string, Message>>>(catalog: { readonly zh: Zh; readonly en: SameKeys<NoInfer<Zh>> }): { readonly zh: SameKeys<Zh>; readonly en: SameKeys<Zh> } {
  return catalog as { readonly zh: SameKeys<Zh>; readonly en: SameKeys<Zh> };
}

/**
 * Whether a text names one of {@link langs}.
 *
 * @example
 * isLang('en'); // true
 */
export function isLang(value: unknown): value is Lang {
  return (langs as readonly unknown[]).includes(value);
}
