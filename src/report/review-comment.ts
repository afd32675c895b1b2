// Renders the reviewer's final comment: ranking table (letters mapped back to agents), synthesis, disagreements.
import type { AgentRun } from '../agents/types.js';
import type { ParsedReview } from './ranking.js';
import { cell, codeBlock, details, formatCost, formatDuration, formatTokens } from './markdown.js';

export interface ReviewCommentInput {
  review: ParsedReview;
  /** Letter → the run whose answer carried it. */
  answers: Map<string, AgentRun>;
  reviewer: AgentRun;
  failed: AgentRun[];
  commentUrls: Map<string, string>;
  runUrl?: string;
}

const MEDALS = ['🥇', '🥈', '🥉'];

function rankingTable(input: ReviewCommentInput): string[] {
  const { review, answers, commentUrls } = input;
  const row = (rank: string, letter: string, reason: string): string => {
    const run = answers.get(letter);
    const agent = run ? (commentUrls.get(run.agent) ? `[${run.agent}](${commentUrls.get(run.agent)})` : run.agent) : '?';
    return `| ${rank} | ${letter} | ${agent} | ${run?.model ? `\`${cell(run.model)}\`` : ''} | ${cell(reason)} |`;
  };
  return [
    '| Rank | Answer | Agent | Model | Why |',
    '|---|---|---|---|---|',
    ...review.ranking.map((r, i) => row(`${MEDALS[i] ?? ''} ${i + 1}`.trim(), r.letter, r.reason)),
    ...review.unranked.map((letter) => row('–', letter, 'not ranked by the reviewer')),
  ];
}

export function renderReviewComment(input: ReviewCommentInput): string {
  const { review, reviewer, failed } = input;
  const facts = [`Reviewer: ${reviewer.agent}${reviewer.model ? ` (\`${reviewer.model}\`)` : ''}`, `${input.answers.size} answer${input.answers.size === 1 ? '' : 's'} compared`, formatDuration(reviewer.durationMs), formatTokens(reviewer.usage), formatCost(reviewer.usage)];
  const parts = ['## 🧭 AI Orchestra review', `<sub>${facts.filter(Boolean).join(' · ')}</sub>`, ''];
  if (failed.length > 0) {
    parts.push(`> [!WARNING]\n> Not reviewed, because the agent failed: ${failed.map((r) => `**${r.agent}** (${r.status})`).join(', ')}.`, '');
  }
  if (review.structured) {
    parts.push('### Ranking', ...rankingTable(input), '');
    if (review.ranking.length === 0) parts.push('_The reviewer gave no ranking in the expected form._', '');
    parts.push('### Synthesis', review.synthesis || '_The reviewer gave no synthesis._', '');
    parts.push('### Disagreements', review.disagreements || '_None noted._', '');
  } else {
    parts.push('_The reviewer did not answer in the expected form; its answer follows as written._', '', review.synthesis, '');
  }
  const legend = [...input.answers].map(([letter, run]) => `${letter} = ${run.agent}`).join(', ');
  parts.push(
    details('How this review was made', `The reviewer saw the answers anonymized and in random order as ${[...input.answers.keys()].join(', ')}; the letters were mapped back afterwards: ${legend}.`),
    '',
    `<sub>AI Orchestra · ai-review${input.runUrl ? ` · [workflow run](${input.runUrl})` : ''}</sub>`,
  );
  return parts.join('\n');
}

export function renderReviewFailure(reviewer: AgentRun, answered: number, runUrl?: string): string {
  return [
    '## 🧭 AI Orchestra review',
    `<sub>Reviewer: ${reviewer.agent} · ${reviewer.status} after ${formatDuration(reviewer.durationMs)}</sub>`,
    '',
    `❌ The reviewer could not review the ${answered} answer${answered === 1 ? '' : 's'} above: ${reviewer.error ?? 'unknown error'}`,
    ...(reviewer.outputTail.trim() ? ['', details('Last lines of output', codeBlock(reviewer.outputTail.trimEnd()))] : []),
    '',
    `<sub>AI Orchestra · ai-review${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`,
  ].join('\n');
}

export function renderNoAnswers(failed: AgentRun[], runUrl?: string): string {
  return [
    '## 🧭 AI Orchestra review',
    '',
    `❌ No agent answered, so there is nothing to review. Failed: ${failed.map((r) => `**${r.agent}** (${r.error ?? r.status})`).join('; ')}.`,
    '',
    `<sub>AI Orchestra · ai-review${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`,
  ].join('\n');
}
