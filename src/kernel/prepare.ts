// The parts of a run's environment every mode builds the same way: agent isolation, CLI installs, sinks.

import { join, resolve } from 'node:path';
import type { CliInstall } from '../agents/runner.js';
import type { AgentSpec } from '../agents/types.js';
import { withFallbacks } from '../config/pipeline-agents.js';
import type { Config } from '../config/schema.js';
import type { RunContext } from '../event.js';
import type { GitHubClients } from '../github/client.js';
import type { ApiComment } from '../github/comments.js';
import { prepareAgentClis } from '../install/prepare.js';
import type { AgentIdentity } from '../isolation/agent-user.js';
import { prepareIsolation } from '../isolation/prepare.js';
import type { Redactor } from '../security/redact.js';
import { GitHubReporter } from '../sinks/github.js';
import type { AnyPipelineDefinition, Logger, PreparedWorkspace } from './definition.js';

export interface AgentSetup {
  agentUser?: string;
  dropSudo: boolean;
  install: boolean;
  workingDirectory?: string;
}

/** Whether `definition`'s agents may edit the checkout. */
export function accessOf(definition: AnyPipelineDefinition, config: Config): 'read-only' | 'write' {
  return typeof definition.access === 'function'
    ? definition.access(config.pipelines[definition.name])
    : definition.access;
}

/** The agents `definition` runs under `config`, each once, in config order. */
export function agentsOf(definition: AnyPipelineDefinition, config: Config): AgentSpec[] {
  return withFallbacks(config, definition.agents(config.pipelines[definition.name])).map(
    (name: string) => config.agents[name]!,
  );
}

/**
 * How long another run's status comment for this pipeline may go without an update before we call that run dead: a
 * live run updates it whenever one of its agents finishes, so a gap longer than its longest step means it crashed.
 */
export function staleAfterMsOf(definition: AnyPipelineDefinition, config: Config): number {
  const timeoutOf = (agent: string): number => config.agents[agent]?.timeoutSec ?? 0;
  const part = config.pipelines[definition.name];
  const longest = definition.longestStepSec
    ? definition.longestStepSec(part, timeoutOf)
    : Math.max(...definition.agents(part).map(timeoutOf));
  return (longest + config.settings.killGraceSec + 60) * 1_000;
}

/** Before anything is claimed or posted: a run that cannot isolate its agents fails here, with no agent started. */
export async function isolateAgents(
  definition: AnyPipelineDefinition,
  args: { config: Config; ctx: RunContext; setup: AgentSetup; dir: string; log: Logger; agentDirectory?: string },
): Promise<{ identity?: AgentIdentity; workingDirectory: string }> {
  const workingDirectory = resolve(args.ctx.workspace, args.setup.workingDirectory ?? '.');
  const identity = await prepareIsolation({
    agentUser: args.setup.agentUser,
    dropSudo: args.setup.dropSudo,
    workingDirectory: args.agentDirectory ?? workingDirectory,
    access: accessOf(definition, args.config),
    runnerTemp: args.ctx.runnerTemp,
    logDir: join(args.dir, 'logs', 'isolation'),
    log: { info: args.log.info, warning: args.log.warning },
  });
  return { identity, workingDirectory };
}

/** The definition's own workspace (prepareWorkspace), if it has one; an Error when it could not be made. */
export async function prepareWorkspaceOf(
  definition: AnyPipelineDefinition,
  args: {
    config: Config;
    workingDirectory: string;
    dir: string;
    signal: AbortSignal;
    configFile?: string;
    env?: NodeJS.ProcessEnv;
  },
): Promise<PreparedWorkspace | Error | undefined> {
  if (!definition.prepareWorkspace) return undefined;
  return definition
    .prepareWorkspace({
      config: args.config.pipelines[definition.name],
      workingDirectory: args.workingDirectory,
      runDir: args.dir,
      env: args.env ?? process.env,
      signal: args.signal,
      killGraceMs: args.config.settings.killGraceSec * 1_000,
      configFile: args.configFile,
    })
    .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/** The CLIs of `agents`, installed when the install input asks for it. */
export function installClis(
  agents: AgentSpec[],
  args: { setup: AgentSetup; dir: string; env: NodeJS.ProcessEnv; signal: AbortSignal; log: Logger },
): Promise<ReadonlyMap<string, CliInstall>> {
  return prepareAgentClis({
    agents,
    install: args.setup.install,
    env: args.env,
    logDir: join(args.dir, 'logs', 'install'),
    signal: args.signal,
    info: args.log.info,
    warn: args.log.warning,
  });
}

/** The GitHub sink for the routed issue or pull request. */
export function gitHubSink(
  clients: GitHubClients,
  args: {
    ctx: RunContext;
    number: number;
    pipeline: string;
    redactor: Redactor;
    firstListing?: Promise<ApiComment[]>;
    signal: AbortSignal;
  },
): GitHubReporter {
  const { ctx } = args;
  return new GitHubReporter(
    clients.octokit,
    { owner: ctx.owner, repo: ctx.repo, number: args.number },
    { runId: ctx.runId, pipeline: args.pipeline },
    args.redactor,
    {
      firstListing: args.firstListing,
      urgent: { octokit: clients.urgent, after: args.signal },
    },
  );
}
