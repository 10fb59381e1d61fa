export { csvField, csvRow } from './csv.js';
export { escapeHtml } from './escapeHtml.js';
