// Renders the live status comment: one row per agent run, and the run's overall state.
import { createHash } from 'node:crypto';
import type { Usage } from '../agents/types.js';
import { cell, formatDuration } from './markdown.js';
import { usageText } from './usage.js';

export type EntryState = 'pending' | 'running' | 'success' | 'failure' | 'timeout' | 'cancelled' | 'skipped' | 'budget';
export type OverallState = 'running' | 'success' | 'failure' | 'cancelled';

export interface StatusEntry {
  agent: string;
  role: string;
  state: EntryState;
  durationMs?: number;
  /** Short result text, e.g. the error or "waiting for answers". */
  note?: string;
  commentUrl?: string;
  /** Tokens and cost of the row's runs, once known. */
  usage?: Usage & { costUnknown?: boolean };
  /** A failed run's error, whose first line the finished status lists (the agent's comment has all of it). */
  error?: string;
}

export interface StatusView {
  pipeline: string;
  entries: StatusEntry[];
  overall: OverallState;
  startedAt: Date;
  finishedAt?: Date;
  message?: string;
  /** Shown under the table for the whole run, e.g. why each agent was chosen. */
  note?: string;
  runUrl?: string;
  /** Which issue text the agents got (`renderIssueStamp`). */
  issueStamp?: string;
  /** When this rendering is made: a running status says how long it has run. */
  now?: Date;
  /** Whoever started the run (a GitHub login), mentioned once the run has ended. Our text, never an agent's. */
  startedBy?: string;
  /** The run's totals (time, tokens, cost) once it has ended, rendered by report/totals.ts. */
  totals?: string;
  /** Something the reader should know from the start, e.g. that the issue's text was cut. */
  notice?: string;
}

const ICON: Record<EntryState, string> = {
  pending: '🕓',
  running: '⏳',
  success: '✅',
  failure: '❌',
  timeout: '⏱️',
  cancelled: '🚫',
  skipped: '⏭️',
  budget: '💰',
};

