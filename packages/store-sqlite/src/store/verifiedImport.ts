import type { ImportResult } from '@banshi/core';

/** Takes row `k` of a batch an import worker verified (see `VERIFIED_FIELDS` in importer.ts). */
export type AddVerified = (v: readonly unknown[], k: number) => void;

/**
 * A SQLite store's import of rows an import worker parsed, checked and canonicalized (the store hashes them):
 * one transaction, like `importEvents`; `feed` hands each verified row to `add`, in source order.
 */
export type VerifiedImport = (feed: (add: AddVerified) => Promise<void>) => Promise<ImportResult>;

/** Kept out of the store object (no property or symbol a caller could find and hand forged rows to). */
const verifiedImports = new WeakMap<object, VerifiedImport>();

/** Registers the verified import of a store whose hash checks a worker can do (default hasher, no registry). */
export function registerVerifiedImport(store: object, run: VerifiedImport): void {
  verifiedImports.set(store, run);
}

/** The verified import of `store`, if it is a SQLite store that has one. */
export function verifiedImportOf(store: object): VerifiedImport | undefined {
  return verifiedImports.get(store);
}
