// Parses Markdown as GitHub does (CommonMark + GFM) and edits the source by node positions, so text is changed
// only where the parser says a construct is, and everything else stays byte for byte.
import type { Nodes, Root } from 'mdast';

let parser: ((text: string) => Root) | undefined;

/**
 * Loads the parser (micromark and mdast with GFM: a quarter of the JavaScript the action would otherwise compile before
 * its first request to GitHub). Every entry point awaits it before anything parses Markdown: the action while the
 * trigger's permission is checked, the CLI as it starts, the tests in their setup file.
 */
export async function loadMarkdownParser(): Promise<void> {
  parser ??= (await import('./markdown-parser.js')).parseGfm;
}

export function parseMarkdown(text: string): Root {
  if (!parser) throw new Error('Internal error: Markdown was parsed before loadMarkdownParser() finished.');
  return parser(text);
}

/** Calls `visit` for every node below `node`, parents first; returning false skips that node's children. */
export function walk(
  node: Nodes,
  visit: (node: Nodes, parent: Nodes | undefined) => boolean | void,
  parent?: Nodes,
): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) for (const child of node.children) walk(child, visit, node);
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** `source` with the edits applied; an edit inside an earlier (wider or preceding) one is dropped. */
export function applyEdits(source: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (edit.start < at) continue;
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}
