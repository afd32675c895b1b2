// Renders the reviewer's final comment: ranking table (letters mapped back to agents), synthesis, disagreements.
import { slotOf } from '../../agents/fallback.js';
import type { AgentRun } from '../../agents/types.js';
import type { AggregateRow } from '../../judging/aggregate.js';
import { describeJudging, type Judgement } from '../../judging/judge-answers.js';
import type { ParsedReview } from '../../parsers/ranking.js';
import { cell, codeBlock, details, formatCost, formatDuration, formatTokens } from '../../report/markdown.js';
import { formatInteger } from '../../report/numbers.js';
import { neutralizeAgentMarkdown } from '../../security/sanitize-output.js';

export interface ReviewCommentInput {
  review: ParsedReview;
  /** Letter → the run whose answer carried it. */
  answers: Map<string, AgentRun>;
  reviewer: AgentRun;
  failed: AgentRun[];
  commentUrls: Map<string, string>;
  runUrl?: string;
  /** Matrix mode: why an agent has no answer (its unit left no result), instead of its status word. */
  failedNotes?: ReadonlyMap<string, string>;
  /** The aggregated ranking of every judge and order; absent: the one reviewer's ranking as it gave it. */
  fair?: FairRanking;
}

export interface FairRanking {
  rows: AggregateRow[];
  /** How the ranking was made, in a paragraph. */
  method: string;
}

export function fairRanking(judgement: Judgement): FairRanking {
  return { rows: judgement.aggregate.rows, method: describeJudging(judgement) };
}

const MEDALS = ['🥇', '🥈', '🥉'];

const STATUS_WORDS: Record<AgentRun['status'], string> = {
  success: 'answered',
  failure: 'failed',
  timeout: 'timed out',
  cancelled: 'cancelled',
  budget: 'stopped: budget',
};

function agentLink(run: AgentRun, commentUrls: Map<string, string>): string {
  const url = commentUrls.get(slotOf(run));
  const name = run.inPlaceOf ? `${run.agent} (in place of ${run.inPlaceOf.agent})` : run.agent;
  return url ? `[${name}](${url})` : name;
}

function lengthCell(run: AgentRun | undefined): string {
  if (!run) return '';
  const words = run.answer.trim().split(/\s+/).filter(Boolean).length;
  return `${formatInteger(words)} words`;
}

/** Ties share a rank ("=1"); the medal goes to a rank held alone. */
function rankLabel(row: AggregateRow): string {
  if (row.tied) return `=${row.rank}`;
  return MEDALS[row.rank - 1] ?? String(row.rank);
}

function fairTable(input: ReviewCommentInput, fair: FairRanking): string[] {
  const reasons = new Map(input.review.ranking.map((r) => [r.letter, r.reason]));
  return [
    '| Rank | Agent | Answer | Length | Confidence | Why |',
    '|:---:|---|:---:|---:|:---:|---|',
    ...fair.rows.map((row) => {
      const run = input.answers.get(row.letter);
      const confidence = row.confidence === 'high' ? 'high' : '⚠️ low';
      const why = row.seenBy === 0 ? 'not ranked by any judge' : (reasons.get(row.letter) ?? '');
      return `| ${rankLabel(row)} | ${run ? agentLink(run, input.commentUrls) : '?'} | ${row.letter} | ${lengthCell(run)} | ${confidence} | ${cell(why)} |`;
    }),
  ];
}

function rankingTable(input: ReviewCommentInput): string[] {
  const { review, answers, commentUrls } = input;
  const row = (rank: string, letter: string, reason: string): string => {
    const run = answers.get(letter);
    return `| ${rank} | ${run ? agentLink(run, commentUrls) : '?'} | ${letter} | ${cell(reason)} |`;
  };
  return [
    '| Rank | Agent | Answer | Why |',
    '|:---:|---|:---:|---|',
    ...review.ranking.map((r, i) => row(MEDALS[i] ?? String(i + 1), r.letter, r.reason)),
    ...review.unranked.map((letter) => row('–', letter, 'not ranked by the reviewer')),
  ];
}

/**
 * The reviewer writes about "Answer B" or "answers A and C"; readers know agents, so name them:
 * "Answer B (gemini)", "answers A (claude) and C (codex)".
 */
export function nameAnswerLetters(text: string, answers: Map<string, AgentRun>): string {
  const letters = [...answers.keys()].sort((a, b) => b.length - a.length).join('|');
  if (!letters) return text;
  const one = `(?:${letters})\\b(?!\\s*\\()`;
  const phrase = new RegExp(`\\b([Aa]nswers?)\\s+(${one}(?:\\s*(?:,|and|or|&|vs\\.?)\\s*${one})*)`, 'g');
  return text.replace(
    phrase,
    (_m, word: string, list: string) =>
      `${word} ${list.replace(new RegExp(`\\b(${letters})\\b`, 'g'), (letter: string) => `${letter} (${answers.get(letter)?.agent ?? '?'})`)}`,
  );
}

