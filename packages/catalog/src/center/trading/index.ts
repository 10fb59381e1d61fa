export { knownTradingCategory, tradingCategories, tradingCategoryNames, DealRegistered, DealConcluded, DealFailed, dealEvents, type TradingCategory, type TradingCategoryDefinition, type DealEvent } from './tradingEvents.js';
export { dealDecider, dealCommandSchema, type DealCommand, type DealState } from './dealDecider.js';
export { dealMachine, dealTable, nextDealStatus, dealStatuses, type DealStatus } from './dealMachine.js';
export { tradingStats, savingsRate, savingsRatio, tradingRows, type TradingStatsState, type CategoryFigures } from './tradingStats.js';
