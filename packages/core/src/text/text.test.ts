import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, escapeHtml } from './index.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });
  it('leaves no raw < > " \' in any output, and unescaping gives the input back', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeHtml(s);
        expect(/[<>"']/.test(e)).toBe(false);
        const back = e.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
        expect(back).toBe(s);
      }),
    );
  });
});

describe('csvField (RFC 4180, with a guard against formula injection)', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'x\ny', 3])).toBe('a,"b,c","say ""hi""","x\ny",3');
  });
  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralizes %j as text', (cell) => {
    const out = csvField(cell);
    expect(out.startsWith(`"'`)).toBe(true);
    expect(out.slice(2, -1).replaceAll('""', '"')).toBe(cell);
  });
  it('writes numbers as numbers, negative ones included', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.25)).toBe('0.25');
  });
  it('no string field ever starts, after its opening quote, with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = csvField(s);
        const body = out.startsWith('"') ? out.slice(1) : out;
        expect(/^[=+\-@\t\r]/.test(body)).toBe(false);
      }),
    );
  });
});
