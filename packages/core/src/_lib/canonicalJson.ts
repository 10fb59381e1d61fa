/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined`
 * members dropped, numbers as `JSON.stringify` writes them. It sees exactly the keys and
 * values `JSON.stringify` sees (`toJSON` is honoured, boxed primitives are unwrapped), so what
 * a store writes re-canonicalizes to what was hashed; a `"__proto__"` key, which JavaScript
 * objects cannot hold as plain data everywhere, is refused with a `TypeError` rather than
 * silently dropped (design §7). Two equal values always give
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
  // Most values (every event parsed from a canonical log, every meta the stores build) are
  // already in canonical order: a read-only walk proves it, and the native writer writes them.
  if (writtenAsIs(value, 0)) return JSON.stringify(value);
  const v = toPlain(value, '');
  const copy = sortedCopy(v);
  if (copy === INDEX_KEYS) return writeCanonical(v);
  return JSON.stringify(copy) ?? 'null';
}

const MAX_AS_IS_DEPTH = 64;

/**
 * True when `JSON.stringify(value)` is already its canonical JSON: plain objects whose keys
 * enumerate in ascending order, arrays without holes or undefined, finite numbers, strings,
 * booleans, null; nothing with `toJSON`, no boxed primitives, no `__proto__` key.
 */
function writtenAsIs(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_AS_IS_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return false;
          const v: unknown = value[i];
          if (v === undefined || !writtenAsIs(v, depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      const obj = value as Record<string, unknown>;
      let prev: string | undefined;
      for (const k in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, k)) return false;
        if (k === '__proto__' || (prev !== undefined && !(prev < k))) return false;
        prev = k;
        const v = obj[k];
        if (v === undefined || !writtenAsIs(v, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** What `JSON.stringify` would write for `value` under `key`: `toJSON()` applied, boxed primitives unwrapped. */
function toPlain(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'bigint') return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') value = (toJSON as (k: string) => unknown).call(value, key);
  else if (Object.getPrototypeOf(value) === Object.prototype) return value; // plain data: no boxed primitive
  if (value instanceof Number) return Number(value);
  if (value instanceof String) return String(value);
  if (value instanceof Boolean) return value.valueOf();
  return value;
}

function protoKey(): TypeError {
  return new TypeError('the key "__proto__" cannot be hashed and stored as plain data: rename it (it would change an object\'s prototype instead of holding a value)');
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
/** Only a key that starts with a digit can be an index: the regex runs for those alone. */
const isIndexKey = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX_KEY.test(k);
};
/** Returned by `sortedCopy` when an object has index-like keys: the fast path cannot keep their order. */
const INDEX_KEYS: unique symbol = Symbol('index keys');

function badNumber(n: number): TypeError {
  return new TypeError(`canonical JSON cannot encode the number ${String(n)}`);
}

/**
 * Sorts keys by UTF-16 code units (what `Array.prototype.sort` does to strings): an insertion
 * sort for the few keys a payload object has, which costs less than the generic sort's setup.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
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
          const v: unknown = toPlain(value[i], String(i));
          if (v === undefined || typeof v === 'function') out[i] = null;
          else {
            const c = sortedCopy(v);
            if (c === INDEX_KEYS) return INDEX_KEYS;
            out[i] = c;
          }
        }
        return out;
      }
      const obj = value as Record<string, unknown>;
      const keys = sortKeys(Object.keys(obj));
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        if (k === '__proto__') throw protoKey();
        const v = toPlain(obj[k], k);
        if (v === undefined || typeof v === 'function') continue;
        if (isIndexKey(k)) return INDEX_KEYS;
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
          const v: unknown = toPlain(value[i], String(i));
          out += v === undefined || typeof v === 'function' ? 'null' : writeCanonical(v);
        }
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        if (k === '__proto__') throw protoKey();
        const v = toPlain(obj[k], k);
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
