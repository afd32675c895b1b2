// Runs any pipeline definition in a prepared environment, writes its record (result.json) and renders its summary.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliInstall, createAgentRunner } from '../agents/runner.js';
import type { AgentRun, AgentRunner } from '../agents/types.js';
import type { Config } from '../config/schema.js';
import type { RunRecord } from '../domain/record.js';
import type { Route, RunContext } from '../event.js';
import type { AgentIdentity } from '../isolation/agent-user.js';
import { observeRunner } from '../log/progress.js';
import { issueCutNotice } from '../preflight/issue-text.js';
import { starterToMention } from '../report/status-comment.js';
import { renderTotals, sumRuns } from '../report/totals.js';
import { usageRecord } from '../report/usage.js';
import type { Redactor } from '../security/redact.js';
import { createSessionStore, type SessionBackend, type SessionStore } from '../sessions/store.js';
import type {
  AnyPipelineDefinition,
  ArtifactPublisher,
  Clock,
  CollectedRuns,
  CommentSink,
  GitHubAccess,
  GitHubReads,
  LiveStatus,
  Logger,
  PipelineDeps,
  PipelineOutcome,
  PipelineRequest,
  PreparedWorkspace,
  StatusContext,
  StatusRowBase,
  WritePacing,
} from './definition.js';
import { LiveStatusComment } from './live-status.js';
import { prepareWorkspaceOf } from './prepare.js';

/** Everything a run needs, built once by a front end (action or CLI) and handed to execute(). */
export interface KernelEnv {
  ctx: RunContext;
  config: Config;
  log: Logger;
  clock: Clock;
  redactor: Redactor;
  sink: CommentSink;
  /** This run's folder: logs, comments of a dry run, result.json. */
  dir: string;
  /** The checkout root and where agents run. */
  root: string;
  workingDirectory: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  identity?: AgentIdentity;
  installs?: ReadonlyMap<string, CliInstall>;
  github?: GitHubAccess;
  /** Read calls, also in a dry run when there is a token; default `github`. */
  githubReads?: GitHubReads;
  artifacts: ArtifactPublisher;
  pacing?: WritePacing;
  random?: () => number;
  /** definition.prepareWorkspace's result when the front end made it before isolation; made here otherwise. */
  prepared?: PreparedWorkspace | Error;
  /** The config file this run read (absolute). */
  configFile?: string;
  /** Where agents' CLI sessions are kept between runs; absent: none are. */
  sessionBackend?: SessionBackend;
  /**
   * False: the status comment mentions no one. The local runner's sender is $USER or a payload's, not someone
   * who started this run on GitHub: a run as Unix user `ubuntu` must not ping GitHub's @ubuntu.
   */
  mentionStarter?: boolean;
}

export interface Execution<O extends PipelineOutcome = PipelineOutcome> {
  outcome: O;
  resultFile: string;
  summary: string;
  /** The definition's own action outputs (pr-url, dataset-dir, ...). */
  outputs: Record<string, string>;
  /** Lines for a terminal (the CLI), e.g. where the pull request is. */
  localReport: string[];
}

function agentDirectoryOf(prepared: PreparedWorkspace | Error | undefined): string | undefined {
  return prepared && !(prepared instanceof Error) ? prepared.agentDirectory : undefined;
}

