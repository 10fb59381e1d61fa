/**
 * The Taizhou 2013 fixture: the center's organisation as data, a seeded generator of its year
 * (one file per plan, and the runner), the figures the seed report prints, and the seed check
 * that says what each reproduced figure proves. Not library API: the CLI's `banshi demo` and the
 * examples use it.
 */
export { agencyName, centerId, centerName, departments, standardizedDepartments, taizhouNodes } from './org/taizhouOrg.js';
export type { TaizhouNode } from './org/taizhouOrg.js';
export { taizhouCenter } from './org/taizhouCenter.js';
export { generateTaizhou, generateTaizhou2013, generateTaizhouChunks, taizhouRegistry } from './generator/generateTaizhou.js';
export type { GenerationStats, TaizhouOptions } from './generator/generateTaizhou.js';
export { scenarios, taizhou2013, taizhou2025 } from './generator/scenario.js';
export type { IntakePattern, Scenario } from './generator/scenario.js';
export { seedFigures, tradingLines } from './seed/seedFigures.js';
export type { TradingLine } from './seed/seedFigures.js';
export { figureKinds, figureKindsIn, seedCheck, syntheticFigures, syntheticSections } from './seed/seedCheck.js';
export { seedMessages } from './seed/seedMessages.js';
export type { FigureKind, SeedCheckRow, SyntheticSection } from './seed/seedCheck.js';
