const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and for quoted attribute values: `& < > " '`. The one
 * escaper every banshi package and app uses (issue #14), so that a page built from event data
 * (an applicant's name, a request's description) can never inject markup.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}