/** Where a run keeps its logs, comments (dry run) and result.json, below `base`. */
export function runDirectory(base: string, ctx: RunContext, issueNumber: number): string {
  const dir = join(base, `${ctx.runId}-${ctx.runAttempt}-issue-${issueNumber}`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

/** The agent runner of a run: logs below its folder, bounded by max-parallel, everything it says redacted. */
export function agentRunnerFor(
  env: Pick<KernelEnv, 'config' | 'workingDirectory' | 'dir' | 'env' | 'signal' | 'identity' | 'installs' | 'redactor'>,
): AgentRunner {
  const { config, redactor } = env;
  return createAgentRunner({
    agents: config.agents,
    workingDirectory: env.workingDirectory,
    logDir: join(env.dir, 'logs'),
    maxParallel: config.settings.maxParallel,
    killGraceMs: config.settings.killGraceSec * 1_000,
    maxOutputBytes: Math.round(config.settings.maxOutputMiB * 1024 ** 2),
    parentEnv: env.env,
    signal: env.signal,
    identity: env.identity,
    installs: env.installs,
    redact: (text) => redactor.redact(text),
    budget: config.settings.budget,
  });
}

/** The pipeline's request for a routed run. */
export function requestFor(
  definition: AnyPipelineDefinition,
  env: Pick<KernelEnv, 'ctx' | 'config'>,
  route: Extract<Route, { kind: 'run' }>,
  startedAt: Date,
  collected?: CollectedRuns,
): Parameters<AnyPipelineDefinition['run']>[0] {
  const { ctx, config } = env;
  return {
    pipeline: definition.name,
    config: config.pipelines[definition.name],
    settings: config.settings,
    agents: config.agents,
    target: route.issue,
    sender: route.sender,
    trigger: route.triggerInfo,
    detail: route.detail,
    run: {
      id: ctx.runId,
      attempt: ctx.runAttempt,
      url: ctx.runUrl,
      repoUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`,
      defaultBranch: ctx.defaultBranch,
      commitSha: ctx.commitSha,
    },
    startedAt,
    collected,
  };
}

/** The live status comment of a run, as the definition's layout declares it (what `deps.status` is). */
export function liveStatusFor(
  definition: AnyPipelineDefinition,
  request: Pick<PipelineRequest<unknown, unknown>, 'config' | 'target' | 'startedAt'> & { run: { url?: string } },
  env: Pick<KernelEnv, 'sink' | 'clock' | 'pacing'> & { log: Pick<Logger, 'warning'> },
  context?: StatusContext,
): LiveStatusComment<unknown, StatusRowBase> {
  const layout = definition.status;
  return new LiveStatusComment(
    env.sink,
    layout,
    request.config,
    {
      pipeline: definition.name,
      startedAt: request.startedAt,
      runUrl: request.run.url,
      startedBy: context?.startedBy,
      notice: context?.notice,
      ...layout.annotate?.(request.config, request.target),
    },
    {
      clock: env.clock,
      totals: context?.totals,
      minIntervalMs: layout.paced === false ? undefined : env.pacing?.statusIntervalMs,
      onWriteError: (error) =>
        env.log.warning(
          `Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`,
        ),
    },
  );
}

/** The session store over the front end's backend, in the HOME the agents run with (agent-user's, or ours). */
function sessionStoreFor(env: KernelEnv): SessionStore | undefined {
  const runAs = env.identity?.runAs;
  const home = env.identity?.env.HOME ?? env.env.HOME;
  // Via sudo we do not know the uid to give restored files to: no sessions then.
  if (!env.sessionBackend || !home || runAs?.via === 'sudo') return undefined;
  const owner = runAs?.via === 'uid' ? { uid: runAs.uid, gid: runAs.gid } : undefined;
  return createSessionStore({ backend: env.sessionBackend, agents: env.config.agents, home, owner, scratch: env.dir });
}

/** The deps a pipeline runs with; the live status comment is made only if the pipeline uses it. */
export function depsFor(
  definition: AnyPipelineDefinition,
  env: KernelEnv,
  request: PipelineRequest<unknown, unknown>,
): { deps: PipelineDeps; status: () => LiveStatus<StatusRowBase> | undefined } {
  let status: LiveStatusComment<unknown, StatusRowBase> | undefined;
  // Every agent run (fallbacks and a judge's second pass included; a matrix finalize starts with its units' runs),
  // for the totals line when the run ends.
  const ran: AgentRun[] = [...(request.collected?.runs ?? [])];
  const statusContext: StatusContext = {
    startedBy: env.mentionStarter === false ? undefined : starterToMention(request.sender),
    notice: issueCutNotice(request.target),
    totals: () =>
      ran.length > 0 ? renderTotals(sumRuns(ran, env.clock.now().getTime() - request.startedAt.getTime())) : undefined,
  };
  const makeStatus = (): LiveStatusComment<unknown, StatusRowBase> =>
    (status ??= liveStatusFor(definition, request, env, statusContext));
  const deps: PipelineDeps = {
    // Every agent's start and end reach the logger's hooks (the terminal's progress lines, the Actions log's groups).
    runner: observeRunner(agentRunnerFor(env), {
      started: (r) => env.log.agentStarted({ agent: r.agent, role: r.role, pipeline: definition.name }),
      finished: (run) => {
        ran.push(run);
        env.log.agentFinished({ agent: run.agent, role: run.role, pipeline: definition.name, run });
      },
    }),
    sink: env.sink,
    statusContext,
    get status() {
      return makeStatus();
    },
    clock: env.clock,
    random: env.random ?? Math.random,
    log: env.log,
    signal: env.signal,
    redactor: env.redactor,
    workspace: {
      root: env.root,
      workingDirectory: env.workingDirectory,
      runDir: env.dir,
      prepared: env.prepared,
      configFile: env.configFile,
      env: env.env,
      killGraceMs: env.config.settings.killGraceSec * 1_000,
      agentIdentity: env.identity ? { runAs: env.identity.runAs, env: env.identity.env } : undefined,
    },
    artifacts: env.artifacts,
    github: env.github,
    githubReads: env.githubReads ?? env.github,
    pacing: env.pacing,
    sessions: sessionStoreFor(env),
  };
  return { deps, status: () => status };
}

/** Runs `definition` for the routed event, writes result.json, renders the summary and the outputs. */
export async function execute(
  definition: AnyPipelineDefinition,
  env: KernelEnv,
  route: Extract<Route, { kind: 'run' }>,
  options: { startedAt?: Date; collected?: CollectedRuns } = {},
): Promise<Execution> {
  const startedAt = options.startedAt ?? env.clock.now();
  const request = requestFor(definition, env, route, startedAt, options.collected);
  const prepared = env.prepared ?? (await prepareWorkspaceOf(definition, env));
  if (prepared && !(prepared instanceof Error)) await prepared.ready?.();
  const { deps, status } = depsFor(
    definition,
    { ...env, prepared, workingDirectory: agentDirectoryOf(prepared) ?? env.workingDirectory },
    request,
  );
  let outcome: PipelineOutcome;
  try {
    outcome = await definition.run(request, deps);
  } catch (error) {
    // A pipeline that used the status comment and then threw must not leave it saying "running".
    await status()?.finish(
      env.signal.aborted ? 'cancelled' : 'failure',
      `**${error instanceof Error ? error.message : String(error)}**`,
    );
    throw error;
  } finally {
    if (prepared && !(prepared instanceof Error)) {
      await prepared
        .close()
        .catch((error: unknown) =>
          env.log.warning(
            `Could not remove the prepared workspace: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  }
  const { target } = request;
  const record: RunRecord = env.redactor.redactDeep({
    version: 1,
    pipeline: definition.name,
    status: outcome.status,
    repository: target.repository,
    issue: { number: target.number, url: target.url, title: target.title },
    runUrl: env.ctx.runUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: env.clock.now().toISOString(),
    error: outcome.error,
    runs: outcome.runs,
    usage: usageRecord(outcome.runs),
    comments: Object.fromEntries(outcome.comments),
    ...definition.record?.(outcome),
  });
  const resultFile = join(env.dir, 'result.json');
  writeFileSync(resultFile, `${JSON.stringify(record, null, 2)}\n`);
  const summary = env.redactor.redact(await definition.summary(outcome, `${target.repository}#${target.number}`));
  return {
    outcome,
    resultFile,
    summary,
    outputs: definition.outputs?.(outcome) ?? {},
    localReport: definition.localReport?.(outcome) ?? [],
  };
}
