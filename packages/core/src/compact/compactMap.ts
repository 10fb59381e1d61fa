/**
 * A string-keyed map for read models that keep one number per open stream (issue #18): a `Map`
 * entry with its key string costs about 100 bytes, this table about 44 (the key, its number and its hash). The prefix all keys share
 * (`case-TZ-2013-`) is kept once; the rest of each key is stored as its UTF-16 code units in one
 * growing byte pool (one byte a unit when every unit is below 256, else two), found by open
 * addressing over typed arrays; number values live in a `Float64Array`. A
 * value that is not a number goes to an ordinary `Map` beside it, so callers can keep a rare
 * unpackable object under the same key space.
 *
 * @example
 * const m = createCompactMap<{ visits: number }>();
 * m.set('case-TZ-2013-000001', 42);
 * m.get('case-TZ-2013-000001'); // 42
 */
export interface CompactMap<T> extends Iterable<[string, number | T]> {
  readonly size: number;
  get(key: string): number | T | undefined;
  has(key: string): boolean;
  set(key: string, value: number | T): CompactMap<T>;
  delete(key: string): boolean;
  clear(): void;
  entries(): IterableIterator<[string, number | T]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<number | T>;
}

const EMPTY = 0;
const TOMBSTONE = -1;
/** `keyAt` of an entry on the free list (its `numbers` slot then links the list). */
const FREE = 0xffffffff;
const MIN_SLOTS = 16;
const MIN_ENTRIES = 8;
const MIN_POOL = 256;

const mix = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);
const SEED = 0x811c9dc5 | 0;

function hashOf(key: string): number {
  let h = SEED;
  for (let i = 0; i < key.length; i++) h = mix(h, key.charCodeAt(i));
  return h;
}

function grown<A extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: A, need: number, make: (n: number) => A): A {
  if (need <= a.length) return a;
  let n = Math.max(a.length, 1);
  while (n < need) n = Math.ceil(n * 1.5);
  const b = make(n);
  b.set(a);
  return b;
}

/**
 * A new, empty {@link CompactMap}. Lookups, inserts and deletes are amortised O(key length);
 * iteration decodes and sorts the keys (it runs in key order, unlike a `Map`), so it is for
 * snapshots, not for the hot path.
 *
 * @example
 * const open = createCompactMap<never>();
 * open.set('case-1', 7).set('case-2', 8);
 * open.delete('case-1');
 * [...open]; // [['case-2', 8]]
 */
