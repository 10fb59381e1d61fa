export { importJsonlFile } from './importJsonlFile.js';
export type { ImportJsonlFileOptions } from './importJsonlFile.js';
