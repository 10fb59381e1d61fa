/**
 * @banshi/disclosure — government-information disclosure (政府信息公开): requests (依申请公开)
 * under the 2008 and 2019 texts of the 条例, proactive disclosure with confidentiality review
 * (主动公开 / 保密审查), and the annual-report tables of 国办公开办函〔2021〕30号 from any log.
 */
export * from './rules/index.js';
export * from './labels/index.js';
export * from './errors/index.js';
export * from './events/index.js';
export * from './request/index.js';
export * from './proactive/index.js';
export * from './report/index.js';
