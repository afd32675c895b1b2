// Reads the run's context (event payload, repository, run ids) and decides which pipeline, if any, runs.
import { readFileSync } from 'node:fs';
import { DEFAULT_COMMANDS, type Config, type PipelineName } from './config/schema.js';
import type { IssueText } from './prompt/untrusted.js';

export const SUPPORTED_EVENTS =
  'issues (labeled), issue_comment (created, starting with a slash command such as /ai-review), workflow_dispatch (inputs issue-number and pipeline)';

export interface RunContext {
  eventName: string;
  payload: Record<string, any>;
  owner: string;
  repo: string;
  runId: string;
  runAttempt: string;
  serverUrl: string;
  workspace: string;
  runnerTemp: string;
  runUrl?: string;
}

/** For local runs without GITHUB_EVENT_NAME: what kind of payload this is. */
function inferEventName(payload: Record<string, any>): string {
  if (payload.issue && payload.comment) return 'issue_comment';
  if (payload.issue && payload.label) return 'issues';
  if (payload.inputs) return 'workflow_dispatch';
  return '';
}

export function loadRunContext(env: NodeJS.ProcessEnv, overrides: { eventPath?: string; eventName?: string } = {}): RunContext {
  const eventPath = overrides.eventPath ?? env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error('GITHUB_EVENT_PATH is not set: no event payload to read.');
  let payload: Record<string, any>;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, any>;
  } catch (error) {
    throw new Error(`Could not read the event payload ${eventPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fullName: string = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '';
  const [owner = '', repo = ''] = fullName.split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = env.GITHUB_RUN_ID ?? `local-${Date.now()}`;
  return {
    eventName: overrides.eventName ?? env.GITHUB_EVENT_NAME ?? inferEventName(payload),
    payload,
    owner,
    repo,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    serverUrl,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runnerTemp: env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp',
    runUrl: env.GITHUB_RUN_ID && fullName ? `${serverUrl}/${fullName}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

export interface IssueTarget extends IssueText {
  url: string;
}

export type Route =
  | { kind: 'run'; pipeline: PipelineName; trigger: string; issue: IssueTarget; sender: { login: string; type?: string } }
  | { kind: 'skip'; reason: string };

/** Reads an issue through the API, for events whose payload does not carry it (workflow_dispatch). */
export type IssueFetcher = (number: number) => Promise<IssueTarget>;

export async function routeEvent(ctx: RunContext, config: Config, fetchIssue?: IssueFetcher): Promise<Route> {
  switch (ctx.eventName) {
    case 'issues':
      return routeLabel(ctx, config);
    case 'issue_comment':
      return routeComment(ctx, config);
    case 'workflow_dispatch':
      return routeDispatch(ctx, config, fetchIssue);
    default:
      throw new Error(`AI Orchestra does not handle the "${ctx.eventName || 'unknown'}" event. Supported events: ${SUPPORTED_EVENTS}.`);
  }
}

function pipelineNames(config: Config): PipelineName[] {
  return Object.keys(config.pipelines) as PipelineName[];
}

function commandOf(config: Config, pipeline: PipelineName): string {
  return (config.pipelines[pipeline] as { command?: string }).command ?? DEFAULT_COMMANDS[pipeline];
}

function sender(payload: Record<string, any>): { login: string; type?: string } {
  return { login: String(payload.sender?.login ?? ''), type: payload.sender?.type };
}

// The payload is the text as of the event: a later edit by the author cannot change what we run on.
function issueFromPayload(ctx: RunContext, issue: Record<string, any>): IssueTarget {
  return {
    repository: `${ctx.owner}/${ctx.repo}`,
    number: issue.number,
    title: String(issue.title ?? ''),
    body: String(issue.body ?? ''),
    url: String(issue.html_url ?? ''),
  };
}

function routeLabel(ctx: RunContext, config: Config): Route {
  const { action, label, issue } = ctx.payload;
  if (action !== 'labeled') return { kind: 'skip', reason: `issues event with action "${action}"; only "labeled" starts a pipeline` };
  if (!issue || typeof issue.number !== 'number') throw new Error('The issues event payload has no issue.');
  if (issue.pull_request) return { kind: 'skip', reason: 'the labeled item is a pull request, not an issue' };
  const name: string = label?.name ?? '';
  const pipeline = pipelineNames(config).find((p) => config.pipelines[p].label === name);
  if (!pipeline) return { kind: 'skip', reason: `label "${name}" starts no pipeline (configured: ${Object.values(config.pipelines).map((p) => p.label).join(', ')})` };
  return { kind: 'run', pipeline, trigger: `label "${name}"`, sender: sender(ctx.payload), issue: issueFromPayload(ctx, issue) };
}

/** `/ai-review` alone on the first line of a new comment; anything after it on the line is ignored. */
export function parseSlashCommand(body: string, config: Config): PipelineName | undefined {
  const first = body.replace(/^\uFEFF/, '').trimStart().split(/\r?\n/, 1)[0]?.trim() ?? '';
  const word = first.split(/\s+/, 1)[0] ?? '';
  return pipelineNames(config).find((p) => commandOf(config, p) === word);
}

function routeComment(ctx: RunContext, config: Config): Route {
  const { action, comment, issue } = ctx.payload;
  if (action !== 'created') return { kind: 'skip', reason: `issue_comment event with action "${action}"; only new comments start a pipeline` };
  if (!issue || typeof issue.number !== 'number' || !comment) throw new Error('The issue_comment event payload has no issue or comment.');
  if (issue.pull_request) return { kind: 'skip', reason: 'the comment is on a pull request, not an issue' };
  const pipeline = parseSlashCommand(String(comment.body ?? ''), config);
  if (!pipeline) {
    const known = pipelineNames(config).map((p) => commandOf(config, p)).join(', ');
    return { kind: 'skip', reason: `the comment does not start with a command (${known})` };
  }
  return { kind: 'run', pipeline, trigger: `command ${commandOf(config, pipeline)}`, sender: sender(ctx.payload), issue: issueFromPayload(ctx, issue) };
}

async function routeDispatch(ctx: RunContext, config: Config, fetchIssue?: IssueFetcher): Promise<Route> {
  const inputs: Record<string, unknown> = ctx.payload.inputs ?? {};
  const raw = String(inputs['issue-number'] ?? '').trim().replace(/^#/, '');
  const number = Number(raw);
  if (!/^\d+$/.test(raw) || number <= 0) {
    throw new Error(`workflow_dispatch needs the input issue-number (a positive issue number); got "${raw}". See the README's workflow_dispatch example.`);
  }
  const wanted = String(inputs.pipeline ?? 'ai-review').trim();
  const pipeline = pipelineNames(config).find((p) => p === wanted || config.pipelines[p].label === wanted);
  if (!pipeline) throw new Error(`workflow_dispatch input pipeline "${wanted}" is not one of ${pipelineNames(config).join(', ')}.`);
  if (!fetchIssue) throw new Error('workflow_dispatch needs a GitHub token to read the issue.');
  const issue = await fetchIssue(number);
  return { kind: 'run', pipeline, trigger: 'workflow_dispatch', sender: sender(ctx.payload), issue };
}
