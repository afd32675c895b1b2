// Renders the relay's status comment: a checklist with one line per stage run (stage, round, agent, time, verdict).
import type { Usage } from '../../agents/types.js';
import { cell, formatDuration } from '../../report/markdown.js';
import {
  jobLink,
  type OverallState,
  runningFor,
  stateLine,
  totalsLines,
  usageTotals,
} from '../../report/status-comment.js';
import { usageText } from '../../report/usage.js';

export type RelayEntryState = 'pending' | 'running' | 'passed' | 'failed' | 'timeout' | 'cancelled' | 'skipped';

export interface RelayStatusEntry {
  stage: string;
  agent: string;
  round: number;
  state: RelayEntryState;
  durationMs?: number;
  /** The verdict word, when the agent gave one. */
  verdict?: string;
  /** Short text after the verdict: why it failed, where the work went, "waiting". */
  note?: string;
  commentUrl?: string;
  /** Tokens and cost of the stage's agent run, once known. */
  usage?: Usage;
}

export interface RelayStatusView {
  entries: RelayStatusEntry[];
  overall: OverallState;
  startedAt: Date;
  finishedAt?: Date;
  maxRounds: number;
  /** Markdown under the headline: the failure, or the pull request. */
  message?: string;
  runUrl?: string;
  /** Which issue text the agents got (`renderIssueStamp`). */
  issueStamp?: string;
  /** When this rendering is made: a running checklist says how long it has run. */
  now?: Date;
  /** The run's totals (time, tokens, cost) once it has ended. */
  totals?: string;
  /** Whoever started the run; the sink adds the mention below the body (`renderMention`). */
  startedBy?: string;
  /** Something the reader should know from the start, e.g. that the issue's text was cut. */
  notice?: string;
}

const ICON: Record<RelayEntryState, string> = {
  pending: '🕓',
  running: '⏳',
  passed: '✅',
  failed: '❌',
  timeout: '⏱️',
  cancelled: '🚫',
  skipped: '⏭️',
};

const NOTE_LIMIT = 140;

function clip(text: string): string {
  const flat = cell(text);
  return flat.length > NOTE_LIMIT ? `${flat.slice(0, NOTE_LIMIT - 1).trimEnd()}…` : flat;
}

function headline(view: RelayStatusView): string {
  const elapsed = view.finishedAt ? ` in ${formatDuration(view.finishedAt.getTime() - view.startedAt.getTime())}` : '';
  const round = Math.max(1, ...view.entries.map((e) => e.round));
  switch (view.overall) {
    case 'running': {
      const current = view.entries.find((e) => e.state === 'running');
      return `⏳ **Running${runningFor(view)}**${current ? ` · ${current.stage}` : ''} · round ${round} (up to ${view.maxRounds + 1})`;
    }
    case 'success':
      return `✅ **Every stage passed**${elapsed} · round ${round}`;
    case 'failure':
      return `❌ **Failed**${elapsed}`;
    case 'cancelled':
      return `🚫 **Cancelled**${elapsed}`;
  }
}

export function renderRelayEntry(e: RelayStatusEntry): string {
  const facts = [`**${cell(e.stage)}**`, cell(e.agent), `round ${e.round}`];
  if (e.durationMs !== undefined && e.state !== 'timeout') facts.push(formatDuration(e.durationMs));
  let result = e.verdict ? `\`${e.verdict}\`` : '';
  if (e.note) result = result ? `${result} — ${clip(e.note)}` : clip(e.note);
  if (result && e.commentUrl) result = `${result} ([report](${e.commentUrl}))`;
  else if (!result && e.commentUrl) result = `[report](${e.commentUrl})`;
  if (result) facts.push(result);
  if (e.usage && usageText(e.usage)) facts.push(usageText(e.usage));
  return `- [${e.state === 'passed' ? 'x' : ' '}] ${ICON[e.state]} ${facts.join(' · ')}`;
}

export function renderRelayStatus(view: RelayStatusView): string {
  const footer = [
    `started ${view.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    `max-rounds ${view.maxRounds}`,
  ];
  if (view.issueStamp) footer.push(view.issueStamp);
  return [
    stateLine(view.overall, view.startedAt),
    '### 🎼 AI Orchestra · relay-pipeline',
    `${headline(view)}${jobLink(view.runUrl)}`,
    ...totalsLines(view),
    ...(view.notice ? ['', view.notice] : []),
    ...(view.message ? ['', view.message] : []),
    '',
    ...view.entries.map(renderRelayEntry),
    ...[view.totals && view.overall !== 'running' ? undefined : usageTotals(view.entries)]
      .filter((t): t is string => t !== undefined)
      .flatMap((t) => ['', t]),
    '',
    `<sub>${footer.join(' · ')}</sub>`,
  ].join('\n');
}
