export { consistencyRanges, createTreeBuilder, EMPTY_ROOT, inclusionRanges, leafHash, nodeHash, rangeRoots, verifyConsistency, verifyInclusion } from './merkleTree.js';
export type { BytesHasher, LeafRange, TreeFrontier } from './merkleTree.js';
export { checkAgainstCheckpoint, checkInclusionProof, checkpointMessage, createCheckpoint, createLogSummary, proveInclusion, signCheckpoint, verifyCheckpointSignature } from './checkpoint.js';
export type { AgainstReport, CheckpointBody, CheckpointBreak, CheckpointSigner, InclusionProof, SignatureVerifier, SignedCheckpoint } from './checkpoint.js';
