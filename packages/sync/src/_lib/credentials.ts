import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 digest of a secret: what the center keeps instead of the secret itself. */
export function digestSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

const decoy = digestSecret('\u0000banshi-sync-unknown-node');

/** Constant-time comparison of a presented secret with a stored digest (a decoy when the node is unknown). */
export function secretMatches(presented: string, stored: Buffer | undefined): boolean {
  const ok = timingSafeEqual(digestSecret(presented), stored ?? decoy);
  return ok && stored !== undefined;
}
