// Runs the relay pipeline against the real working directory (git), GitHub (push, pull request) and a sink; writes its record.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAgentRunner, type RunnerOptions } from './agents/runner.js';
import { usageRecord } from './report/usage.js';
import type { Config } from './config/schema.js';
import type { IssueTarget, RunContext } from './event.js';
import { BOT_AUTHOR, GitRepo } from './git/repo.js';
import type { Octokit } from './github/client.js';
import { openPullRequest } from './github/pulls.js';
import type { RunRecord } from './orchestrate.js';
import { runRelayPipeline } from './pipelines/relay.js';
import type { RelayOutcome, RelayPublisher, RelayWorkspace } from './pipelines/relay-model.js';
import { runCommand } from './process/command.js';
import type { RunAs } from './process/types.js';
import type { IssueReporter } from './report/reporter.js';
import { describeCommit, isRelayCommit, renderRelaySummary } from './report/relay-result.js';
import type { Redactor } from './security/redact.js';
import { sanitizeOutput } from './security/sanitize-output.js';
import { filesWithSecrets, writePolicy } from './security/write-policy.js';

export interface RelayRunRecord extends RunRecord {
  relay: {
    branch?: string;
    prUrl?: string;
    delivery?: string;
    failure?: RelayOutcome['failure'];
    stages: { stage: string; agent: string; round: number; passed: boolean; verdict?: string; reason?: string; command?: { argv: string[]; exitCode: number | null } }[];
  };
}

export interface RelayExecution {
  outcome: RelayOutcome;
  resultFile: string;
  summary: string;
  /** The pull request's URL; '' when none was opened. */
  prUrl: string;
  /** The branch holding the relay's commit; '' when there is none. */
  branch: string;
}

export interface RelayArgs {
  ctx: RunContext;
  config: Config;
  issue: IssueTarget;
  reporter: IssueReporter;
  redactor: Redactor;
  workingDirectory: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  warn: (message: string) => void;
  /** Where pushes and pull requests go; undefined in a dry run (nothing leaves the runner). */
  github?: { octokit: Octokit; token: string };
  /** More runner options (agent isolation, installed CLIs), passed through. */
  runnerOptions?: Partial<RunnerOptions>;
  /** Run `run` commands as the agents run when they are isolated: they execute code the agents wrote. */
  commandIdentity?: { runAs?: RunAs; env?: Record<string, string> };
  /**
   * The checkout opened before anything else (openRelayCheckout), so that agent-user access goes to the stage copy
   * alone; an Error when it could not be opened (reported as the relay's failure). Opened here when absent.
   */
  checkout?: GitRepo | Error;
  /** The config file this run read (absolute): a write stage may not change it. */
  configFile?: string;
}

/**
 * Records where the relay starts (the user's repository, read before any agent runs) and copies the working tree
 * for the agents into a folder with no `.git`; the agents run at `agentDirectory` of the result.
 */
export function openRelayCheckout(args: Pick<RelayArgs, 'workingDirectory' | 'dir' | 'env' | 'signal' | 'config' | 'configFile'>): Promise<GitRepo> {
  return GitRepo.open({
    cwd: args.workingDirectory,
    scratchDir: join(args.dir, 'git'),
    parentEnv: args.env,
    signal: args.signal,
    killGraceMs: args.config.settings.killGraceSec * 1_000,
    policy: writePolicy({ allow: args.config.pipelines['relay-pipeline'].allowProtectedPaths }),
    protectFiles: args.configFile ? [args.configFile] : [],
    // The local run's --out folder (the run folder's parent) may be inside the working tree: it is no part of the change.
    exclude: [dirname(args.dir)],
    patchFile: join(args.dir, 'changes.patch'),
  });
}

/** The stage copy and our own repository; a checkout that could not be opened fails the relay at prepare(). */
function gitWorkspace(args: RelayArgs, checkout: GitRepo | Error, killGraceMs: number): { workspace: RelayWorkspace; repo: () => GitRepo } {
  const opened = (): GitRepo => {
    if (checkout instanceof Error) throw checkout;
    return checkout;
  };
  const workspace: RelayWorkspace = {
    async prepare() {
      return { branch: opened().branch };
    },
    afterStage: async () => ({ gitMetadata: await opened().restoreMetadata(), agentConfig: await opened().restoreAgentConfig() }),
    changes: (maxChars) => opened().changes(maxChars),
    // The commit message is published with the branch: it goes through the redactor like every comment.
    commit: (branch, message) => opened().commit(branch, args.redactor.redact(message)),
    runCommand: ({ stage, round, argv, timeoutSec }) =>
      runCommand({
        argv,
        cwd: opened().agentDirectory,
        timeoutMs: timeoutSec * 1_000,
        killGraceMs,
        parentEnv: args.env,
        outputDir: join(args.dir, 'logs'),
        label: `run-${stage}-r${round}`,
        signal: args.signal,
        ...(args.commandIdentity?.runAs ? { runAs: args.commandIdentity.runAs, identityEnv: args.commandIdentity.env } : {}),
      }),
  };
  return { workspace, repo: opened };
}

