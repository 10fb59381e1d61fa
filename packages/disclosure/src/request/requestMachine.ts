import { assign, setup } from 'xstate';
import type { RequestEvent } from '../events/index.js';
import { requestGuards as g, type RequestGuard } from './requestGuards.js';
import { applyRequestEvent, initialRequestState, type RequestState, type RequestStatus } from './requestState.js';

type Edge = { readonly target?: RequestStatus; readonly guard?: RequestGuard; readonly actions: 'apply' };
type On = Partial<Record<RequestEvent['type'], Edge | readonly Edge[]>>;
const to = (target: RequestStatus, guard?: RequestGuard): Edge => (guard ? { target, guard, actions: 'apply' } : { target, actions: 'apply' });
const stay = (guard?: RequestGuard): Edge => (guard ? { guard, actions: 'apply' } : { actions: 'apply' });

const remedies: On = { DisclosureRemedyFiled: stay(), DisclosureRemedyDecided: stay() };
const warnings: On = { DisclosureReplyDueSoon: stay(), DisclosureReplyOverdue: stay() };

/** Which event may follow which status (design §3). Time-driven endings are events too: a lapsed consultation, an abandonment, an unpaid fee. */
const states = {
  none: { on: { DisclosureRequestReceived: to('received') } },
  received: {
    on: {
      DisclosureSupplementRequested: to('awaitingSupplement', 'notYetNotified'),
      DisclosureThirdPartyConsulted: to('consulting'),
      DisclosureOrgansConsulted: to('consulting'),
      DisclosureReplyExtended: stay('notYetExtended'),
      DisclosureReplyDeferred: stay('notYetDeferred'),
      DisclosureFeeNoticeIssued: to('awaitingFee'),
      DisclosureRequestConcluded: to('concluded', 'replied'),
      ...warnings,
      ...remedies,
    },
  },
  awaitingSupplement: { on: { DisclosureSupplementReceived: to('received'), DisclosureRequestConcluded: to('concluded', 'silenceEnds'), ...remedies } },
  consulting: {
    on: { DisclosureThirdPartyReplied: to('received'), DisclosureOrgansReplied: to('received'), DisclosureReplyExtended: stay('notYetExtended'), ...remedies },
  },
  awaitingFee: { on: { DisclosureFeePaid: to('received'), DisclosureRequestConcluded: to('concluded', 'feeUnpaid'), ...remedies } },
  concluded: { on: { DisclosureCostFeeCharged: stay('costFeeOpen'), DisclosureFeeWaived: stay('costFeeOpen'), ...remedies } },
} as const satisfies Record<RequestStatus, { readonly on: On }>;

/**
 * The request lifecycle as a flat xstate machine over the request's events (design §3): the single
 * source of truth for which event may follow which status and where it leads. Its context is the
 * request state, folded by one action; its guards are {@link requestGuards}. Use it through the
 * pure `initialTransition` / `transition` functions; `evolveRequest` reads the same rules off it
 * as a table.
 *
 * @example
 * let [snap] = initialTransition(requestMachine);
 * [snap] = transition(requestMachine, snap, received);
 * snap.value; // 'received'
 */
export const requestMachine = setup({
  types: { context: {} as RequestState, events: {} as RequestEvent },
  guards: {
    notYetNotified: ({ context }) => g.notYetNotified(context),
    notYetExtended: ({ context }) => g.notYetExtended(context),
    notYetDeferred: ({ context }) => g.notYetDeferred(context),
    replied: ({ context, event }) => g.replied(context, event),
    silenceEnds: ({ context, event }) => g.silenceEnds(context, event),
    feeUnpaid: ({ context, event }) => g.feeUnpaid(context, event),
    costFeeOpen: ({ context }) => g.costFeeOpen(context),
  },
  actions: { apply: assign(({ context, event }) => applyRequestEvent(context, event)) },
}).createMachine({ id: 'disclosureRequest', initial: 'none', context: initialRequestState, states });
