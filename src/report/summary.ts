// Renders the job summary: the agents table, the final review and every full answer.
import type { AgentRun } from '../agents/types.js';
import { cell, details, formatDuration } from './markdown.js';
import { usageTotalLine } from './usage.js';

// GitHub rejects step summaries over 1 MiB.
const SUMMARY_BUDGET = 1_000_000;
const STATUS_ICON: Record<AgentRun['status'], string> = {
  success: '✅',
  failure: '❌',
  timeout: '⏱️',
  cancelled: '🚫',
  budget: '💰',
};

export interface SummaryInput {
  pipeline: string;
  target: string;
  status: string;
  error?: string;
  runs: AgentRun[];
  comments: Map<string, string>;
}

/** The cost cell: the cost, "cost unknown" when tokens were counted but the model has no price, else empty. */
export function costCell(usage: AgentRun['usage']): string {
  if (usage.costUsd !== undefined)
    return `$${usage.costUsd.toFixed(4)}${usage.costSource === 'price-table' ? ' (price table)' : ''}`;
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined ? 'cost unknown' : '';
}

export function renderSummary(input: SummaryInput): string {
  // A fallback's answer row follows the failed attempts it replaced: they were paid for too.
  const rows = input.runs
    .flatMap((run) => [...(run.replaced ?? []), run])
    .map((r) => {
      const u = r.usage;
      const role = r.inPlaceOf ? `${r.role} (in place of ${r.inPlaceOf.agent})` : r.role;
      return `| ${STATUS_ICON[r.status]} ${cell(r.agent)} | ${cell(role)} | ${r.model ? `\`${cell(r.model)}\`` : ''} | ${r.status} | ${formatDuration(r.durationMs)} | ${u.inputTokens ?? ''} | ${u.outputTokens ?? ''} | ${costCell(u)} |`;
    });
  const total = usageTotalLine(input.runs);
  const head = [
    `## 🎼 AI Orchestra · ${input.pipeline} · ${input.target}`,
    `**Status:** ${input.status}${input.error ? ` — ${input.error}` : ''}`,
    '',
    '| Agent | Role | Model | Status | Duration | Tokens in | Tokens out | Cost |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...(total ? [total, ''] : []),
  ].join('\n');
  // The limit is in bytes: count UTF-8 bytes, and cut by characters without splitting a surrogate pair.
  const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
  const review = fitBytes(input.comments.get('review') ?? '', SUMMARY_BUDGET / 4);
  const answers = [...input.comments].filter(([key]) => key.startsWith('agent:'));
  let remaining = SUMMARY_BUDGET - bytes(head) - bytes(review) - 200 * (answers.length + 1);
  const blocks = answers.map(([key, body]) => {
    const text = fitBytes(body, Math.max(0, remaining));
    remaining = Math.max(0, remaining - bytes(text));
    return details(`Answer of ${key.slice('agent:'.length)}`, text);
  });
  return [head, review, '', '### Answers', ...blocks].join('\n');
}

const CUT_NOTE = '\n\n_(cut: the job summary is limited to 1 MiB; the full text is in result-file)_';

/** `text` within `budget` UTF-8 bytes, with a note when cut. */
export function fitBytes(text: string, budget: number): string {
  if (Buffer.byteLength(text, 'utf8') <= budget) return text;
  const room = Math.max(0, budget - CUT_NOTE.length);
  let end = Math.min(text.length, room);
  while (end > 0 && Buffer.byteLength(text.slice(0, end), 'utf8') > room) end = Math.floor(end * 0.9);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + CUT_NOTE;
}
