/**
 * Server-rendered HTML from template strings: every interpolated value is escaped with core's
 * `escapeHtml` unless it is already markup built by `html` itself, so event data (an applicant's
 * name, a request's text) can never inject markup.
 */
import { escapeHtml } from '@banshi/core';

/** Markup that is already safe (built by {@link html}). */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

function render(value: unknown): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The template tag of every page: values are escaped, arrays joined, `null`/`false` left out.
 *
 * @example
 * html`<p>${'<b>'}</p>`.text; // '<p>&lt;b&gt;</p>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Markup(out);
}

/** Markup from a constant string of the program (never from data). */
export const trusted = (text: string): Markup => new Markup(text);
