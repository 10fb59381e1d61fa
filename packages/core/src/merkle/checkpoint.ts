/**
 * Signed checkpoints of a log: its size, its Merkle root (RFC 9162 shape, see merkleTree.ts),
 * the id of its last event and an order-free digest of its leaves, signed with Ed25519 by the
 * log's operator. Against a checkpoint, anyone with the public key can prove that today's log
 * extends the signed one, or name how it does not (truncated, deleted, inserted, reordered,
 * altered); an inclusion proof shows one event is in the signed log.
 *
 * Signing and verifying are injected (`CheckpointSigner`, `SignatureVerifier`): this module
 * runs in browsers; `@banshi/core/node` has the Ed25519 implementations over `node:crypto`.
 */
import { canonicalJson } from '../_lib/canonicalJson.js';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '../envelope/index.js';
import { createTreeBuilder, inclusionRanges, leafHash, rangeRoots, verifyInclusion, type BytesHasher } from './merkleTree.js';

/** What a checkpoint states about a log. */
export interface CheckpointBody {
  readonly format: 'banshi-checkpoint/1';
  /** Which log this is, e.g. `taizhou-center` or a store URL: a signature binds it. */
  readonly origin: string;
  readonly size: number;
  /** Merkle root of the first `size` events in global order (hex). */
  readonly root: string;
  /** Id of the event at position `size` (null for an empty log): names deletions and insertions. */
  readonly lastEventId: string | null;
  /** Sum of the leaf hashes mod 2^256 (hex): equal for the same events in any order, so a reordering is named as such. */
  readonly leafSetDigest: string;
  readonly issuedAt: string;
}

/** A checkpoint with its signature: what `banshi checkpoint` writes and sync carries. */
export interface SignedCheckpoint {
  readonly checkpoint: CheckpointBody;
  readonly signature: { readonly alg: 'Ed25519'; readonly keyId: string; readonly value: string };
}

