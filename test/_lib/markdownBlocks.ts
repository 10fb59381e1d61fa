import { readFileSync } from 'node:fs';

/** One fenced code block of a Markdown file: its language, `file=` name if any, text and line. */
export interface CodeBlock {
  readonly doc: string;
  readonly line: number;
  readonly lang: string;
  readonly file: string | undefined;
  readonly text: string;
}

/**
 * Every fenced code block (```lang [file=path]) of a Markdown file, in order.
 *
 * @example
 * codeBlocks('docs/getting-started.md').filter((b) => b.file !== undefined);
 */
export function codeBlocks(path: string, label = path): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*(.*)$/.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', info = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !(lines[j] as string).trimStart().startsWith(fence); j++) body.push((lines[j] as string).slice(indent.length));
    const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
    blocks.push({ doc: label, line: i + 1, lang: lang.toLowerCase(), file, text: body.join('\n') + '\n' });
    i = j;
  }
  return blocks;
}
