// Renders the one pull-request review: inline comments naming their agents, and a body that holds everything else.

import type { ReviewComment } from '../../kernel/definition.js';
import { fitCommentBody } from '../../report/comment-body.js';
import { codeBlock, details } from '../../report/markdown.js';
import { neutralizeAgentMarkdown } from '../../security/sanitize-output.js';
import type { SkippedFile } from './budget.js';
import { SEVERITIES, type Severity } from './findings.js';
import { type PriorFinding, type ReviewState, renderState } from './fingerprint.js';
import type { PlacedGroup } from './selection.js';

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: '🔴 Critical',
  high: '🟠 High',
  medium: '🟡 Medium',
  low: '🔵 Low',
  nit: '⚪ Nit',
};

/** How each agent's answer went, for the body's notes. */
export interface AgentOutcome {
  agent: string;
  kind: 'findings' | 'prose' | 'failed';
  /** findings: the agent's summary; prose: why its answer had no block; failed: the error. */
  note: string;
  findings: number;
}

export interface RenderedReview {
  body: string;
  comments: ReviewComment[];
}

export interface ReviewRenderInput {
  headSha: string;
  placed: PlacedGroup[];
  agents: AgentOutcome[];
  judge?: { agent: string; ok: boolean; note: string };
  /** Files of the pull request no agent reviewed. */
  skipped: SkippedFile[];
  /** How many files the agents reviewed. */
  reviewedFiles: number;
  /** Re-review: the head reviewed last time, and what became of the findings of then. */
  since?: string;
  touched: PriorFinding[];
  repeated: number;
  state: ReviewState;
  runUrl?: string;
  /** Something the reader should know about how the run went (e.g. a force push made it review everything). */
  note?: string;
}

/** A list of names the way a sentence says it: "a", "a and b", "a, b and c". */
export function nameList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
// Agents' text (titles, bodies, reasons, summaries) may carry what an injected prompt made them write: neutralized
// so it cannot close our <details>, forge our <sub> attribution line or add headings.
const agentText = (text: string): string => neutralizeAgentMarkdown(text);
const agentLine = (text: string): string => neutralizeAgentMarkdown(oneLine(text));
const place = (path: string, line: number, endLine: number): string =>
  `\`${oneLine(path)}:${line}${endLine > line ? `-${endLine}` : ''}\``;

function inlineBody(p: PlacedGroup): string {
  const { group } = p;
  const lead = group.lead.finding;
  const parts = [`**${SEVERITY_LABEL[group.severity]}** · ${agentLine(lead.title)}`, '', agentText(lead.body)];
  if (p.suggestion !== undefined) parts.push('', codeBlock(p.suggestion, 'suggestion'));
  const others = group.members.filter((m) => m !== group.lead);
  if (others.length) {
    const said = others.map(
      (m) => `**${m.agent}** (${m.finding.severity}): ${agentLine(m.finding.title)}\n\n${agentText(m.finding.body)}`,
    );
    parts.push('', details('What the other agents said', said.join('\n\n---\n\n')));
  }
  const judged = p.judgement
    ? ` · judged ${p.judgement.verdict}${p.judgement.reason ? `: ${agentLine(p.judgement.reason)}` : ''}`
    : '';
  parts.push(
    '',
    `<sub>Found by ${nameList(group.agents.map((a) => `**${a}**`))}${judged} · AI Orchestra pr-review</sub>`,
  );
  return fitCommentBody(parts.join('\n')).body;
}

function inlineComment(p: PlacedGroup): ReviewComment {
  const { group } = p;
  const comment: ReviewComment = { path: group.path, line: group.endLine, side: 'RIGHT', body: inlineBody(p) };
  if (group.endLine > group.line) comment.startLine = group.line;
  return comment;
}

function bodyEntry(p: PlacedGroup): string {
  const { group } = p;
  const lead = group.lead.finding;
  const quoted = agentText(lead.body.length > 600 ? `${lead.body.slice(0, 599)}…` : lead.body);
  return [
    `- ${place(group.path, group.line, group.endLine)} **${agentLine(lead.title)}** — found by ${nameList(group.agents)}${p.why ? ` · ${agentLine(p.why)}` : ''}`,
    ...(quoted ? quoted.split('\n').map((l) => `  > ${l}`) : []),
  ].join('\n');
}

