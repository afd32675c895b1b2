// Renders how a relay ended: the final issue comment, the pull request's body, the commit message, the job summary,
// and its part of result.json.

import { sanitizeUntrusted } from '../../prompt/untrusted.js';
import { cell, codeBlock, details, formatDuration } from '../../report/markdown.js';
import { usageTotalLine } from '../../report/usage.js';
import type { Delivery, RelayFailure, RelayOutcome, StageExecution } from './model.js';
import { refusedPathsWarning, verdictText } from './stage-comment.js';

// GitHub rejects step summaries over 1 MiB.
const SUMMARY_BUDGET = 1_000_000;

export const ENABLE_PULL_REQUESTS = [
  'To let the relay open pull requests, give the workflow job these permissions:',
  '',
  '```yaml',
  'permissions:',
  '  issues: write',
  '  contents: write       # push the branch',
  '  pull-requests: write  # open the pull request',
  '```',
  '',
  'and, under the repository\'s Settings → Actions → General, tick "Allow GitHub Actions to create and approve pull requests".',
].join('\n');

/** `[skip ci]`, `[ci skip]`, `[no ci]`, `[skip actions]`, `[actions skip]`, `skip-checks: true`: what makes GitHub run no workflow for a push. */
const SKIP_MARKER =
  /\[\s*(?:(?:skip|no)[\s_-]*(?:ci|actions?|checks?|workflows?)|(?:ci|actions?|checks?)[\s_-]*skip)\s*\]|\bskip-checks\s*:\s*true\b/gi;
