import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../../_lib/assertNever.js';
import { parseCommand } from '../../_lib/parseCommand.js';
import { reject } from '../../_lib/reject.js';
import { businessDate, count, fen, identifier, text } from '../../_lib/schemas.js';
import { nextDealStatus, type DealStatus } from './dealMachine.js';
import { knownTradingCategory, type DealEvent } from './tradingEvents.js';

/**
 * Commands of a `deal-<id>` stream.
 *
 * @example
 * dealCommandSchema.parse({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 100, concludedOn: '2013-04-10' });
 */
export const dealCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('RegisterDeal'),
    dealId: identifier,
    category: identifier,
    title: text,
    node: identifier,
    registeredOn: businessDate,
    budgetFen: fen.optional(),
    marketPriceFen: fen.optional(),
    areaSqm: count.optional(),
  }),
  z.strictObject({ type: z.literal('ConcludeDeal'), dealId: identifier, priceFen: fen, concludedOn: businessDate, winner: text.optional() }),
  z.strictObject({ type: z.literal('FailDeal'), dealId: identifier, reason: text, failedOn: businessDate }),
]);
/**
 * A command of a `deal-<id>` stream.
 *
 * @example
 * const c: DealCommand = { type: 'FailDeal', dealId: 'zc-1', reason: '流标', failedOn: '2013-04-10' };
 */
export type DealCommand = z.infer<typeof dealCommandSchema>;

/**
 * What the deal decider knows.
 *
 * @example
 * foldDecider(dealDecider, events).status; // 'concluded'
 */
export interface DealState {
  readonly status: DealStatus;
  readonly dealId: string | null;
  readonly registeredOn: string | null;
}

const eventOf = { RegisterDeal: 'DealRegistered', ConcludeDeal: 'DealConcluded', FailDeal: 'DealFailed' } as const satisfies Record<DealCommand['type'], DealEvent['type']>;

/**
 * Decider of a `deal-<id>` stream: register a deal (with a budget where the category reports
 * savings, an area for land), then conclude or fail it once. A category code other than the five
 * built-in ones is accepted as written: its reporting rules live in the center's report
 * configuration, so no budget or area rule is checked here.
 *
 * @example
 * await handle(store, 'deal-zc-1', { type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '采购', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100 }, dealDecider);
 */
export const dealDecider: Decider<DealState, DealCommand, DealEvent> = {
  initialState: { status: 'none', dealId: null, registeredOn: null },
  decide(input, state) {
    const command = parseCommand(dealCommandSchema, input);
    if (command instanceof DomainError) return command;
    const id = command.dealId;
    if (state.dealId !== null && id !== state.dealId) return reject('CATALOG_DEAL_NOT_REGISTERED', `this stream holds deal ${state.dealId}, not ${id}: send it to deal-${id}`, 'tradingDealFinal');
    if (nextDealStatus(state.status, eventOf[command.type]) === undefined) {
      if (command.type === 'RegisterDeal') return reject('CATALOG_DEAL_ALREADY_REGISTERED', `deal ${id} is already registered: use a new deal id`, 'tradingDealFinal');
      if (state.status === 'none') return reject('CATALOG_DEAL_NOT_REGISTERED', `deal ${id} is not registered: send RegisterDeal first`, 'tradingDealFinal');
      return reject('CATALOG_DEAL_ALREADY_FINAL', `deal ${id} already ${state.status}: a deal concludes or fails once`, 'tradingDealFinal');
    }
    if (command.type === 'RegisterDeal') {
      const category = knownTradingCategory(command.category) ?? { label: command.category, savings: null, area: null };
      if (category.savings === 'budget' && command.budgetFen === undefined) {
        return reject('CATALOG_DEAL_BUDGET_REQUIRED', `${category.label} deal ${id} reports savings against its budget (招标控制价): give it in budgetFen`, 'tradingBudgetRequired');
      }
      if (category.savings === 'marketPrice' && command.marketPriceFen === undefined) {
        return reject('CATALOG_DEAL_BUDGET_REQUIRED', `${category.label} deal ${id} reports savings against the market price (市场价): give it in marketPriceFen`, 'tradingBudgetRequired');
      }
      if (category.area === true && command.areaSqm === undefined) return reject('CATALOG_DEAL_AREA_REQUIRED', `${category.label} deal ${id} needs the area transferred in areaSqm`, 'tradingLandArea');
      if (category.area === false && command.areaSqm !== undefined) return reject('CATALOG_DEAL_AREA_REQUIRED', `only land deals carry an area: drop areaSqm from ${category.label} deal ${id}`, 'tradingLandArea');
      const { type: _type, ...data } = command;
      return [{ type: 'DealRegistered', data }];
    }
    switch (command.type) {
      case 'ConcludeDeal': {
        const { type: _type, ...data } = command;
        return [{ type: 'DealConcluded', data }];
      }
      case 'FailDeal':
        return [{ type: 'DealFailed', data: { dealId: id, reason: command.reason, failedOn: command.failedOn } }];
      default:
        return assertNever(command, 'deal command');
    }
  },
  evolve(state, event) {
    // As the machine does: an event it does not take changes nothing (a fold is total, never throws).
    const status = nextDealStatus(state.status, event.type);
    if (status === undefined) return state;
    switch (event.type) {
      case 'DealRegistered':
        return { status, dealId: event.data.dealId, registeredOn: event.data.registeredOn };
      case 'DealConcluded':
      case 'DealFailed':
        return { ...state, status };
      default:
        return assertNever(event, 'deal event');
    }
  },
};