/** "12s", "3m", "1h 05m": how long a run has been going, as a glance needs it. */
export function formatRunningFor(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1_000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "for 3m" while running, from the time of the rendering. */
export function runningFor(view: { now?: Date; startedAt: Date }): string {
  return view.now ? ` for ${formatRunningFor(view.now.getTime() - view.startedAt.getTime())}` : '';
}

function headline(view: StatusView): string {
  const done = view.entries.filter((e) => !['pending', 'running'].includes(e.state)).length;
  const elapsed = view.finishedAt ? ` in ${formatDuration(view.finishedAt.getTime() - view.startedAt.getTime())}` : '';
  switch (view.overall) {
    case 'running':
      return `⏳ **Running${runningFor(view)}** · ${done} of ${view.entries.length} done`;
    case 'success': {
      const failed = view.entries.filter(
        (e) => e.state === 'failure' || e.state === 'timeout' || e.state === 'budget',
      ).length;
      return failed > 0
        ? `⚠️ **Finished**${elapsed} · ${failed} of ${view.entries.length} failed`
        : `✅ **Finished**${elapsed}`;
    }
    case 'failure':
      return `❌ **Failed**${elapsed}`;
    case 'cancelled':
      return `🚫 **Cancelled**${elapsed}`;
  }
}

// The status table stays one line per row; the agent's own comment carries the full error.
const NOTE_LIMIT = 120;

function resultCell(e: StatusEntry): string {
  const full = e.note ?? (e.state === 'success' ? 'done' : e.state);
  const text = full.length > NOTE_LIMIT ? `${full.slice(0, NOTE_LIMIT - 1).trimEnd()}…` : full;
  return e.commentUrl ? `[${cell(text)}](${e.commentUrl})` : cell(text);
}

/** The row's result with its tokens and cost, when it used any. */
function resultWithUsage(e: StatusEntry): string {
  const usage = e.usage ? usageText(e.usage) : '';
  return usage ? `${resultCell(e)} · ${usage}` : resultCell(e);
}

/** The whole run's tokens and cost, under the table; undefined before any row reported usage. */
export function usageTotals(entries: readonly Pick<StatusEntry, 'usage'>[]): string | undefined {
  const used = entries.filter((e) => e.usage !== undefined);
  if (used.length === 0) return undefined;
  const tokens = used.reduce((sum, e) => sum + (e.usage!.inputTokens ?? 0) + (e.usage!.outputTokens ?? 0), 0);
  const costs = used.map((e) => e.usage!.costUsd);
  const unknown = used.some((e) => e.usage!.costUsd === undefined || e.usage!.costUnknown) && tokens > 0;
  const cost = costs.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  const text = usageText({
    inputTokens: tokens,
    ...(costs.some((c) => c !== undefined) ? { costUsd: cost } : {}),
    costUnknown: unknown,
  });
  return text ? `**Tokens and cost:** ${text}` : undefined;
}

const FAILED_STATES: EntryState[] = ['failure', 'timeout', 'cancelled', 'budget'];

/** A finished run's failures, one short line per agent; the raw details are in each agent's own comment. */
function failureList(view: StatusView): string[] {
  if (view.overall === 'running') return [];
  const failed = view.entries.filter(
    (e) => FAILED_STATES.includes(e.state) && !(view.overall === 'cancelled' && e.note === 'cancelled'),
  );
  if (failed.length === 0) return [];
  const line = (e: StatusEntry): string => {
    const firstLine = (e.error ?? '')
      .split('\n')
      .find((l) => l.trim())
      ?.trim();
    const note = `${(e.note ?? e.state).split('\n')[0]}${firstLine ? `: ${firstLine}` : ''}`;
    const short = note.length > NOTE_LIMIT ? `${note.slice(0, NOTE_LIMIT - 1).trimEnd()}…` : note;
    return `- ${ICON[e.state]} **${cell(e.agent)}** (${cell(e.role)}): ${cell(short)}${e.commentUrl ? ` · [details](${e.commentUrl})` : ''}`;
  };
  return ['', '**What failed**', ...failed.map(line)];
}

/** A GitHub user login (bots, whose logins end in [bot], are never mentioned). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** Whom a finished run mentions: the human who started it; a bot never. */
export function starterToMention(sender: { login: string; type?: string }): string | undefined {
  return sender.type === 'Bot' || !LOGIN.test(sender.login) ? undefined : sender.login;
}

/**
 * The line a finished run ends with for whoever started it: a mention, so they hear it is done. It is our own text
 * (a checked login and fixed words), passed to the sink as a trailer so the sanitizer leaves this mention live.
 */
export function renderMention(view: {
  overall: OverallState;
  pipeline: string;
  startedBy?: string;
}): string | undefined {
  if (view.overall === 'running' || !view.startedBy || !LOGIN.test(view.startedBy)) return undefined;
  const how = { success: 'finished', failure: 'failed', cancelled: 'was cancelled' }[view.overall];
  return `@${view.startedBy}, the ${view.pipeline} run you started ${how}.`;
}

/** The job's log, on the headline line where the eye lands first. */
export function jobLink(runUrl: string | undefined): string {
  return runUrl ? ` · [job log](${runUrl})` : '';
}

/** The run's totals as their own paragraph under the headline (GitHub joins consecutive lines), once it ended. */
export function totalsLines(view: { overall: OverallState; totals?: string }): string[] {
  return view.totals && view.overall !== 'running' ? ['', `**Total:** ${view.totals}`] : [];
}

const STATE_LINE = /<!-- ai-orchestra:state=(running|success|failure|cancelled) started=(\S+) -->/;

/** The hidden line every status comment starts with; read by later runs to refuse a concurrent start. */
export function stateLine(overall: OverallState, startedAt: Date): string {
  return `<!-- ai-orchestra:state=${overall} started=${startedAt.toISOString()} -->`;
}

/** The overall state a status comment declares, read by later runs to refuse a concurrent start. */
export function parseStatusState(body: string): { state: OverallState; startedAt: Date } | undefined {
  const m = STATE_LINE.exec(body);
  return m ? { state: m[1] as OverallState, startedAt: new Date(m[2] ?? '') } : undefined;
}

/**
 * Which text of the issue the agents got: the title and body as they were when the label was added (or when the
 * run read them), as the first 12 hex digits of their SHA-256. Anyone can compare it with a revision in the
 * issue's edit history ("edited" above its body): an edit after the label never reaches the agents.
 */
export function renderIssueStamp(issue: { number: number; title: string; body: string }): string {
  const digest = createHash('sha256').update(`${issue.title}\n\n${issue.body}`).digest('hex').slice(0, 12);
  return `issue #${issue.number} text sha256 \`${digest}\``;
}

/** What a run posts first to claim the issue, before its pipeline renders the real status comment. */
export function renderStartingComment(pipeline: string, startedAt: Date, runUrl?: string): string {
  return [
    stateLine('running', startedAt),
    `### 🎼 AI Orchestra · ${pipeline}`,
    `⏳ **Starting**…${jobLink(runUrl)}`,
  ].join('\n');
}

export function renderStatusComment(view: StatusView): string {
  const rows = view.entries.map(
    (e) =>
      `| ${ICON[e.state]} | ${cell(e.agent)} | ${cell(e.role)} | ${e.durationMs !== undefined ? formatDuration(e.durationMs) : ''} | ${resultWithUsage(e)} |`,
  );
  const footer = [`started ${view.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`];
  if (view.issueStamp) footer.push(view.issueStamp);
  return [
    // Read by later runs to refuse a concurrent start on the same issue.
    stateLine(view.overall, view.startedAt),
    `### 🎼 AI Orchestra · ${view.pipeline}`,
    `${headline(view)}${jobLink(view.runUrl)}`,
    ...totalsLines(view),
    ...(view.notice ? ['', view.notice] : []),
    ...(view.message ? ['', view.message] : []),
    '',
    '| | Agent | Role | Time | Result |',
    '|---|---|---|---|---|',
    ...rows,
    ...failureList(view),
    // Once the run has ended the totals line under the headline says it all; while running, the tokens so far.
    ...[view.totals && view.overall !== 'running' ? undefined : usageTotals(view.entries)]
      .filter((t): t is string => t !== undefined)
      .flatMap((t) => ['', t]),
    ...(view.note ? ['', view.note] : []),
    '',
    `<sub>${footer.join(' · ')}</sub>`,
  ].join('\n');
}