/** A closing keyword with what it closes (#n, owner/repo#n, an issue URL): GitHub closes that issue on merge. */
const CLOSING_KEYWORD =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b(\s*:?\s*)(?=(?:[\w.-]+\/[\w.-]+)?#\d|https?:\/\/)/gi;
/** @user or @org/team: each one notifies someone in our bot's name. */
const MENTION = /(^|[^\w`@])@(?=[A-Za-z0-9])/g;

/**
 * The issue title as one clean line, for the pull request title and the commit message: no marker that skips the
 * checks of the push, no closing keyword (the only issue we close is our own, in the body), no mention.
 */
export function cleanTitle(title: string): string {
  const line = sanitizeUntrusted(title, 200).replace(/\s+/g, ' ');
  const neutral = line.replace(SKIP_MARKER, ' ').replace(CLOSING_KEYWORD, 'for$1').replace(MENTION, '$1');
  return neutral.replace(/\s+/g, ' ').trim() || 'Untitled issue';
}

export function relayBranch(issueNumber: number): string {
  return `ai-orchestra/issue-${issueNumber}`;
}

/** The last run of each stage, in relay order. */
function finalExecutions(executions: StageExecution[]): StageExecution[] {
  const latest = new Map<string, StageExecution>();
  for (const e of executions) latest.set(e.stage, e);
  return [...latest.values()].sort((a, b) => a.index - b.index);
}

export function renderStageTable(executions: StageExecution[], options: { links: boolean }): string[] {
  return [
    '| Stage | Agent | Round | Verdict | Time |',
    '|---|---|:---:|---|---|',
    ...executions.map((e) => {
      const verdict = `${e.passed ? '✅' : '❌'} ${verdictText(e)}`;
      const linked = options.links && e.commentUrl ? `[${verdict}](${e.commentUrl})` : verdict;
      return `| ${cell(e.stage)} | ${cell(e.agent)} | ${e.round} | ${linked} | ${formatDuration(e.run.durationMs)} |`;
    }),
  ];
}

/**
 * Whether a raw commit object (`git cat-file commit`) is one an earlier relay run made for this issue: our author
 * and our subject line. Only such a commit may be replaced on the relay's branch; anything else is someone's work.
 */
export function isRelayCommit(raw: string, issueNumber: number, authorEmail: string): boolean {
  const blank = raw.indexOf('\n\n');
  if (blank < 0) return false;
  const headers = raw.slice(0, blank).split('\n');
  const subject = raw.slice(blank + 2).split('\n')[0] ?? '';
  const author = headers.find((h) => h.startsWith('author '));
  return author !== undefined && author.includes(`<${authorEmail}>`) && subject.endsWith(`(relay for #${issueNumber})`);
}

/** "1a2b3c4d5e6f by Jane <jane@example.com>: Fix the thing", for saying whose commit it is. */
export function describeCommit(sha: string, raw: string): string {
  const blank = raw.indexOf('\n\n');
  const author = raw
    .slice(0, Math.max(blank, 0))
    .split('\n')
    .find((h) => h.startsWith('author '));
  const who = author?.slice('author '.length).replace(/\s+\d+\s+[+-]\d{4}$/, '') ?? 'an unknown author';
  const subject = blank >= 0 ? (raw.slice(blank + 2).split('\n')[0] ?? '') : '';
  return `${sha.slice(0, 12)} by ${sanitizeUntrusted(`${who}: ${subject}`, 200)}`;
}

export function renderCommitMessage(input: {
  issueNumber: number;
  title: string;
  repository: string;
  executions: StageExecution[];
  /** A follow-up round on the relay's pull request: the subject says so. */
  followUp?: { pullNumber: number; reason: string };
}): string {
  const stages = finalExecutions(input.executions);
  const rounds = Math.max(1, ...stages.map((e) => e.round));
  const f = input.followUp;
  return [
    `${cleanTitle(f ? `Follow-up on #${f.pullNumber}: ${f.reason}` : input.title)} (relay for #${input.issueNumber})`,
    '',
    f
      ? `Made by the AI Orchestra relay on pull request #${f.pullNumber} for issue #${input.issueNumber} of ${input.repository}:`
      : `Made by the AI Orchestra relay for issue #${input.issueNumber} of ${input.repository}:`,
    ...stages.map((e) => `- ${e.stage}: ${e.agent}${e.write ? ' (edited files)' : ''}, verdict ${verdictText(e)}`),
    `Every stage passed in round ${rounds}.`,
    '',
    `Refs #${input.issueNumber}`,
    '',
  ].join('\n');
}

export function renderPullRequestBody(input: {
  issueNumber: number;
  executions: StageExecution[];
  summary: string;
  stat: string;
  runUrl?: string;
}): string {
  const stages = finalExecutions(input.executions);
  return [
    `The AI Orchestra relay made this change for #${input.issueNumber}; every stage passed. Each stage's full report is on the issue.`,
    '',
    ...renderStageTable(stages, { links: true }),
    '',
    details(`Files changed: ${input.summary}`, codeBlock(input.stat)),
    '',
    'Review it as you would any contribution: it was written by AI agents.',
    ...(input.runUrl ? ['', `<sub>[workflow run](${input.runUrl})</sub>`] : []),
    '',
    `Closes #${input.issueNumber}`,
  ].join('\n');
}

function failureText(f: RelayFailure): string {
  const exhausted = f.roundsExhausted ? ' It would have sent the work back, but `max-rounds` was used up.' : '';
  return `❌ The relay stopped at **${f.stage}** (${f.agent}, round ${f.round}) with verdict **${f.verdict}**: ${f.reason}.${exhausted}`;
}

function commitFacts(d: Exclude<Delivery, { kind: 'no-changes' }>): string[] {
  return [
    ...refusedPathsWarning(d.commit.refused ?? []),
    '',
    details(`Files changed: ${d.commit.summary}`, codeBlock(d.commit.stat)),
  ];
}

function deliveryText(d: Delivery, repoUrl: string): string[] {
  const branch = d.kind === 'no-changes' ? '' : `\`${d.commit.branch}\` (\`${d.commit.sha.slice(0, 12)}\`)`;
  switch (d.kind) {
    case 'no-changes':
      return [
        '✅ Every stage passed, but the working directory has no changes, so there is nothing to commit and no pull request.',
      ];
    case 'dry-run':
      return [
        `✅ Every stage passed. Dry run: the changes were committed on the local branch ${branch} and written to \`changes.patch\` in the run's folder; your working tree is as it was, and nothing was pushed.`,
        ...commitFacts(d),
      ];
    case 'not-requested':
      return [
        `✅ Every stage passed. The changes were committed on the runner's local branch ${branch}, but \`create-pr\` is \`false\`, so nothing was pushed and no pull request was opened.`,
        '',
        `To get a pull request, set \`create-pr: true\` under \`pipelines.relay-pipeline\` in the config. ${ENABLE_PULL_REQUESTS}`,
        ...commitFacts(d),
      ];
    case 'push-failed':
      if (d.kept) {
        return [
          `⚠️ Every stage passed, but ${d.error}. The relay does not force-push over someone's commits, so nothing was pushed and no pull request was opened (branch ${branch} exists on the runner only). To let the relay push, merge or move that work and delete the branch on origin.`,
          ...commitFacts(d),
        ];
      }
      return d.denied
        ? [
            `⚠️ Every stage passed, but the token may not push to the repository, so nothing was pushed and no pull request was opened (branch ${branch} exists on the runner only).`,
            '',
            ENABLE_PULL_REQUESTS,
            '',
            details('What git said', codeBlock(d.error)),
            ...commitFacts(d),
          ]
        : [
            `⚠️ Every stage passed, but pushing the branch ${branch} failed, so no pull request was opened.`,
            '',
            details('What git said', codeBlock(d.error)),
            ...commitFacts(d),
          ];
    case 'pr-failed': {
      const compare = `[open the pull request by hand](${repoUrl}/compare/${encodeURIComponent(d.base)}...${d.commit.branch}?expand=1)`;
      const how = d.denied ? ['', ENABLE_PULL_REQUESTS] : [];
      const head = `⚠️ Every stage passed, but the pull request could not be opened: ${d.error}.`;
      const fate =
        d.pushed.state === 'removed'
          ? `The branch ${branch} this run had pushed was deleted from origin again, so nothing of this run is left there; the commit is on the runner's local branch only.`
          : d.pushed.state === 'kept-existing'
            ? `The branch \`${d.commit.branch}\` already existed on origin with an earlier relay's commit (\`${d.pushed.replaced.slice(0, 12)}\`); this run replaced it with ${branch} and left it there, so you can ${compare}.`
            : `This run had pushed the branch ${branch}, and deleting it again failed (${d.pushed.error}): delete it on origin, or ${compare}.`;
      return [`${head} ${fate}`, ...how, ...commitFacts(d)];
    }
    case 'pushed':
      return [
        `✅ Every stage passed. Pushed ${branch} on top of \`${d.previousHead.slice(0, 12)}\` (a fast-forward) to pull request #${d.number}: ${d.url}.`,
        ...commitFacts(d),
      ];
    case 'pull-request':
      return [
        `✅ Every stage passed. ${d.existing ? 'The existing pull request was updated' : 'Pull request opened'}: ${d.url} (branch ${branch} into \`${d.base}\`).`,
        ...commitFacts(d),
      ];
  }
}

/** A follow-up round's push that failed: the pull request is as it was (the relay never force-pushes). */
function followUpPushFailed(d: Extract<Delivery, { kind: 'push-failed' }>, pullNumber: number): string[] {
  return [
    `⚠️ Every stage passed, but pushing \`${d.commit.sha.slice(0, 12)}\` onto \`${d.commit.branch}\` failed, so pull request #${pullNumber} is as it was. The relay only adds commits on top of the branch's head and never force-pushes: if someone pushed meanwhile, ask again.`,
    ...(d.denied ? ['', ENABLE_PULL_REQUESTS] : []),
    '',
    details('What went wrong', codeBlock(d.error)),
    ...commitFacts(d),
  ];
}

export function renderRelayResult(outcome: RelayOutcome, context: { repoUrl: string; runUrl?: string }): string {
  const parts = ['### 🏁 Relay result', ''];
  if (outcome.followUp)
    parts.push(`Follow-up on pull request #${outcome.followUp.pullNumber}: ${outcome.followUp.reason}.`, '');
  if (outcome.status === 'cancelled')
    parts.push(
      '🚫 The workflow was cancelled; the relay stopped. No branch was pushed and no pull request was opened.',
    );
  else if (outcome.failure)
    parts.push(failureText(outcome.failure), '', 'No branch was pushed and no pull request was opened.');
  else if (outcome.followUp && outcome.delivery?.kind === 'push-failed')
    parts.push(...followUpPushFailed(outcome.delivery, outcome.followUp.pullNumber));
  else if (outcome.delivery) parts.push(...deliveryText(outcome.delivery, context.repoUrl));
  else parts.push(`❌ The relay could not finish: ${outcome.error ?? 'unknown error'}`);
  const reverted = outcome.executions.filter((e) => e.revertedConfig.length > 0);
  if (reverted.length > 0) {
    const which = reverted
      .map((e) => `**${e.stage}** (round ${e.round}: ${e.revertedConfig.map((p) => `\`${p}\``).join(', ')})`)
      .join('; ');
    parts.push(
      '',
      `> [!WARNING]\n> Changes to agent-CLI configuration were reverted and are not in the commit: ${which}. A maintainer must make such changes by hand.`,
    );
  }
  const stages = outcome.executions;
  if (stages.length > 0)
    parts.push('', details('Every stage run', renderStageTable(stages, { links: true }).join('\n')));
  parts.push(
    '',
    `<sub>AI Orchestra · relay-pipeline${context.runUrl ? ` · [workflow run](${context.runUrl})` : ''}</sub>`,
  );
  return parts.join('\n');
}

/** The job summary: the result, then every stage report, within GitHub's size limit. */
export function renderRelaySummary(outcome: RelayOutcome, target: string): string {
  const head = [
    `## 🎼 AI Orchestra · relay-pipeline · ${target}`,
    `**Status:** ${outcome.status}${outcome.error ? ` — ${outcome.error}` : ''}`,
    '',
  ].join('\n');
  const result = outcome.comments.get('result') ?? '';
  let remaining = SUMMARY_BUDGET - head.length - result.length - 200;
  const reports = [...outcome.comments].filter(([key]) => key.startsWith('stage:'));
  const blocks = reports.map(([key, body]) => {
    const text =
      body.length > remaining
        ? `${body.slice(0, Math.max(0, remaining))}\n\n_(cut: the job summary is limited to 1 MiB; see result-file)_`
        : body;
    remaining = Math.max(0, remaining - text.length);
    return details(`Report ${key.slice('stage:'.length)}`, text);
  });
  const total = usageTotalLine(outcome.runs);
  return [head, ...(total ? [total, ''] : []), result, '', '### Stage reports', ...blocks].join('\n');
}

/** The relay's part of result.json. */
export function relayRecord(outcome: RelayOutcome): Record<string, unknown> {
  return {
    relay: {
      branch: outcome.branch,
      prUrl: outcome.prUrl,
      delivery: outcome.delivery?.kind,
      failure: outcome.failure,
      stages: outcome.executions.map((e) => ({
        stage: e.stage,
        agent: e.agent,
        round: e.round,
        passed: e.passed,
        verdict: e.verdict?.found ? e.verdict.word : undefined,
        reason: e.reason,
        command: e.command ? { argv: e.command.argv, exitCode: e.command.exitCode } : undefined,
      })),
      ...(outcome.followUp ? { followUp: outcome.followUp } : {}),
    },
  };
}
