export { createCompactMap } from './compactMap.js';
export type { CompactMap } from './compactMap.js';
