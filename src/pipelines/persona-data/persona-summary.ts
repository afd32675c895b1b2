// Renders the persona-data job summary: every agent run, the issue comment, and each kept answer in full.

import type { AgentRun } from '../../agents/types.js';
import { cell, details, formatDuration, formatTokens } from '../../report/markdown.js';
import { costCell } from '../../report/summary.js';
import { usageTotalLine } from '../../report/usage.js';
import { neutralizeAgentMarkdown } from '../../security/sanitize-output.js';
import type { PersonaLine } from './persona-comment.js';

// GitHub rejects step summaries over 1 MiB.
const SUMMARY_BUDGET = 1_000_000;

export interface PersonaSummaryInput {
  target: string;
  status: string;
  error?: string;
  runs: AgentRun[];
  comment?: string;
  lines: PersonaLine[];
}

export function renderPersonaSummary(input: PersonaSummaryInput): string {
  const rows = input.runs.map(
    (r) =>
      `| ${cell(r.agent)} | ${cell(r.role)} | ${r.status} | ${formatDuration(r.durationMs)} | ${formatTokens(r.usage) ?? ''} | ${costCell(r.usage)} |`,
  );
  const total = usageTotalLine(input.runs);
  const head = [
    `## 🎼 AI Orchestra · persona-data · ${input.target}`,
    `**Status:** ${input.status}${input.error ? ` — ${input.error}` : ''}`,
    '',
    '| Agent | Role | Status | Duration | Tokens | Cost |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...(total ? [total, ''] : []),
    input.comment ?? '',
    '',
    '### Kept answers',
  ].join('\n');
  let remaining = SUMMARY_BUDGET - head.length - 1_000;
  const answers = input.lines.flatMap((l) => {
    if (!l.verdict.kept) return [];
    const text =
      l.verdict.answer.length > remaining
        ? `${l.verdict.answer.slice(0, Math.max(0, remaining))}\n\n_(cut: the job summary is limited to 1 MiB; the dataset files have it all)_`
        : l.verdict.answer;
    remaining = Math.max(0, remaining - text.length);
    return [details(`${l.persona} (${l.run.agent})`, neutralizeAgentMarkdown(text))];
  });
  return [head, ...answers].join('\n');
}