function leftOut(failed: AgentRun[], notes?: ReadonlyMap<string, string>): string {
  return `> [!WARNING]\n> Left out of this review: ${failed.map((r) => `**${slotOf(r)}** (${notes?.get(slotOf(r)) ?? STATUS_WORDS[r.status]})`).join(', ')}.`;
}

/** "Answered by codex in place of claude, because claude: a rate limit or quota was reached." for each such answer. */
function fallbackNotes(answers: Map<string, AgentRun>): string[] {
  const lines = [...answers.values()]
    .filter((r) => r.inPlaceOf)
    .map((r) => `> Answered by **${r.agent}** in place of **${r.inPlaceOf!.agent}**, because ${r.inPlaceOf!.reason}.`);
  return lines.length > 0 ? ['> [!NOTE]', ...lines, ''] : [];
}

export function renderReviewComment(input: ReviewCommentInput): string {
  const { review, reviewer, failed, answers } = input;
  const count = `${answers.size} answer${answers.size === 1 ? '' : 's'}`;
  const facts = [
    `reviewed ${count} in ${formatDuration(reviewer.durationMs)}`,
    formatTokens(reviewer.usage),
    formatCost(reviewer.usage),
  ];
  const parts = [
    `### 🧭 Review by ${reviewer.agent}${reviewer.model ? ` · \`${reviewer.model}\`` : ''}`,
    `<sub>${facts.filter(Boolean).join(' · ')}</sub>`,
    '',
  ];
  if (failed.length > 0) parts.push(leftOut(failed, input.failedNotes), '');
  parts.push(...fallbackNotes(answers));
  if (review.structured) {
    parts.push('#### Ranking', ...(input.fair ? fairTable(input, input.fair) : rankingTable(input)), '');
    if (review.ranking.length === 0) parts.push('_The reviewer gave no ranking in the expected form._', '');
    parts.push(
      '#### Synthesis',
      neutralizeAgentMarkdown(nameAnswerLetters(review.synthesis, answers)) || '_The reviewer gave no synthesis._',
      '',
    );
    parts.push(
      '#### Disagreements',
      neutralizeAgentMarkdown(nameAnswerLetters(review.disagreements, answers)) || '_None noted._',
      '',
    );
  } else {
    parts.push(
      '_The reviewer did not answer in the expected form; its answer follows as written._',
      '',
      neutralizeAgentMarkdown(nameAnswerLetters(review.synthesis, answers)),
      '',
    );
  }
  const legend = [...answers].map(([letter, run]) => `${letter} = ${run.agent}`).join(', ');
  const who = input.fair ? 'The judges' : 'The reviewer';
  const seen = `${who} saw the answers anonymized and in random order as ${[...answers.keys()].join(', ')}; the letters were mapped back afterwards: ${legend}.`;
  parts.push(
    details('How this review was made', input.fair ? `${seen} ${input.fair.method}` : seen),
    '',
    `<sub>AI Orchestra · ai-review${input.runUrl ? ` · [workflow run](${input.runUrl})` : ''}</sub>`,
  );
  return parts.join('\n');
}

export function renderReviewFailure(reviewer: AgentRun, answered: number, runUrl?: string): string {
  return [
    `### 🧭 Review by ${reviewer.agent}`,
    `<sub>${STATUS_WORDS[reviewer.status]} after ${formatDuration(reviewer.durationMs)}</sub>`,
    '',
    `❌ The reviewer could not review the ${answered} answer${answered === 1 ? '' : 's'} above: ${neutralizeAgentMarkdown(reviewer.error ?? 'unknown error')}`,
    ...(reviewer.outputTail.trim()
      ? ['', details('Last lines of output', codeBlock(reviewer.outputTail.trimEnd()))]
      : []),
    '',
    `<sub>AI Orchestra · ai-review${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`,
  ].join('\n');
}

export function renderNoAnswers(failed: AgentRun[], runUrl?: string): string {
  return [
    '### 🧭 Review',
    '',
    `❌ No agent answered, so there is nothing to review: ${failed.map((r) => `**${r.agent}** ${STATUS_WORDS[r.status]} (${neutralizeAgentMarkdown(r.error ?? 'no error given')})`).join('; ')}.`,
    '',
    `<sub>AI Orchestra · ai-review${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`,
  ].join('\n');
}
