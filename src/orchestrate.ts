// Runs the chosen pipeline with a given sink and writes the run's record; shared by the action and the local CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAgentRunner, type CliInstall } from './agents/runner.js';
import type { AgentRunner } from './agents/types.js';
import type { Config } from './config/schema.js';
import type { IssueTarget, RunContext } from './event.js';
import type { AgentIdentity } from './isolation/agent-user.js';
import { FileDatasetSink, type Uploader } from './dataset/file-sink.js';
import { runPersonaPipeline, type PersonaReport } from './pipelines/personas.js';
import { runReviewPipeline, type CollectedAnswers, type PipelineOutcome, type WritePacing } from './pipelines/review.js';
import { renderPersonaSummary } from './report/persona-summary.js';
import type { IssueReporter } from './report/reporter.js';
import { renderSummary } from './report/summary.js';
import { usageRecord, type UsageRecord } from './report/usage.js';
import type { Redactor } from './security/redact.js';

export interface RunRecord {
  version: 1;
  pipeline: string;
  status: PipelineOutcome['status'];
  repository: string;
  issue: { number: number; url: string; title: string };
  runUrl?: string;
  startedAt: string;
  finishedAt: string;
  error?: string;
  runs: PipelineOutcome['runs'];
  /** Tokens and cost per agent and in total (fallback attempts included). */
  usage?: UsageRecord;
  comments: Record<string, string>;
  /** ai-review: the reviewer's ranking by agent, best first, and how sure it said it was. */
  review?: PipelineOutcome['review'];
  /** persona-data: the files written, each persona's verdict, the dpo pair and the artifact. */
  datasets?: Omit<PersonaReport, 'lines'> & { personas: { persona: string; agent: string; kept: boolean; reason?: string; duplicateOf?: string }[] };
}

export interface Execution {
  outcome: PipelineOutcome;
  resultFile: string;
  summary: string;
}

/** Where a run keeps its logs, comments (dry run) and result.json, below `base`. */
export function runDirectory(base: string, ctx: RunContext, issueNumber: number): string {
  const dir = join(base, `${ctx.runId}-${ctx.runAttempt}-issue-${issueNumber}`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

type ExecuteArgs = Parameters<typeof executeReview>[0];

/** The agent runner of a run: logs below its folder, bounded by max-parallel, everything it says redacted. */
export function agentRunnerFor(args: Pick<ExecuteArgs, 'config' | 'workingDirectory' | 'dir' | 'env' | 'signal' | 'identity' | 'installs' | 'redactor'>): AgentRunner {
  const { config, redactor } = args;
  return createAgentRunner({
    agents: config.agents,
    workingDirectory: args.workingDirectory,
    logDir: join(args.dir, 'logs'),
    maxParallel: config.settings.maxParallel,
    killGraceMs: config.settings.killGraceSec * 1_000,
    maxOutputBytes: Math.round(config.settings.maxOutputMiB * 1024 ** 2),
    parentEnv: args.env,
    signal: args.signal,
    identity: args.identity,
    installs: args.installs,
    redact: (text) => redactor.redact(text),
    budget: config.settings.budget,
  });
}

export async function executeReview(args: {
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
  /** agent-user: who the agents run as; absent: as ourselves. */
  identity?: AgentIdentity;
  /** CLIs installed for agents by `install: true`. */
  installs?: ReadonlyMap<string, CliInstall>;
  /** For a sink that spaces its writes (GitHub). */
  pacing?: WritePacing;
  /** Matrix finalize: the units' runs, instead of running the agents here. */
  collected?: CollectedAnswers;
  /** Matrix finalize: when the plan job started the run. */
  runStartedAt?: Date;
}): Promise<Execution> {
  const { ctx, config, issue, redactor } = args;
  const startedAt = args.runStartedAt ?? new Date();
  const runner = agentRunnerFor(args);
  const outcome = await runReviewPipeline(
    {
      issue,
      pipeline: config.pipelines['ai-review'],
      processedLabel: config.settings.processedLabel,
      runUrl: ctx.runUrl,
      commentMode: config.settings.commentMode,
      collected: args.collected,
      startedAt: args.runStartedAt,
    },
    { runner, reporter: args.reporter, signal: args.signal, random: Math.random, now: () => new Date(), warn: args.warn, pacing: args.pacing },
  );
  const record: RunRecord = redactor.redactDeep({
    version: 1,
    pipeline: 'ai-review',
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
    review: outcome.review,
  });
  const resultFile = join(args.dir, 'result.json');
  writeFileSync(resultFile, `${JSON.stringify(record, null, 2)}\n`);
  const summary = redactor.redact(
    renderSummary({ pipeline: 'ai-review', target: `${issue.repository}#${issue.number}`, status: outcome.status, error: outcome.error, runs: outcome.runs, comments: outcome.comments }),
  );
  return { outcome, resultFile, summary };
}

export interface PersonaExecution extends Execution {
  /** Absolute path of the folder with the datasets (the `dataset-dir` output). */
  datasetDir: string;
  /** The data file of the first configured format that had rows (the `dataset-file` output). */
  datasetFile?: string;
}

/** persona-data: the datasets go to `output-dir` below the workspace and are published with `upload`. */
export async function executePersonas(args: Parameters<typeof executeReview>[0] & { upload: Uploader; workspace: string }): Promise<PersonaExecution> {
  const { ctx, config, issue, redactor } = args;
  const startedAt = args.runStartedAt ?? new Date();
  const pipeline = config.pipelines['persona-data'];
  const runner = agentRunnerFor(args);
  const sink = new FileDatasetSink(resolve(args.workspace, pipeline.outputDir), args.upload, args.workspace);
  const outcome = await runPersonaPipeline(
    { issue, pipeline, processedLabel: config.settings.processedLabel, runUrl: ctx.runUrl, commitSha: args.env.GITHUB_SHA, collected: args.collected, startedAt: args.runStartedAt },
    { runner, reporter: args.reporter, sink, redactor, signal: args.signal, random: Math.random, now: () => new Date(), warn: args.warn },
  );
  const { lines, ...report } = outcome.report;
  const personas = lines.map(({ persona, run, verdict }) => ({
    persona,
    agent: run.agent,
    kept: verdict.kept,
    ...(verdict.kept ? {} : { reason: verdict.reason, ...(verdict.duplicateOf ? { duplicateOf: verdict.duplicateOf } : {}) }),
  }));
  const record: RunRecord = redactor.redactDeep({
    version: 1,
    pipeline: 'persona-data',
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
    datasets: { ...report, personas },
  });
  const resultFile = join(args.dir, 'result.json');
  writeFileSync(resultFile, `${JSON.stringify(record, null, 2)}\n`);
  const summary = redactor.redact(
    renderPersonaSummary({ target: `${issue.repository}#${issue.number}`, status: outcome.status, error: outcome.error, runs: outcome.runs, comment: outcome.comments.get('datasets'), lines }),
  );
  return { outcome, resultFile, summary, datasetDir: sink.dir, datasetFile: report.datasets.find((d) => d.file)?.file };
}
