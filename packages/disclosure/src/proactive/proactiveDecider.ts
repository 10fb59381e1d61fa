import { isBusinessDate, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import type { Decider, DomainError } from '@banshi/core';
import { z } from 'zod';
import { InvalidDisclosureCommandError, ruleError } from '../errors/index.js';
import type { PublicInfoEvent } from '../events/index.js';
import { outcomeKeys, outcomes, proactiveCategories, publicationChannels, type Outcome, type ProactiveCategory, type PublicationChannel } from '../labels/index.js';
import { disclosureRules, ruleSetFor, type RuleSetId } from '../rules/index.js';
import type { PublicInfoStatus } from './publicInfoMachine.js';
import { publicInfoTransitions } from './publicInfoTransitions.js';

const date = z.string().refine(isBusinessDate, { message: 'expected a business date yyyy-MM-dd' });
const text = z.string().min(1).max(2000);
const withholdReasonKeys = outcomeKeys.filter((k) => outcomes[k].group === 'withheld') as [Outcome, ...Outcome[]];

/**
 * zod schemas of the proactive-disclosure commands.
 *
 * @example
 * publicInfoCommandSchema.parse({ type: 'PublishInfo', on: '2013-09-30', channels: ['governmentWebsite'] });
 */
export const publicInfoCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('FormInfo'),
    itemId: text,
    agency: text,
    title: text,
    category: z.enum(Object.keys(proactiveCategories) as [ProactiveCategory, ...ProactiveCategory[]]),
    formedOn: date,
    decisions: z.number().int().nonnegative().optional(),
    feeAmountWan: z.number().nonnegative().optional(),
  }),
  z.object({ type: z.literal('ChangeInfo'), on: date }),
  z.object({ type: z.literal('ReviewInfo'), on: date, decision: z.enum(['publish', 'withhold']), reason: z.enum(withholdReasonKeys).optional() }),
  z.object({ type: z.literal('PublishInfo'), on: date, channels: z.array(z.enum(Object.keys(publicationChannels) as [PublicationChannel, ...PublicationChannel[]])).min(1) }),
  z.object({ type: z.literal('RevokeInfo'), on: date, reason: text }),
  z.object({ type: z.literal('RepealInfo'), on: date }),
]);

/**
 * A command on a proactive-disclosure item.
 *
 * @example
 * const c: PublicInfoCommand = { type: 'RevokeInfo', on: '2013-12-01', reason: '内容有误' };
 */
export type PublicInfoCommand = z.infer<typeof publicInfoCommandSchema>;

/**
 * The state of one proactive-disclosure item.
 *
 * @example
 * foldDecider(createProactiveDecider({ calendar }), events).publishBy; // '2013-09-30'
 */
export interface PublicInfoState {
  readonly status: PublicInfoStatus;
  readonly itemId: string;
  readonly agency: string;
  readonly title: string;
  readonly category: ProactiveCategory | null;
  readonly formedOn: BusinessDate | null;
  readonly publishBy: BusinessDate | null;
  readonly ruleSet: RuleSetId;
  readonly channels: readonly PublicationChannel[];
  readonly publishedOn: BusinessDate | null;
  readonly late: boolean;
  /** Date of the latest event; later commands may not be dated before it. */
  readonly lastOn: BusinessDate | null;
}

/**
 * An item before it is formed.
 *
 * @example
 * initialPublicInfoState.status; // 'none'
 */
export const initialPublicInfoState: PublicInfoState = { status: 'none', itemId: '', agency: '', title: '', category: null, formedOn: null, publishBy: null, ruleSet: '2019', channels: [], publishedOn: null, late: false, lastOn: null };

/**
 * Folds one item event into the state.
 *
 * @example
 * evolvePublicInfo(initialPublicInfoState, formed).status; // 'formed'
 */
export function evolvePublicInfo(state: PublicInfoState, event: PublicInfoEvent): PublicInfoState {
  const next = evolveStatus(state, event);
  const on = event.type === 'PublicInfoFormed' ? event.data.formedOn : event.data.on;
  return state.lastOn === null || on > state.lastOn ? { ...next, lastOn: on } : next;
}

function evolveStatus(state: PublicInfoState, event: PublicInfoEvent): PublicInfoState {
  switch (event.type) {
    case 'PublicInfoFormed': {
      const d = event.data;
      return { ...state, status: 'formed', itemId: d.itemId, agency: d.agency, title: d.title, category: d.category, formedOn: d.formedOn, publishBy: d.publishBy, ruleSet: d.ruleSet, publishedOn: null, late: false };
    }
    case 'PublicInfoReviewed':
      return { ...state, status: event.data.decision === 'publish' ? 'cleared' : 'withheld' };
    case 'PublicInfoPublished': {
      const channels = [...state.channels];
      for (const c of event.data.channels) if (!channels.includes(c)) channels.push(c);
      return { ...state, status: 'published', channels, publishedOn: state.publishedOn ?? event.data.on, late: state.publishedOn === null ? event.data.late : state.late };
    }
    case 'PublicInfoRevoked':
      return { ...state, status: 'revoked' };
    case 'PublicInfoRepealed':
      return { ...state, status: 'repealed' };
  }
}

