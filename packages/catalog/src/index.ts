/**
 * @banshi/catalog — the service center's registers (design §1, §5): the approval-item catalog
 * (事项目录) with elements, versions and standards; cleanup campaigns (取消/下放/调整/保留) and
 * the four reductions; the intermediary-agency register (中介机构); and the center's own
 * registers under `center/`: satisfaction surveys, public-resource trading, sub-centers.
 */
export * from './rules/index.js';
export * from './errors/index.js';
export * from './format/index.js';
export * from './item/index.js';
export * from './campaign/index.js';
export * from './intermediary/index.js';
export * from './center/index.js';
export * from './events/index.js';
