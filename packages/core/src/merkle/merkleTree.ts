/**
 * A Merkle tree over the global order of one log, in the shape of RFC 9162 (Certificate
 * Transparency 2.0) §2.1: leaf hash `SHA-256(0x00 ‖ leaf)`, interior hash
 * `SHA-256(0x01 ‖ left ‖ right)`, the left subtree of an n-leaf tree holding the largest power
 * of two below n. The leaf of an event is its chain hash (32 bytes), which already covers its
 * content and its stream predecessor.
 *
 * Everything here streams: roots and proofs are computed in one pass over the leaves with
 * O(log n) memory (a compact range of perfect-subtree roots), never by holding the tree.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** SHA-256 over bytes. Node callers may pass a native one. */
export type BytesHasher = (bytes: Uint8Array) => Uint8Array;

const defaultHash: BytesHasher = (b) => sha256(b);

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The leaf hash of an event: `SHA-256(0x00 ‖ bytes of its 64-hex chain hash)`.
 *
 * @example
 * leafHash(event.hash); // '6e34…' (64 hex)
 */
export function leafHash(eventHash: string, hash: BytesHasher = defaultHash): string {
  const bytes = hexToBytes(eventHash);
  const input = new Uint8Array(1 + bytes.length);
  input[0] = 0;
  input.set(bytes, 1);
  return bytesToHex(hash(input));
}

/**
 * An interior node: `SHA-256(0x01 ‖ left ‖ right)`.
 *
 * @example
 * nodeHash(leafHash(a.hash), leafHash(b.hash)); // root of a two-event log
 */
export function nodeHash(left: string, right: string, hash: BytesHasher = defaultHash): string {
  const input = new Uint8Array(65);
  input[0] = 1;
  input.set(hexToBytes(left), 1);
  input.set(hexToBytes(right), 33);
  return bytesToHex(hash(input));
}

/** The state of a growing tree: its size and the roots of its perfect subtrees, largest first. */
export interface TreeFrontier {
  readonly size: number;
  readonly peaks: readonly string[];
}

/**
 * A tree that grows one leaf at a time and answers its root at any size: the compact range
 * of RFC 9162-style logs (transparency-dev calls it a compact range). Its `frontier` can be
 * saved and resumed, so a store extends its tree by the new events only.
 *
 * @example
 * const t = createTreeBuilder();
 * for await (const e of store.readAll({ upcast: false })) t.push(leafHash(e.hash));
 * t.root(); // the log's root
 */
export function createTreeBuilder(from: TreeFrontier = { size: 0, peaks: [] }, hash: BytesHasher = defaultHash) {
  let size = from.size;
  const peaks = [...from.peaks];
  if (peaks.length !== popCount(size)) throw new RangeError(`a frontier of size ${size} has ${popCount(size)} peaks, not ${peaks.length}`);
  return {
    push(leaf: string): void {
      let h = leaf;
      // Merge with the peaks of equal size: one per trailing 1-bit of the old size.
      for (let s = size; s & 1; s >>>= 1) h = nodeHash(peaks.pop() as string, h, hash);
      peaks.push(h);
      size++;
    },
    root(): string {
      if (size === 0) return EMPTY_ROOT;
      let h = peaks[peaks.length - 1] as string;
      for (let i = peaks.length - 2; i >= 0; i--) h = nodeHash(peaks[i] as string, h, hash);
      return h;
    },
    get size(): number {
      return size;
    },
    frontier(): TreeFrontier {
      return { size, peaks: [...peaks] };
    },
  };
}

function popCount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A half-open range of leaf indexes [start, end). */
export type LeafRange = readonly [start: number, end: number];

