// Parses Markdown as GitHub does (CommonMark + GFM) and edits the source by node positions, so text is changed
// only where the parser says a construct is, and everything else stays byte for byte.
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
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
