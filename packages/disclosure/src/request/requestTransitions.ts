/**
 * Which command each request status allows, and the status it leads to: the single source of
 * truth the decider checks before any rule. `CheckDue` (the due-check process) is allowed in
 * every status and may end a request (补正 or fee deadline missed); remedies (行政复议 /
 * 行政诉讼) may be filed and decided at any time after receipt.
 *
 * @example
 * requestTransitions.received.RequestSupplement; // 'awaitingSupplement'
 */
export const requestTransitions = {
  none: { ReceiveRequest: 'received' },
  received: {
    RequestSupplement: 'awaitingSupplement',
    ConsultThirdParty: 'consulting',
    ExtendReply: 'received',
    IssueFeeNotice: 'awaitingFee',
    Conclude: 'concluded',
    FileRemedy: 'received',
    DecideRemedy: 'received',
  },
  awaitingSupplement: { ReceiveSupplement: 'received', FileRemedy: 'awaitingSupplement', DecideRemedy: 'awaitingSupplement' },
  consulting: { RecordThirdPartyReply: 'received', ExtendReply: 'consulting', FileRemedy: 'consulting', DecideRemedy: 'consulting' },
  awaitingFee: { RecordFeePaid: 'received', FileRemedy: 'awaitingFee', DecideRemedy: 'awaitingFee' },
  concluded: { FileRemedy: 'concluded', DecideRemedy: 'concluded' },
} as const;

/**
 * The status of a request: a key of {@link requestTransitions}.
 *
 * @example
 * const s: RequestStatus = 'awaitingSupplement';
 */
export type RequestStatus = keyof typeof requestTransitions;

/**
 * Whether `command` is allowed in `status` (always true for `CheckDue`).
 *
 * @example
 * allows('concluded', 'Conclude'); // false
 */
export function allows(status: RequestStatus, command: string): boolean {
  return command === 'CheckDue' || Object.hasOwn(requestTransitions[status], command);
}
