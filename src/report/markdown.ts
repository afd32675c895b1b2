// Small Markdown building blocks shared by every comment: durations, usage, table cells, safe code fences.

import type { Usage } from '../agents/types.js';
import { neutralizeAgentMarkdown } from '../security/sanitize-output.js';
import { formatInteger } from './numbers.js';

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = ms / 1_000;
  if (s < 60) return `${s.toFixed(1)} s`;
  // Round once, before splitting, so 119.6 s reads "2 min 0 s" rather than "1 min 60 s".
  const total = Math.round(s);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

export function formatTokens(usage: Usage): string | undefined {
  const { inputTokens: i, outputTokens: o } = usage;
  if (i === undefined && o === undefined) return undefined;
  return `${i !== undefined ? formatInteger(i) : '?'} in / ${o !== undefined ? formatInteger(o) : '?'} out tokens`;
}

/** The cost; "cost unknown" when tokens were counted but neither the CLI nor the price table gave one. */
export function formatCost(usage: Usage): string | undefined {
  if (usage.costUsd !== undefined) return `$${usage.costUsd.toFixed(usage.costUsd < 0.01 ? 4 : 2)}`;
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined ? 'cost unknown' : undefined;
}

/** One table cell: no line breaks, no column separators, and (it often holds agent text) no raw HTML. */
export function cell(text: string): string {
  return (
    neutralizeAgentMarkdown(text)
      .replace(/\r?\n+/g, ' ')
      .replace(/\|/g, '\\|')
      .trim() || ' '
  );
}

/** A fenced block that the content cannot close early, whatever backticks it contains. */
export function codeBlock(text: string, lang = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
