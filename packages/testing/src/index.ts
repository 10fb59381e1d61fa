/**
 * @banshi/testing — given/when/then decider specs, fast-check arbitraries and the
 * EventStore conformance suite that every adapter must pass unchanged.
 */
export { deciderSpec } from './decider/index.js';
export type { Then } from './decider/index.js';
export { describeEventStoreContract, contractRegistry } from './contract/index.js';
export type { ContractHarness } from './contract/index.js';
export { arbAppends, arbNewEvent, arbPayload, arbStreamId } from './arbitraries/index.js';
export { createCuttableLink, partitionCaseDecider, partitionReportOf, readAllEvents, seeded } from './partition/index.js';
export type { CuttableLink, PartitionReport } from './partition/index.js';
