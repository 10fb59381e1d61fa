import { isBusinessDate, type BusinessDate, type WorkingCalendar } from '@banshi/calendar';
import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { InvalidDisclosureCommandError, ruleError } from '../errors/index.js';
import type { PublicInfoEvent } from '../events/index.js';
import { outcomeKeys, outcomes, proactiveCategories, publicationChannels, type Outcome, type ProactiveCategory, type PublicationChannel } from '../labels/index.js';
import { disclosureRules, outcomeRules, ruleSetFor } from '../rules/index.js';
import { publicInfoGuards } from './publicInfoGuards.js';
import { initialPublicInfoState, type PublicInfoState } from './publicInfoState.js';
import { evolvePublicInfo, publicInfoTransitions } from './publicInfoTransitions.js';

/** The event each command records: the machine says in which status it may. */
const publicInfoCommandEvent = {
  FormInfo: 'PublicInfoFormed',
  ChangeInfo: 'PublicInfoFormed',
  ReviewInfo: 'PublicInfoReviewed',
  PublishInfo: 'PublicInfoPublished',
  RevokeInfo: 'PublicInfoRevoked',
  RepealInfo: 'PublicInfoRepealed',
} as const satisfies Record<PublicInfoCommand['type'], PublicInfoEvent['type']>;

function notAllowed(command: PublicInfoCommand, state: PublicInfoState): DomainError {
  const allowed = (Object.keys(publicInfoCommandEvent) as PublicInfoCommand['type'][]).filter((c) => publicInfoTransitions[state.status][publicInfoCommandEvent[c]] !== undefined);
  return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.type} is not allowed while the item is ${state.status} (allowed: ${allowed.join(', ') || 'nothing'})`);
}

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
  z.strictObject({
    type: z.literal('FormInfo'),
    itemId: text,
    agency: text,
    title: text,
    category: z.enum(Object.keys(proactiveCategories) as [ProactiveCategory, ...ProactiveCategory[]]),
    formedOn: date,
    decisions: z.number().int().nonnegative().optional(),
    feeAmountWan: z.number().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('ChangeInfo'), on: date }),
  z.strictObject({ type: z.literal('ReviewInfo'), on: date, decision: z.enum(['publish', 'withhold']), reason: z.enum(withholdReasonKeys).optional() }),
  z.strictObject({ type: z.literal('PublishInfo'), on: date, channels: z.array(z.enum(Object.keys(publicationChannels) as [PublicationChannel, ...PublicationChannel[]])).min(1) }),
  z.strictObject({ type: z.literal('RevokeInfo'), on: date, reason: text }),
  z.strictObject({ type: z.literal('RepealInfo'), on: date }),
]);

/**
 * A command on a proactive-disclosure item.
 *
 * @example
 * const c: PublicInfoCommand = { type: 'RevokeInfo', on: '2013-12-01', reason: '内容有误' };
 */
export type PublicInfoCommand = z.infer<typeof publicInfoCommandSchema>;

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
    if (publicInfoTransitions[state.status][publicInfoCommandEvent[command.type]] === undefined) return notAllowed(command, state);
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
          const known = outcomeRules[state.ruleSet];
          if (!command.reason) return ruleError('DISCLOSURE_WITHHOLD_REASON_REQUIRED', 'the confidentiality review withheld the item without a legal reason', { key: 'withheldStateSecret', basis: known.withheldStateSecret ?? disclosureRules[state.ruleSet].proactive.basis });
          const basis = known[command.reason];
          if (basis === undefined) {
            return ruleError('DISCLOSURE_NOT_IN_ERA', `the ${state.ruleSet} text has no withhold reason ${command.reason} (it knows ${Object.keys(known).filter((k) => k.startsWith('withheld')).join(', ')})`, { key: command.reason, basis: disclosureRules[state.ruleSet].title });
          }
          return [{ type: 'PublicInfoReviewed', data: { on: command.on, decision: 'withhold', reason: command.reason, basis } }];
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
        if (!publicInfoGuards.repealable(state)) return ruleError('DISCLOSURE_NOT_ALLOWED', `only 规章 and 行政规范性文件 are repealed; this item is ${state.category ?? 'unknown'}`);
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
      try {
        return decideValid(r.data, state);
      } catch (err) {
        if (err instanceof DomainError) return err; // e.g. DISCLOSURE_BEFORE_REGULATIONS from ruleSetFor
        throw err;
      }
    },
  };
}
