/**
 * A fast-check arbitrary for the subset of zod 4 that banshi's command and event schemas use
 * (objects, literals, enums, strings, numbers, booleans, arrays, optionals, unions). Business
 * dates are drawn from a pool that mixes real dates with impossible ones (2013-02-30 …), so a
 * schema that checks only the pattern of a date lets them through.
 */
import fc from 'fast-check';

export const realDates = ['2013-01-04', '2013-03-01', '2013-09-16', '2013-09-17', '2013-10-08', '2013-11-29', '2013-12-31', '2014-01-02'] as const;
export const impossibleDates = ['2013-02-30', '2013-02-29', '2013-04-31', '2013-13-01', '2013-00-10', '2013-09-00'] as const;

const texts = ['XK-1', '发改', '营业执照副本', 'a', '台州市', 'node-1', 'x'];

interface Def {
  readonly type: string;
  readonly shape?: Record<string, Schema>;
  readonly values?: readonly unknown[];
  readonly entries?: Record<string, unknown>;
  readonly element?: Schema;
  readonly innerType?: Schema;
  readonly options?: readonly Schema[];
  readonly in?: Schema;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly format?: string; readonly pattern?: RegExp } } }[];
  readonly format?: string;
  readonly pattern?: RegExp;
}
export interface Schema {
  readonly _zod: { readonly def: Def };
}

const DATE_KEY = /(^on$|On$|[dD]ate$|^since$|^until$|^from$|^to$)/;

function isDateString(def: Def, key: string): boolean {
  if (def.format === 'date') return true;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.format === 'date' || (d.pattern && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(d.pattern.source))) return true;
  }
  return DATE_KEY.test(key);
}

/** An arbitrary of values shaped like `schema` (they may still fail its refinements). */
export function zodArbitrary(schema: Schema, key = '', dates: fc.Arbitrary<string> = fc.constantFrom(...realDates, ...impossibleDates)): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const parts: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) parts[k] = zodArbitrary(v, k, dates);
      const optional = Object.entries(shape)
        .filter(([, v]) => v._zod.def.type === 'optional')
        .map(([k]) => k);
      return fc.record(parts, { requiredKeys: Object.keys(shape).filter((k) => !optional.includes(k)) });
    }
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'string':
      return isDateString(def, key) ? dates : fc.constantFrom(...texts);
    case 'number':
    case 'int':
      return fc.integer({ min: 0, max: 25 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.uniqueArray(zodArbitrary(def.element as Schema, key, dates), { minLength: 1, maxLength: 2, selector: (v) => JSON.stringify(v) });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return zodArbitrary(def.innerType as Schema, key, dates);
    case 'pipe':
      return zodArbitrary(def.in as Schema, key, dates);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => zodArbitrary(o, key, dates)));
    case 'null':
      return fc.constant(null);
    case 'record':
      return fc.constant({});
    default:
      throw new Error(`zodArbitrary: no generator for zod type "${def.type}" (at ${key || 'the root'}); add one`);
  }
}
