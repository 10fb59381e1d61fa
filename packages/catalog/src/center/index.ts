export * from './surveys/index.js';
export * from './trading/index.js';
export * from './nodes/index.js';
export * from './notices/index.js';
export * from './publicity/index.js';
