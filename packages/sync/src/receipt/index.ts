/**
 * Ship receipts: after applying a batch the center signs a checkpoint of its own log and proves
 * where the batch landed in it, so a sub-center holds, per batch, evidence it can show anyone
 * with the center's public key: "the center's signed log of N events holds my events there".
 *
 * The proof is the tree frontier (RFC 9162-shape compact range) just before the first landed
 * event plus the id and hash of every event from there to the signed size: extending the
 * frontier by those leaves must give the signed root, which binds each of them to its place.
 */
import { createTreeBuilder, leafHash, verifyCheckpointSignature, type CheckpointStore, type EventStore, type SignatureVerifier, type SignedCheckpoint, type TreeFrontier } from '@banshi/core';

/** What the center returns with a batch it applied, when it has a signing key. */
export interface ShipReceipt {
  readonly format: 'banshi-ship-receipt/1';
  /** The center's signed checkpoint right after the batch. */
  readonly checkpoint: SignedCheckpoint;
  /** The center's tree just before `leaves[0]`. */
  readonly frontier: TreeFrontier;
  /** Every event from `frontier.size + 1` to `checkpoint.size`, in the center's order. */
  readonly leaves: readonly { readonly id: string; readonly hash: string }[];
}

/** The center's saved tree: how many events it covers, up to which store position, its frontier and summary. */
interface TreeState {
  readonly size: number;
  readonly peaks: readonly string[];
  readonly digest: string;
  readonly lastEventId: string | null;
}

/** Name of the center's tree checkpoint in its store. */
export const TREE_CHECKPOINT = 'sync:merkle';

const MOD = 1n << 256n;

/**
 * Extends the center's saved tree to the store's head and returns the frontier before
 * `firstPosition` and the leaves from there on. The saved tree only ever covers stored events
 * (it is saved after them), so it never runs ahead; a lost save is caught up next time.
 */
export async function extendCenterTree(
  store: EventStore,
  checkpoints: CheckpointStore,
  firstPosition: number,
): Promise<{ readonly frontier: TreeFrontier; readonly leaves: { id: string; hash: string }[]; readonly state: TreeState & { readonly position: number } }> {
  const saved = await checkpoints.load(TREE_CHECKPOINT);
  const st = (saved?.state as TreeState | undefined) ?? { size: 0, peaks: [], digest: '0', lastEventId: null };
  const tree = createTreeBuilder({ size: st.size, peaks: st.peaks });
  let digest = BigInt('0x' + st.digest);
  let lastEventId = st.lastEventId;
  let position = saved?.position ?? 0;
  let frontier: TreeFrontier | undefined;
  const leaves: { id: string; hash: string }[] = [];
  for await (const batch of store.readAllBatches({ fromPosition: position + 1, upcast: false })) {
    for (const e of batch) {
      if (frontier === undefined && e.position >= firstPosition) frontier = tree.frontier();
      const leaf = leafHash(e.hash);
      tree.push(leaf);
      digest = (digest + BigInt('0x' + leaf)) % MOD;
      lastEventId = e.id;
      position = e.position;
      if (frontier !== undefined) leaves.push({ id: e.id, hash: e.hash });
    }
  }
  const state = { size: tree.size, peaks: tree.frontier().peaks, digest: digest.toString(16).padStart(64, '0'), lastEventId, position };
  await checkpoints.save(TREE_CHECKPOINT, { position, state: { size: state.size, peaks: state.peaks, digest: state.digest, lastEventId } });
  return { frontier: frontier ?? tree.frontier(), leaves, state };
}

/**
 * Checks a receipt with the center's public key alone, and that it covers `shipped` (the ids
 * of the events the node sent and the center applied).
 *
 * @example
 * checkShipReceipt(receipt, ['e1', 'e2'], ed25519Verifier(centerPublicKeyPem)); // { ok: true, … }
 */
export function checkShipReceipt(receipt: ShipReceipt, shipped: readonly string[], verifier: SignatureVerifier): { readonly ok: boolean; readonly message: string } {
  if (receipt?.format !== 'banshi-ship-receipt/1') return { ok: false, message: 'not a banshi ship receipt' };
  if (!verifyCheckpointSignature(receipt.checkpoint, verifier)) return { ok: false, message: `the receipt's checkpoint is not signed by the center's key ${verifier.keyId}` };
  const c = receipt.checkpoint.checkpoint;
  let tree;
  try {
    tree = createTreeBuilder(receipt.frontier);
    for (const l of receipt.leaves) tree.push(leafHash(l.hash));
  } catch (err) {
    return { ok: false, message: `the receipt's proof is malformed: ${(err as Error).message}` };
  }
  if (tree.size !== c.size || tree.root() !== c.root) return { ok: false, message: `the receipt's events do not lead to the signed root of ${c.size} events: the center does not hold them where it says` };
  const landed = new Map(receipt.leaves.map((l, i) => [l.id, receipt.frontier.size + i + 1]));
  const missing = shipped.filter((id) => !landed.has(id));
  if (missing.length) return { ok: false, message: `${missing.length} shipped event(s) are not in the receipt, e.g. ${missing[0]}` };
  return { ok: true, message: `the center's log "${c.origin}" of ${c.size} events, signed ${c.issuedAt} by ${receipt.checkpoint.signature.keyId}, holds the ${shipped.length} shipped event(s) at positions ${shipped.length ? `${Math.min(...shipped.map((id) => landed.get(id) as number))}–${Math.max(...shipped.map((id) => landed.get(id) as number))}` : '—'}` };
}