function bodyFindings(placed: PlacedGroup[]): string[] {
  const rest = placed.filter((p) => p.placement === 'body');
  if (!rest.length) return [];
  const sections = SEVERITIES.flatMap((severity) => {
    const of = rest.filter((p) => p.group.severity === severity);
    return of.length ? [`#### ${SEVERITY_LABEL[severity]}`, '', ...of.map(bodyEntry), ''] : [];
  });
  return [
    '',
    details(`${rest.length} more finding${rest.length === 1 ? '' : 's'}, not inline`, sections.join('\n').trimEnd()),
  ];
}

function notes(input: ReviewRenderInput): string[] {
  const lines: string[] = [];
  if (input.note) lines.push(`ℹ️ ${input.note}.`);
  if (input.since)
    lines.push(
      `Re-review of the commits since \`${input.since.slice(0, 7)}\`${input.repeated ? `; ${input.repeated} finding${input.repeated === 1 ? '' : 's'} posted before, at unchanged lines, not repeated` : ''}.`,
    );
  if (input.touched.length) {
    lines.push(
      '',
      '**Earlier findings the new commits touched:**',
      ...input.touched.map((f) => `- ${place(f.path, f.line, f.endLine)} ${agentLine(f.title)} (${f.severity})`),
    );
  }
  if (input.skipped.length)
    lines.push('', '**Not reviewed:**', ...input.skipped.map((f) => `- \`${oneLine(f.path)}\`: ${f.reason}`));
  const prose = input.agents.filter((a) => a.kind === 'prose');
  for (const a of prose)
    lines.push(
      '',
      `⚠️ **${a.agent}** answered without a valid findings block (${a.note}); its answer is in the job summary.`,
    );
  const failed = input.agents.filter((a) => a.kind === 'failed');
  for (const a of failed) lines.push('', `❌ **${a.agent}** failed: ${agentLine(a.note)}`);
  if (input.judge && !input.judge.ok)
    lines.push(
      '',
      `⚠️ The judge **${input.judge.agent}** gave no verdicts (${agentLine(input.judge.note)}); nothing was left out for being judged invalid.`,
    );
  return lines;
}

function headline(input: ReviewRenderInput): string {
  const answered = input.agents.filter((a) => a.kind !== 'failed').map((a) => a.agent);
  const inline = input.placed.filter((p) => p.placement === 'inline').length;
  const files = `${input.reviewedFiles} file${input.reviewedFiles === 1 ? '' : 's'}`;
  const inForm = input.agents.filter((a) => a.kind === 'findings').map((a) => a.agent);
  if (input.placed.length === 0 && inForm.length === 0)
    return `⚠️ No agent answered in the findings form, so nothing could be checked; the answers are in the job summary.`;
  if (input.placed.length === 0)
    return `✅ No findings: ${nameList(inForm)} reviewed ${files} and found nothing to report.`;
  const judge = input.judge?.ok ? `, judged by ${input.judge.agent}` : '';
  const rest = input.placed.length - inline;
  return `${nameList(answered)} reviewed ${files}${judge}: ${inline} inline comment${inline === 1 ? '' : 's'}${rest ? `, ${rest} more finding${rest === 1 ? '' : 's'} below` : ''}.`;
}

function summaries(agents: AgentOutcome[]): string[] {
  const withSummary = agents.filter((a) => a.kind === 'findings' && a.note);
  if (!withSummary.length) return [];
  return [
    '',
    details(
      'What each agent said of the change',
      withSummary
        .map((a) => `**${a.agent}** (${a.findings} finding${a.findings === 1 ? '' : 's'}): ${agentLine(a.note)}`)
        .join('\n\n'),
    ),
  ];
}

export function renderReview(input: ReviewRenderInput): RenderedReview {
  // Nothing found: the one line says it all; the agents' summaries stay in the job summary.
  const footer = [
    '',
    `<sub>AI Orchestra · pr-review · ${input.headSha.slice(0, 7)}${input.runUrl ? ` · [workflow run](${input.runUrl})` : ''}</sub>`,
  ];
  const body = [
    `### 🎼 AI Orchestra · pr-review`,
    headline(input),
    ...notes(input),
    ...bodyFindings(input.placed),
    ...(input.placed.length ? summaries(input.agents) : []),
    ...footer,
  ].join('\n');
  // The state line goes first, where cutting an over-long body cannot take it.
  return {
    body: `${renderState(input.state)}\n${fitCommentBody(body).body}`,
    comments: input.placed.filter((p) => p.placement === 'inline').map(inlineComment),
  };
}

/** The review body alone, for when GitHub refused the inline comments: everything moves to the body. */
export function withoutInline(placed: PlacedGroup[], why: string): PlacedGroup[] {
  return placed.map((p) => (p.placement === 'inline' ? { ...p, placement: 'body', why } : p));
}
