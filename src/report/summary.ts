// Renders the job summary: the agents table, the final review and every full answer.
import type { AgentRun } from '../agents/types.js';
import { cell, details, formatDuration } from './markdown.js';

// GitHub rejects step summaries over 1 MiB.
const SUMMARY_BUDGET = 1_000_000;
const STATUS_ICON: Record<AgentRun['status'], string> = { success: '✅', failure: '❌', timeout: '⏱️', cancelled: '🚫' };

export interface SummaryInput {
  pipeline: string;
  target: string;
  status: string;
  error?: string;
  runs: AgentRun[];
  comments: Map<string, string>;
}

export function renderSummary(input: SummaryInput): string {
  const rows = input.runs.map((r) => {
    const u = r.usage;
    return `| ${STATUS_ICON[r.status]} ${cell(r.agent)} | ${cell(r.role)} | ${r.model ? `\`${cell(r.model)}\`` : ''} | ${r.status} | ${formatDuration(r.durationMs)} | ${u.inputTokens ?? ''} | ${u.outputTokens ?? ''} | ${u.costUsd !== undefined ? `$${u.costUsd.toFixed(4)}` : ''} |`;
  });
  const head = [
    `## 🎼 AI Orchestra · ${input.pipeline} · ${input.target}`,
    `**Status:** ${input.status}${input.error ? ` — ${input.error}` : ''}`,
    '',
    '| Agent | Role | Model | Status | Duration | Tokens in | Tokens out | Cost |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  const review = input.comments.get('review');
  const answers = [...input.comments].filter(([key]) => key.startsWith('agent:'));
  let remaining = SUMMARY_BUDGET - head.length - (review?.length ?? 0) - 200;
  const blocks = answers.map(([key, body]) => {
    const text = body.length > remaining ? `${body.slice(0, Math.max(0, remaining))}\n\n_(cut: the job summary is limited to 1 MiB; see result-file)_` : body;
    remaining = Math.max(0, remaining - text.length);
    return details(`Answer of ${key.slice('agent:'.length)}`, text);
  });
  return [head, review ?? '', '', '### Answers', ...blocks].join('\n');
}
