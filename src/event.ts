// Reads the run's context (event payload, repository, run ids) and decides which pipeline, if any, runs.
import { readFileSync } from 'node:fs';
import type { Config, PipelineName } from './config/schema.js';
import type { IssueText } from './prompt/untrusted.js';

export const SUPPORTED_EVENTS = 'issues (types: [labeled])';

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
    eventName: overrides.eventName ?? env.GITHUB_EVENT_NAME ?? (payload.issue && payload.label ? 'issues' : ''),
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
  | { kind: 'run'; pipeline: PipelineName; label: string; issue: IssueTarget; sender: { login: string; type?: string } }
  | { kind: 'skip'; reason: string };

export function routeEvent(ctx: RunContext, config: Config): Route {
  if (ctx.eventName !== 'issues') {
    throw new Error(`AI Orchestra does not handle the "${ctx.eventName || 'unknown'}" event. Supported events: ${SUPPORTED_EVENTS}.`);
  }
  const { action, label, issue, sender } = ctx.payload;
  if (action !== 'labeled') return { kind: 'skip', reason: `issues event with action "${action}"; only "labeled" starts a pipeline` };
  if (!issue || typeof issue.number !== 'number') throw new Error('The issues event payload has no issue.');
  if (issue.pull_request) return { kind: 'skip', reason: 'the labeled item is a pull request, not an issue' };
  const name: string = label?.name ?? '';
  const match = (Object.entries(config.pipelines) as [PipelineName, { label: string }][]).find(([, p]) => p.label === name);
  if (!match) return { kind: 'skip', reason: `label "${name}" starts no pipeline (configured: ${Object.values(config.pipelines).map((p) => p.label).join(', ')})` };
  return {
    kind: 'run',
    pipeline: match[0],
    label: name,
    sender: { login: String(sender?.login ?? ''), type: sender?.type },
    issue: {
      repository: `${ctx.owner}/${ctx.repo}`,
      number: issue.number,
      // The payload is the text as of labeling: a later edit by the author cannot change what we run on.
      title: String(issue.title ?? ''),
      body: String(issue.body ?? ''),
      url: String(issue.html_url ?? ''),
    },
  };
}