export function createCompactMap<T = never>(): CompactMap<T> {
  let slots = new Int32Array(MIN_SLOTS);
  let usedSlots = 0;
  /** Where the entry's key starts in `pool`: a header (varint of length × 2, + 1 when two bytes a unit), then the units. */
  let keyAt = new Uint32Array(MIN_ENTRIES);
  let numbers = new Float64Array(MIN_ENTRIES);
  /** Each entry's hash: a probe compares it before it reads the key from the pool (one random read, not three). */
  let hashes = new Int32Array(MIN_ENTRIES);
  let entryCount = 0;
  let freeHead = -1;
  let live = 0;
  let pool = new Uint8Array(MIN_POOL);
  let poolUsed = 0;
  let poolGarbage = 0;
  const others = new Map<string, T>();
  /** What every key in the table starts with (stored once, not per key); `null` while the table is empty. */
  let prefix: string | null = null;
  // The header read by `header`: the key's length in units, whether two bytes a unit, where its units start.
  let hLength = 0;
  let hWide = false;
  let hStart = 0;

  function header(at: number): void {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = pool[at++] as number;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b >= 0x80);
    hLength = Math.floor(v / 2);
    hWide = v % 2 === 1;
    hStart = at;
  }

  /** Bytes the key at `at` takes in the pool, header included. */
  function sizeAt(at: number): number {
    header(at);
    return hStart - at + hLength * (hWide ? 2 : 1);
  }

  function unitAt(i: number): number {
    return hWide ? (pool[hStart + 2 * i] as number) | ((pool[hStart + 2 * i + 1] as number) << 8) : (pool[hStart + i] as number);
  }

  /** Whether entry `e` holds `key`, which starts with the prefix. */
  function keyEquals(e: number, key: string, from: number): boolean {
    header(keyAt[e] as number);
    if (hLength !== key.length - from) return false;
    for (let i = 0; i < hLength; i++) if (unitAt(i) !== key.charCodeAt(from + i)) return false;
    return true;
  }

  function keyOf(e: number): string {
    header(keyAt[e] as number);
    let s = prefix as string;
    for (let i = 0; i < hLength; i++) s += String.fromCharCode(unitAt(i));
    return s;
  }

  /** The slot holding `key`, or -1. */
  function find(key: string, h: number): number {
    if (prefix === null || !key.startsWith(prefix)) return -1;
    const from = prefix.length;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i] as number;
      if (s === EMPTY) return -1;
      if (s !== TOMBSTONE && hashes[s - 1] === h && keyEquals(s - 1, key, from)) return i;
    }
  }

  function rehash(size: number): void {
    slots = new Int32Array(size);
    const mask = size - 1;
    for (let e = 0; e < entryCount; e++) {
      if (keyAt[e] === FREE) continue;
      let i = (hashes[e] as number) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    usedSlots = live;
  }

  function compactPool(room: number): void {
    const next = new Uint8Array(Math.max(MIN_POOL, Math.ceil((poolUsed - poolGarbage + room) * 1.25)));
    let to = 0;
    for (let e = 0; e < entryCount; e++) {
      const at = keyAt[e] as number;
      if (at === FREE) continue;
      const n = sizeAt(at);
      next.set(pool.subarray(at, at + n), to);
      keyAt[e] = to;
      to += n;
    }
    pool = next;
    poolUsed = to;
    poolGarbage = 0;
  }

  /** Writes `key` from unit `from` on (after the prefix) at the end of the pool; where it starts. */
  function encode(key: string, from: number): number {
    let narrow = true;
    for (let i = from; i < key.length && narrow; i++) narrow = key.charCodeAt(i) <= 0xff;
    const units = key.length - from;
    let v = units * 2 + (narrow ? 0 : 1);
    let n = units * (narrow ? 1 : 2) + 1;
    for (let rest = v; rest >= 0x80; rest = Math.floor(rest / 128)) n++;
    // Reclaim deleted keys before growing the pool, so that churn does not grow it.
    if (poolUsed + n > pool.length && poolGarbage * 4 > poolUsed) compactPool(n);
    pool = grown(pool, poolUsed + n, (k) => new Uint8Array(k));
    const at = poolUsed;
    let p = at;
    while (v >= 0x80) {
      pool[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    pool[p++] = v;
    if (narrow) for (let i = 0; i < units; i++) pool[p + i] = key.charCodeAt(from + i);
    else
      for (let i = 0; i < units; i++) {
        const c = key.charCodeAt(from + i);
        pool[p + 2 * i] = c & 0xff;
        pool[p + 2 * i + 1] = c >>> 8;
      }
    poolUsed = p + units * (narrow ? 1 : 2);
    return at;
  }

  /** Shortens the prefix to `next` and writes every key again without it. Hashes cover whole keys, so the slots stay. */
  function repack(next: string): void {
    const keys = new Map<number, string>();
    for (let e = 0; e < entryCount; e++) if (keyAt[e] !== FREE) keys.set(e, keyOf(e));
    prefix = next;
    pool = new Uint8Array(MIN_POOL);
    poolUsed = 0;
    poolGarbage = 0;
    for (const [e, k] of keys) keyAt[e] = encode(k, next.length);
  }

  function insert(key: string, h: number, value: number): void {
    if ((usedSlots + 1) * 4 > slots.length * 3) rehash(live * 2 >= slots.length ? slots.length * 2 : slots.length);
    if (prefix === null) {
      prefix = key;
    } else if (!key.startsWith(prefix)) {
      let common = 0;
      while (common < prefix.length && prefix.charCodeAt(common) === key.charCodeAt(common)) common++;
      repack(prefix.slice(0, common));
    }
    const at = encode(key, prefix.length);
    let e = freeHead;
    if (e >= 0) freeHead = numbers[e] as number;
    else {
      e = entryCount++;
      keyAt = grown(keyAt, entryCount, (k) => new Uint32Array(k));
      numbers = grown(numbers, entryCount, (k) => new Float64Array(k));
      hashes = grown(hashes, entryCount, (k) => new Int32Array(k));
    }
    keyAt[e] = at;
    hashes[e] = h;
    numbers[e] = value;
    const mask = slots.length - 1;
    let i = h & mask;
    while (slots[i] !== EMPTY && slots[i] !== TOMBSTONE) i = (i + 1) & mask;
    if (slots[i] === EMPTY) usedSlots++;
    slots[i] = e + 1;
    live++;
  }

  function remove(slot: number): void {
    const e = (slots[slot] as number) - 1;
    slots[slot] = TOMBSTONE;
    poolGarbage += sizeAt(keyAt[e] as number);
    keyAt[e] = FREE;
    numbers[e] = freeHead;
    freeHead = e;
    live--;
  }

  // In key order, whatever the history: equal contents give equal snapshots and compare equal.
  function* entries(): IterableIterator<[string, number | T]> {
    const all: [string, number | T][] = [...others];
    for (let e = 0; e < entryCount; e++) if (keyAt[e] !== FREE) all.push([keyOf(e), numbers[e] as number]);
    yield* all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  const map: CompactMap<T> = {
    get size() {
      return live + others.size;
    },
    get(key) {
      const slot = find(key, hashOf(key));
      return slot >= 0 ? (numbers[(slots[slot] as number) - 1] as number) : others.get(key);
    },
    has(key) {
      return find(key, hashOf(key)) >= 0 || others.has(key);
    },
    set(key, value) {
      const h = hashOf(key);
      const slot = find(key, h);
      if (typeof value === 'number') {
        if (slot >= 0) numbers[(slots[slot] as number) - 1] = value;
        else {
          others.delete(key);
          insert(key, h, value);
        }
      } else {
        if (slot >= 0) remove(slot);
        others.set(key, value);
      }
      return map;
    },
    delete(key) {
      const slot = find(key, hashOf(key));
      if (slot >= 0) {
        remove(slot);
        return true;
      }
      return others.delete(key);
    },
    clear() {
      slots = new Int32Array(MIN_SLOTS);
      usedSlots = 0;
      keyAt = new Uint32Array(MIN_ENTRIES);
      numbers = new Float64Array(MIN_ENTRIES);
      hashes = new Int32Array(MIN_ENTRIES);
      entryCount = 0;
      freeHead = -1;
      live = 0;
      pool = new Uint8Array(MIN_POOL);
      poolUsed = 0;
      poolGarbage = 0;
      prefix = null;
      others.clear();
    },
    entries,
    *keys() {
      for (const [k] of entries()) yield k;
    },
    *values() {
      for (const [, v] of entries()) yield v;
    },
    [Symbol.iterator]: entries,
  };
  // Only the contents (the iteration) count when two maps are compared, not the closures.
  for (const k of Reflect.ownKeys(map)) Object.defineProperty(map, k, { enumerable: false });
  return map;
}
