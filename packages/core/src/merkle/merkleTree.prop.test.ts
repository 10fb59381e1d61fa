import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../envelope/index.js';
import { consistencyRanges, createTreeBuilder, EMPTY_ROOT, inclusionRanges, leafHash, nodeHash, rangeRoots, verifyConsistency, verifyInclusion } from './merkleTree.js';

/** RFC 9162 §2.1.1 MTH, written straight from the definition. */
function mth(leaves: readonly string[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as string;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(sha256Hex(`event ${i}`)));
const proofOf = async (leaves: string[], ranges: readonly (readonly [number, number])[]) => (await rangeRoots(leaves, ranges)).roots;

describe('Merkle tree (RFC 9162 shape)', () => {
  it('the empty root is SHA-256 of nothing, and leaves and nodes are domain-separated', () => {
    expect(EMPTY_ROOT).toBe(sha256Hex(''));
    const l = leafHash(sha256Hex('a'));
    expect(nodeHash(l, l)).not.toBe(leafHash(sha256Hex('a')));
  });

  it('the streaming builder gives the definition’s root at every size, and resumes from a saved frontier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }), (n, cut) => {
        const leaves = leavesOf(n);
        const t = createTreeBuilder();
        for (const l of leaves.slice(0, Math.min(cut, n))) t.push(l);
        const resumed = createTreeBuilder(JSON.parse(JSON.stringify(t.frontier())));
        for (const l of leaves.slice(Math.min(cut, n))) resumed.push(l);
        expect(resumed.root()).toBe(mth(leaves));
        expect(resumed.size).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('every inclusion proof verifies, and fails for another leaf, index, size or root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))), async ([n, m]) => {
        const leaves = leavesOf(n);
        const root = mth(leaves);
        const path = await proofOf(leaves, inclusionRanges(m, n));
        expect(verifyInclusion(leaves[m] as string, m, n, path, root)).toBe(true);
        if (n > 1) expect(verifyInclusion(leaves[(m + 1) % n] as string, m, n, path, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[m] as string, (m + 1) % n, n, path, root)).toBe(false);
        expect(verifyInclusion(leaves[m] as string, m, n, path, mth(leavesOf(n + 1)))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('every consistency proof verifies, and fails when the old tree was not a prefix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))), async ([m, n]) => {
        const leaves = leavesOf(n);
        const proof = await proofOf(leaves, consistencyRanges(m, n));
        expect(verifyConsistency(m, mth(leaves.slice(0, m)), n, mth(leaves), proof)).toBe(true);
        const forged = [...leaves.slice(0, m)];
        forged[m - 1] = leafHash(sha256Hex('forged'));
        expect(verifyConsistency(m, mth(forged), n, mth(leaves), proof)).toBe(false);
        if (m < n) expect(verifyConsistency(m, mth(leaves.slice(0, m)), n, mth(leavesOf(n + 1)), proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses proofs for leaves that are not in the tree', () => {
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
    expect(verifyInclusion(leavesOf(1)[0] as string, 0, 0, [], EMPTY_ROOT)).toBe(false);
  });
});
