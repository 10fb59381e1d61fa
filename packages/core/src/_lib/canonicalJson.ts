/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined`
 * members dropped, numbers as `JSON.stringify` writes them. Two equal values always give
 * the same text, so a hash over it is stable across machines (compare RFC 8785).
 *
 * Fast path: build a copy whose keys are inserted in sorted order and let the native
 * `JSON.stringify` write it (it keeps insertion order for non-index keys). A value holding an
 * object with array-index keys ("0", "17"), which JavaScript always orders numerically, is
 * written by the plain recursive writer instead. Both give the same text.
 *
 * @example
 * canonicalJson({ b: 1, a: ['办件', undefined] }); // '{"a":["办件",null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  if (copy === INDEX_KEYS) return writeCanonical(value);
  return JSON.stringify(copy) ?? 'null';
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
/** Returned by `sortedCopy` when an object has index-like keys: the fast path cannot keep their order. */
const INDEX_KEYS: unique symbol = Symbol('index keys');

function badNumber(n: number): TypeError {
  return new TypeError(`canonical JSON cannot encode the number ${String(n)}`);
}

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw badNumber(value);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          if (v === undefined || typeof v === 'function') out[i] = null;
          else {
            const c = sortedCopy(v);
            if (c === INDEX_KEYS) return INDEX_KEYS;
            out[i] = c;
          }
        }
        return out;
      }
      if (value instanceof Date) return value.toISOString();
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      if (keys.length > 1) keys.sort();
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined || typeof v === 'function') continue;
        if (INDEX_KEY.test(k)) return INDEX_KEYS;
        const c = sortedCopy(v);
        if (c === INDEX_KEYS) return INDEX_KEYS;
        out[k] = c;
      }
      return out;
    }
    case 'bigint':
      throw new TypeError('canonical JSON cannot encode a bigint; store it as a string');
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}

/** The plain recursive writer (used for objects with index-like keys). */
function writeCanonical(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw badNumber(value);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          out += v === undefined || typeof v === 'function' ? 'null' : writeCanonical(v);
        }
        return out + ']';
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined || typeof v === 'function') continue;
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(k) + ':' + writeCanonical(v);
      }
      return out + '}';
    }
    case 'bigint':
      throw new TypeError('canonical JSON cannot encode a bigint; store it as a string');
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}