/**
 * The ranges whose roots make the inclusion proof of leaf `index` in a tree of `size`
 * (RFC 9162 §2.1.3.1 PATH), in proof order (nearest the leaf first).
 *
 * @example
 * inclusionRanges(2, 7); // [[3,4],[0,2],[4,7]]
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) return;
    const k = split(n);
    if (m < k) {
      walk(m, start, k);
      out.push([start + k, start + n]);
    } else {
      walk(m - k, start + k, n - k);
      out.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return out;
}

/**
 * The ranges whose roots make the consistency proof from a tree of `oldSize` to one of
 * `newSize` (RFC 9162 §2.1.4.1 PROOF/SUBPROOF), in proof order.
 *
 * @example
 * consistencyRanges(3, 7); // [[2,3],[3,4],[0,2],[4,7]]
 */
export function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  if (!(oldSize >= 1 && oldSize <= newSize)) throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`);
  const out: LeafRange[] = [];
  const sub = (m: number, start: number, n: number, complete: boolean): void => {
    if (m === n) {
      if (!complete) out.push([start, start + n]);
      return;
    }
    const k = split(n);
    if (m <= k) {
      sub(m, start, k, complete);
      out.push([start + k, start + n]);
    } else {
      sub(m - k, start + k, n - k, false);
      out.push([start, start + k]);
    }
  };
  if (oldSize < newSize) sub(oldSize, 0, newSize, true);
  return out;
}

/**
 * Computes the roots of `ranges` (disjoint, any order) in one pass over the leaves in order,
 * with one compact range per open range. Also returns the tree's root and size.
 *
 * @example
 * const { roots, root } = await rangeRoots(leaves, inclusionRanges(5, 9));
 */
export async function rangeRoots(
  leaves: AsyncIterable<string> | Iterable<string>,
  ranges: readonly LeafRange[],
  hash: BytesHasher = defaultHash,
): Promise<{ readonly roots: string[]; readonly root: string; readonly size: number }> {
  const order = ranges.map((r, i) => ({ r, i })).sort((a, b) => a.r[0] - b.r[0]);
  const roots = new Array<string>(ranges.length);
  const whole = createTreeBuilder(undefined, hash);
  let next = 0;
  let current: { readonly i: number; readonly end: number; readonly t: ReturnType<typeof createTreeBuilder> } | undefined;
  let index = 0;
  for await (const leaf of leaves) {
    whole.push(leaf);
    if (!current && next < order.length && (order[next] as { r: LeafRange }).r[0] === index) {
      const o = order[next++] as { r: LeafRange; i: number };
      current = { i: o.i, end: o.r[1], t: createTreeBuilder(undefined, hash) };
    }
    if (current) {
      current.t.push(leaf);
      if (index + 1 === current.end) {
        roots[current.i] = current.t.root();
        current = undefined;
      }
    }
    index++;
  }
  if (current || next < order.length) throw new RangeError(`the log has ${index} events: too few for the requested proof`);
  return { roots, root: whole.root(), size: whole.size };
}

/**
 * Checks an inclusion proof (RFC 9162 §2.1.3.2): that `leaf` sits at `index` in the tree of
 * `size` whose root is `root`.
 *
 * @example
 * verifyInclusion(leafHash(event.hash), proof.index, proof.size, proof.path, checkpoint.root); // true
 */
export function verifyInclusion(leaf: string, index: number, size: number, path: readonly string[], root: string, hash: BytesHasher = defaultHash): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}

/**
 * Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of `oldSize` with `oldRoot`
 * is a prefix of the tree of `newSize` with `newRoot`.
 *
 * @example
 * verifyConsistency(signed.size, signed.root, now.size, now.root, proof); // true
 */
export function verifyConsistency(oldSize: number, oldRoot: string, newSize: number, newRoot: string, proof: readonly string[], hash: BytesHasher = defaultHash): boolean {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize) && oldSize >= 0 && oldSize <= newSize)) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot === newRoot;
  if (oldSize === 0) return proof.length === 0 && oldRoot === EMPTY_ROOT;
  if (proof.length === 0) return false;
  const c = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = c[0] as string;
  let sr = c[0] as string;
  for (const p of c.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(p, fr, hash);
      sr = nodeHash(p, sr, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, p, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr === oldRoot && sr === newRoot && sn === 0;
}