/**
 * The proactive-disclosure decider (主动公开 with 保密审查). Publication is due within the
 * rule set's limit after formation or change (2019 第二十六条, 2008 第十八条); later
 * publication is recorded with `late: true`.
 *
 * @example
 * const d = createProactiveDecider({ calendar: mainlandChinaCalendar() });
 * d.decide({ type: 'FormInfo', itemId: '1', agency: '市行政服务中心', title: '服务指南', category: 'other', formedOn: '2013-09-02' }, d.initialState);
 */
export function createProactiveDecider(options: { readonly calendar: WorkingCalendar }): Decider<PublicInfoState, PublicInfoCommand, PublicInfoEvent> {
  const { calendar } = options;

  function decideValid(command: PublicInfoCommand, state: PublicInfoState): readonly PublicInfoEvent[] | DomainError {
    const allowed = publicInfoTransitions[state.status];
    if (!Object.hasOwn(allowed, command.type)) {
      return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.type} is not allowed while the item is ${state.status} (allowed: ${Object.keys(allowed).join(', ') || 'nothing'})`);
    }
    if ('on' in command && state.lastOn !== null && command.on < state.lastOn) {
      return ruleError('DISCLOSURE_DATE_OUT_OF_ORDER', `${command.type} on ${command.on} is before the item's last step on ${state.lastOn}`);
    }
    switch (command.type) {
      case 'FormInfo': {
        const rules = ruleSetFor(command.formedOn);
        const kind = proactiveCategories[command.category].kind;
        return [
          {
            type: 'PublicInfoFormed',
            data: {
              itemId: command.itemId,
              agency: command.agency,
              title: command.title,
              category: command.category,
              change: 'formed',
              formedOn: command.formedOn,
              publishBy: calendar.addWorkingDays(command.formedOn, rules.proactive.limit),
              ruleSet: rules.id,
              decisions: kind === 'decision' ? (command.decisions ?? 1) : 0,
              feeAmountWan: kind === 'fee' ? (command.feeAmountWan ?? 0) : 0,
            },
          },
        ];
      }
      case 'ChangeInfo': {
        const rules = ruleSetFor(command.on);
        return [
          {
            type: 'PublicInfoFormed',
            data: {
              itemId: state.itemId,
              agency: state.agency,
              title: state.title,
              category: state.category ?? 'other',
              change: 'changed',
              formedOn: command.on,
              publishBy: calendar.addWorkingDays(command.on, rules.proactive.limit),
              ruleSet: rules.id,
              decisions: 0,
              feeAmountWan: 0,
            },
          },
        ];
      }
      case 'ReviewInfo': {
        if (command.decision === 'withhold') {
          if (!command.reason) return ruleError('DISCLOSURE_WITHHOLD_REASON_REQUIRED', 'the confidentiality review withheld the item without a legal reason', { key: 'withheldStateSecret', basis: outcomes.withheldStateSecret.basis });
          return [{ type: 'PublicInfoReviewed', data: { on: command.on, decision: 'withhold', reason: command.reason, basis: outcomes[command.reason].basis } }];
        }
        return [{ type: 'PublicInfoReviewed', data: { on: command.on, decision: 'publish', reason: null, basis: disclosureRules[state.ruleSet].proactive.basis } }];
      }
      case 'PublishInfo': {
        const dueOn = state.publishBy as BusinessDate;
        return [{ type: 'PublicInfoPublished', data: { on: command.on, channels: command.channels, dueOn, late: state.publishedOn === null && command.on > dueOn } }];
      }
      case 'RevokeInfo':
        return [{ type: 'PublicInfoRevoked', data: { on: command.on, reason: command.reason } }];
      case 'RepealInfo':
        if (state.category !== 'rule' && state.category !== 'normativeDocument') {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `only 规章 and 行政规范性文件 are repealed; this item is ${state.category ?? 'unknown'}`);
        }
        return [{ type: 'PublicInfoRepealed', data: { on: command.on } }];
    }
  }

  return {
    initialState: initialPublicInfoState,
    evolve: evolvePublicInfo,
    decide(command, state) {
      const r = publicInfoCommandSchema.safeParse(command);
      if (!r.success) {
        const name = typeof (command as { type?: unknown } | null)?.type === 'string' ? (command as { type: string }).type : 'command';
        return new InvalidDisclosureCommandError(name, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
      }
      return decideValid(r.data, state);
    },
  };
}
