export { csvField, csvRow } from './csv.js';
export { escapeHtml } from './escapeHtml.js';
export { defineMessages, isLang, langs } from './messages.js';
export type { Lang, Message, SameKeys } from './messages.js';
