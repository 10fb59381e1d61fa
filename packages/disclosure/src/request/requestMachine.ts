import { setup } from 'xstate';
import type { RequestCommand } from './requestCommands.js';

/**
 * Every status of a disclosure request, in lifecycle order: the states of {@link requestMachine}.
 *
 * @example
 * requestStatuses.includes('consulting'); // true
 */
export const requestStatuses = ['none', 'received', 'awaitingSupplement', 'consulting', 'awaitingFee', 'concluded'] as const;

/**
 * The status of a request: one of {@link requestStatuses}.
 *
 * @example
 * const s: RequestStatus = 'awaitingSupplement';
 */
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * The request lifecycle as an xstate machine over the request commands (design §3): the single
 * source of truth for which command each status allows and the status it leads to, used only
 * through xstate's pure `transition` (no actors, no timers). `CheckDue` is handled in every status
 * (the `dueCheck` action, no target): the events the due check records — a missed 补正 or fee
 * deadline ends the request, a lapsed consultation returns it to `received` — depend on dates the
 * machine does not hold. Remedies (行政复议 / 行政诉讼) may be filed and decided at any time after
 * receipt and leave the status as it is. The statutory rules (one 补正 notice, one extension, …)
 * are the decider's.
 *
 * @example
 * const [next] = transition(requestMachine, requestMachine.resolveState({ value: 'received' }), { type: 'ConsultThirdParty', on: '2020-03-06', thirdParty: '某公司' });
 * next.value; // 'consulting'
 */
export const requestMachine = setup({
  types: { events: {} as RequestCommand },
  actions: { dueCheck: () => undefined },
}).createMachine({
  id: 'disclosureRequest',
  initial: 'none',
  on: { CheckDue: { actions: 'dueCheck' } },
  states: {
    none: { on: { ReceiveRequest: 'received' } },
    received: {
      on: {
        RequestSupplement: 'awaitingSupplement',
        ConsultThirdParty: 'consulting',
        ExtendReply: 'received',
        IssueFeeNotice: 'awaitingFee',
        Conclude: 'concluded',
        FileRemedy: 'received',
        DecideRemedy: 'received',
      },
    },
    awaitingSupplement: { on: { ReceiveSupplement: 'received', FileRemedy: 'awaitingSupplement', DecideRemedy: 'awaitingSupplement' } },
    consulting: { on: { RecordThirdPartyReply: 'received', ExtendReply: 'consulting', FileRemedy: 'consulting', DecideRemedy: 'consulting' } },
    awaitingFee: { on: { RecordFeePaid: 'received', FileRemedy: 'awaitingFee', DecideRemedy: 'awaitingFee' } },
    concluded: { on: { FileRemedy: 'concluded', DecideRemedy: 'concluded' } },
  },
});