function publisherFor(args: RelayArgs, repo: () => GitRepo): RelayPublisher | undefined {
  const { github, ctx, redactor, issue } = args;
  if (!github) return undefined;
  return {
    async push(commit) {
      // Agents have API keys in their environment; a change that writes one into a file, in any encoding and
      // whatever the file's type or attributes, must not be published. The file is named, never the value.
      const leaking = filesWithSecrets(repo().committedFiles(commit.sha), redactor.knownValues);
      if (leaking.length > 0) {
        return {
          ok: false,
          denied: false,
          error: `the changes contain a known secret value (literal or encoded) or text shaped like a token in ${leaking.map((p) => `\`${p}\``).join(', ')}, so nothing was pushed`,
        };
      }
      const auth = { serverUrl: ctx.serverUrl, token: github.token };
      const head = await repo().remoteHead(commit.branch, auth);
      if (!head.ok) return head;
      if (head.sha) {
        // A force-push would drop whatever the branch holds: only an earlier relay commit for this issue may go.
        const raw = await repo().remoteCommit(commit.branch, head.sha, auth).catch((error: unknown) => error as Error);
        if (raw instanceof Error) return { ok: false, denied: false, error: `could not read the commit origin's branch points to: ${raw.message}` };
        if (!isRelayCommit(raw, issue.number, BOT_AUTHOR.email)) {
          return { ok: false, denied: false, kept: true, error: `origin's \`${commit.branch}\` ends in a commit that is not the relay's (${describeCommit(head.sha, raw)})` };
        }
      }
      return repo().push(commit.branch, commit.sha, auth, head.sha);
    },
    removeBranch: (commit) => repo().deleteRemoteBranch(commit.branch, commit.sha, { serverUrl: ctx.serverUrl, token: github.token }),
    openPullRequest: (request) =>
      openPullRequest(github.octokit, { owner: ctx.owner, repo: ctx.repo }, { ...request, title: sanitizeOutput(request.title, redactor), body: sanitizeOutput(request.body, redactor) }),
  };
}

function record(args: RelayArgs, outcome: RelayOutcome, startedAt: Date): RelayRunRecord {
  const { ctx, issue } = args;
  return {
    version: 1,
    pipeline: 'relay-pipeline',
    status: outcome.status,
    repository: issue.repository,
    issue: { number: issue.number, url: issue.url, title: issue.title },
    runUrl: ctx.runUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    error: outcome.error,
    runs: outcome.runs,
    usage: usageRecord(outcome.runs),
    comments: Object.fromEntries(outcome.comments),
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
    },
  };
}

export async function executeRelay(args: RelayArgs): Promise<RelayExecution> {
  const { ctx, config, issue, redactor } = args;
  const startedAt = new Date();
  const killGraceMs = config.settings.killGraceSec * 1_000;
  const checkout = args.checkout ?? (await openRelayCheckout(args).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
  // The start is what the copy holds once prepared for the agents (agent-user ACLs included), before any agent ran.
  if (!(checkout instanceof Error)) await checkout.stage.markStart();
  const runner = createAgentRunner({
    agents: config.agents,
    // The agents work in the stage copy, never in the checkout itself.
    workingDirectory: checkout instanceof Error ? args.workingDirectory : checkout.agentDirectory,
    logDir: join(args.dir, 'logs'),
    maxParallel: config.settings.maxParallel,
    killGraceMs,
    parentEnv: args.env,
    signal: args.signal,
    redact: (text) => redactor.redact(text),
    budget: args.config.settings.budget,
    ...args.runnerOptions,
  });
  const { workspace, repo } = gitWorkspace(args, checkout, killGraceMs);
  const outcome = await runRelayPipeline(
    {
      issue,
      pipeline: config.pipelines['relay-pipeline'],
      processedLabel: config.settings.processedLabel,
      repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
      defaultBranch: typeof ctx.payload.repository?.default_branch === 'string' ? ctx.payload.repository.default_branch : undefined,
      runUrl: ctx.runUrl,
    },
    {
      runner,
      reporter: args.reporter,
      workspace,
      publisher: publisherFor(args, repo),
      signal: args.signal,
      now: () => new Date(),
      warn: args.warn,
      redact: (text) => redactor.redact(text),
    },
  ).finally(() => (checkout instanceof Error ? undefined : checkout.close().catch((error: unknown) => args.warn(`Could not remove the relay's stage copy: ${error instanceof Error ? error.message : String(error)}`))));
  const resultFile = join(args.dir, 'result.json');
  writeFileSync(resultFile, `${JSON.stringify(redactor.redactDeep(record(args, outcome, startedAt)), null, 2)}\n`);
  const summary = redactor.redact(renderRelaySummary(outcome, `${issue.repository}#${issue.number}`));
  return { outcome, resultFile, summary, prUrl: outcome.prUrl ?? '', branch: outcome.branch ?? '' };
}
