export { importJsonlFile } from './importJsonlFile.js';
