/**
 * @banshi/core — the event log every banshi package stands on (design §2–§3): the event
 * envelope and its hash chain, event types with upcasting, the `EventStore` contract and
 * an in-memory store, command handling, projections, and JSONL logs.
 */
export {
  AppendConditionError,
  BanshiError,
  coreErrorCodes,
  ConcurrencyError,
  DomainError,
  DuplicateEventIdError,
  IdempotencyConflictError,
  IntegrityError,
  JsonlLineError,
  StoreUnavailableError,
  UnknownEventTypeError,
  ValidationError,
} from './errors/index.js';
export type { CoreErrorCode, IntegrityBreak, RuleRef, ValidationIssue } from './errors/index.js';
export { canonicalJson, channels, encodeEvent, eventHash, GENESIS_HASH, hashInput, sha256Hex, toRecorded } from './envelope/index.js';
export { sortableId } from './store/sortableId.js';
export type { Actor, Channel, EventMeta, Hasher, NewEvent, RecordedEvent, StoredEvent } from './envelope/index.js';
export { createEventRegistry, defineEvent } from './registry/index.js';
export type { EventData, EventDefinition, EventOf, EventRegistry, UnknownEventPolicy, Upcaster } from './registry/index.js';
export { createMemoryStore } from './store/index.js';
export type {
  AppendCondition,
  AppendOptions,
  AppendResult,
  Checkpoint,
  CheckpointStore,
  EventStore,
  ExpectedVersion,
  ImportResult,
  ReadAllOptions,
  ReadStreamOptions,
  StoreOptions,
  SubscribeOptions,
} from './store/index.js';
export { createChainVerifier, verifyEvents } from './verify/index.js';
export type { VerifyReport } from './verify/index.js';
export { foldDecider, handle } from './command/index.js';
export { DiagramError, machineToMermaid, machineToSvg, nextStatusIn, readMachineDiagram, readTransitionTable } from './machine/index.js';
export type { DiagramEdge, DiagramOptions, FlatMachineLike, MachineDiagram, MachineNodeLike, TableEdge, TransitionTable } from './machine/index.js';
export type { Decider, DecideContext, DomainEvent, HandleOptions, HandleResult, StreamState, StreamStates } from './command/index.js';
export { foldProjection, runProjection } from './projection/index.js';
export { createCompactMap } from './compact/index.js';
export type { CompactMap } from './compact/index.js';
export { csvField, csvRow, defineMessages, escapeHtml, isLang, langs } from './text/index.js';
export type { Lang, Message, SameKeys } from './text/index.js';
export type { Projection, ProjectionRun, RunProjectionOptions } from './projection/index.js';
export { exportJsonl, importJsonl, readJsonl, replayJsonl, toJsonlLine, verifyJsonl } from './jsonl/index.js';
export {
  checkAgainstCheckpoint,
  checkInclusionProof,
  checkpointMessage,
  consistencyRanges,
  createCheckpoint,
  createLogSummary,
  createTreeBuilder,
  EMPTY_ROOT,
  inclusionRanges,
  leafHash,
  nodeHash,
  proveInclusion,
  rangeRoots,
  signCheckpoint,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
} from './merkle/index.js';
export type {
  AgainstReport,
  BytesHasher,
  CheckpointBody,
  CheckpointBreak,
  CheckpointSigner,
  InclusionProof,
  LeafRange,
  SignatureVerifier,
  SignedCheckpoint,
  TreeFrontier,
} from './merkle/index.js';
export type { JsonlImportResult, JsonlReader, JsonlSummary, LogChunks, ReadJsonlOptions, TornTail } from './jsonl/index.js';
export { assertTableSpec, compareFieldValues, createMemoryDocumentTables, decodeCursor, documentFindSql, DocumentQueryError, encodeCursor, normalizeQuery, parseShadowTableName, rebuildDocumentProjection, runDocumentProjection, shadowTableName } from './projection/documentTables.js';
export type { DocumentChange, DocumentPage, DocumentProjection, DocumentProjectionRun, DocumentQuery, DocumentTables, DocumentTableSpec, FieldFilter, FieldType, FieldValue, PageCursor, RunDocumentProjectionOptions } from './projection/documentTables.js';