/** Signs checkpoint messages (Ed25519). `@banshi/core/node` makes one from a PEM key. */
export interface CheckpointSigner {
  readonly keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

/** Checks a signature over a checkpoint message with a public key. */
export interface SignatureVerifier {
  readonly keyId: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

const encoder = new TextEncoder();

/**
 * The bytes a checkpoint signature covers: a fixed context line, then the canonical JSON of the body.
 *
 * @example
 * signer.sign(checkpointMessage(body));
 */
export function checkpointMessage(body: CheckpointBody): Uint8Array {
  return encoder.encode('banshi checkpoint v1\n' + canonicalJson(body));
}

const MOD = 1n << 256n;

/** A running summary of a log's leaves: size, root, last id and the order-free digest. */
export function createLogSummary(hash?: BytesHasher) {
  const tree = createTreeBuilder(undefined, hash);
  let digest = 0n;
  let lastEventId: string | null = null;
  return {
    add(e: { readonly id: string; readonly hash: string }): void {
      const leaf = leafHash(e.hash, hash);
      tree.push(leaf);
      digest = (digest + BigInt('0x' + leaf)) % MOD;
      lastEventId = e.id;
    },
    get size(): number {
      return tree.size;
    },
    result(): Pick<CheckpointBody, 'size' | 'root' | 'lastEventId' | 'leafSetDigest'> {
      return { size: tree.size, root: tree.root(), lastEventId, leafSetDigest: digest.toString(16).padStart(64, '0') };
    },
  };
}

const toBase64 = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
};
const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/**
 * Summarizes a log (events in global order) and signs the checkpoint.
 *
 * @example
 * const cp = await createCheckpoint(store.readAll({ upcast: false }), { origin: 'taizhou-center', signer });
 */
export async function createCheckpoint(
  events: AsyncIterable<{ readonly id: string; readonly hash: string }> | Iterable<{ readonly id: string; readonly hash: string }>,
  options: { readonly origin: string; readonly signer: CheckpointSigner; readonly now?: () => Date; readonly hash?: BytesHasher },
): Promise<SignedCheckpoint> {
  const summary = createLogSummary(options.hash);
  for await (const e of events) summary.add(e);
  return signCheckpoint({ format: 'banshi-checkpoint/1', origin: options.origin, ...summary.result(), issuedAt: (options.now?.() ?? new Date()).toISOString() }, options.signer);
}

/**
 * Signs a checkpoint body.
 *
 * @example
 * signCheckpoint(body, signer).signature.keyId; // the signer's key id
 */
export function signCheckpoint(body: CheckpointBody, signer: CheckpointSigner): SignedCheckpoint {
  return { checkpoint: body, signature: { alg: 'Ed25519', keyId: signer.keyId, value: toBase64(signer.sign(checkpointMessage(body))) } };
}

/**
 * True when the checkpoint is well formed and signed by `verifier`'s key.
 *
 * @example
 * verifyCheckpointSignature(cp, ed25519Verifier(publicKeyPem)); // true
 */
export function verifyCheckpointSignature(cp: SignedCheckpoint, verifier: SignatureVerifier): boolean {
  const b = cp?.checkpoint;
  if (!b || b.format !== 'banshi-checkpoint/1' || !Number.isSafeInteger(b.size) || b.size < 0 || !/^[0-9a-f]{64}$/.test(b.root) || cp.signature?.alg !== 'Ed25519') return false;
  if (cp.signature.keyId !== verifier.keyId) return false;
  try {
    return verifier.verify(checkpointMessage(b), fromBase64(cp.signature.value));
  } catch {
    return false;
  }
}

/** How today's log differs from a signed checkpoint (before the checkpoint's size). */
export type CheckpointBreak = 'signature' | 'truncated' | 'deleted' | 'inserted' | 'reordered' | 'altered';

/** The result of {@link checkAgainstCheckpoint}. */
export type AgainstReport =
  | { readonly ok: true; readonly signedSize: number; readonly size: number; readonly message: string }
  | { readonly ok: false; readonly signedSize: number; readonly size: number; readonly kind: CheckpointBreak; readonly message: string };

/**
 * Proves that a log (events in global order) extends the one a checkpoint signed: its first
 * `size` events have the signed root. Otherwise names what happened before the checkpoint.
 * With a `verifier`, the signature is checked first.
 *
 * @example
 * const r = await checkAgainstCheckpoint(store.readAll({ upcast: false }), cp, verifier);
 * if (!r.ok) console.error(r.kind, r.message); // 'truncated', 'the log has 10 events; …'
 */
export async function checkAgainstCheckpoint(
  events: AsyncIterable<{ readonly id: string; readonly hash: string }> | Iterable<{ readonly id: string; readonly hash: string }>,
  cp: SignedCheckpoint,
  verifier?: SignatureVerifier,
  hash?: BytesHasher,
): Promise<AgainstReport> {
  const signed = cp.checkpoint;
  const m = signed.size;
  if (verifier && !verifyCheckpointSignature(cp, verifier)) {
    return { ok: false, signedSize: m, size: 0, kind: 'signature', message: `the checkpoint's signature does not verify with key ${verifier.keyId}: it was not signed by that key, or was altered` };
  }
  const prefix = createLogSummary(hash);
  let n = 0;
  let lastAt: number | undefined;
  for await (const e of events) {
    if (n < m) prefix.add(e);
    if (lastAt === undefined && e.id === signed.lastEventId) lastAt = n;
    n++;
  }
  const p = prefix.result();
  if (n >= m && p.root === signed.root) {
    return { ok: true, signedSize: m, size: n, message: `the log (${n} events) extends the checkpoint of ${m} events signed ${signed.issuedAt}: root ${signed.root.slice(0, 16)}… matches` };
  }
  const fail = (kind: CheckpointBreak, message: string): AgainstReport => ({ ok: false, signedSize: m, size: n, kind, message });
  if (lastAt === undefined) {
    return n < m
      ? fail('truncated', `the log has ${n} events but the checkpoint signed ${m}: its tail is gone, including the last signed event ${String(signed.lastEventId)}`)
      : fail('deleted', `the last signed event ${String(signed.lastEventId)} (position ${m}) is no longer in the log: events before the checkpoint were deleted`);
  }
  if (lastAt < m - 1) return fail('deleted', `the last signed event ${String(signed.lastEventId)} was at position ${m} and is now at ${lastAt + 1}: ${m - 1 - lastAt} event(s) before it were deleted`);
  if (lastAt > m - 1) return fail('inserted', `the last signed event ${String(signed.lastEventId)} was at position ${m} and is now at ${lastAt + 1}: ${lastAt + 1 - m} event(s) were inserted before it`);
  if (p.leafSetDigest === signed.leafSetDigest) return fail('reordered', `the first ${m} events are the signed ones but in another order: the log was reordered before the checkpoint`);
  return fail('altered', `an event among the first ${m} is not the one signed (changed, or replaced by a forged event with a recomputed hash)`);
}

/** An inclusion proof a third party checks with the public key alone (`banshi prove`). */
export interface InclusionProof {
  readonly format: 'banshi-inclusion/1';
  readonly event: RecordedEvent;
  /** The hash of the event before it in its stream (its chain link), so `event.hash` can be recomputed. */
  readonly prevHash: string;
  /** 0-based index of the event in the log's global order. */
  readonly index: number;
  readonly path: readonly string[];
  readonly checkpoint: SignedCheckpoint;
}

/**
 * Builds the inclusion proof of one event against a checkpoint. `openLog` is called twice (the
 * event is found, then the proof's subtree roots computed in one streaming pass).
 *
 * @example
 * const proof = await proveInclusion(() => store.readAll({ upcast: false }), eventId, cp);
 */
export async function proveInclusion(
  openLog: () => AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  eventId: string,
  cp: SignedCheckpoint,
  hash?: BytesHasher,
): Promise<InclusionProof | undefined> {
  const size = cp.checkpoint.size;
  let index = -1;
  let event: RecordedEvent | undefined;
  let i = 0;
  for await (const e of openLog()) {
    if (i >= size) break;
    if (e.id === eventId) {
      index = i;
      event = e;
      break;
    }
    i++;
  }
  if (!event) return undefined;
  const target = event;
  let prevHash = GENESIS_HASH;
  async function* leaves(): AsyncGenerator<string> {
    let j = 0;
    for await (const e of openLog()) {
      if (j >= size) return;
      if (e.stream === target.stream && e.version === target.version - 1) prevHash = e.hash;
      yield leafHash(e.hash, hash);
      j++;
    }
  }
  const { roots, root } = await rangeRoots(leaves(), inclusionRanges(index, size), hash);
  if (root !== cp.checkpoint.root) throw new RangeError(`the log's first ${size} events no longer have the checkpoint's root: check it with verify --against first`);
  return { format: 'banshi-inclusion/1', event: target, prevHash, index, path: roots, checkpoint: cp };
}

/**
 * Checks an inclusion proof with the public key alone: the signature, the event's own hash
 * (content + chain link), and its Merkle path to the signed root.
 *
 * @example
 * checkInclusionProof(JSON.parse(text), ed25519Verifier(publicKeyPem)); // { ok: true, … }
 */
export function checkInclusionProof(proof: InclusionProof, verifier: SignatureVerifier, hash?: BytesHasher): { readonly ok: boolean; readonly message: string } {
  if (proof?.format !== 'banshi-inclusion/1') return { ok: false, message: 'not a banshi inclusion proof' };
  if (!verifyCheckpointSignature(proof.checkpoint, verifier)) return { ok: false, message: `the checkpoint's signature does not verify with key ${verifier.keyId}` };
  let recomputed: string;
  try {
    recomputed = eventHash(proof.prevHash, proof.event);
  } catch (err) {
    return { ok: false, message: `the event cannot be hashed: ${(err as Error).message}` };
  }
  if (recomputed !== proof.event.hash) return { ok: false, message: `the event's content does not match its hash ${proof.event.hash}` };
  const c = proof.checkpoint.checkpoint;
  if (!verifyInclusion(leafHash(proof.event.hash, hash), proof.index, c.size, proof.path, c.root, hash)) {
    return { ok: false, message: `the Merkle path does not lead from the event to the signed root of ${c.size} events` };
  }
  return { ok: true, message: `event ${proof.event.id} (${proof.event.stream}@${proof.event.version}) is at position ${proof.index + 1} of the log "${c.origin}" of ${c.size} events signed ${c.issuedAt} by key ${proof.checkpoint.signature.keyId}` };
}
