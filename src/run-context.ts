// The run's context: the event payload, the repository and the run's ids, read once from the runner's environment.
import { readFileSync } from 'node:fs';
import type { Inputs } from './inputs.js';

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
  /** The repository's default branch, as the event says (the relay's base on a detached HEAD). */
  defaultBranch?: string;
  /** The commit the workflow runs on (GITHUB_SHA). */
  commitSha?: string;
}

/** For local runs without GITHUB_EVENT_NAME: what kind of payload this is. */
function inferEventName(payload: Record<string, any>): string {
  if (payload.issue && payload.comment) return 'issue_comment';
  if (payload.issue && payload.label) return 'issues';
  if (payload.pull_request) return 'pull_request';
  if (payload.inputs) return 'workflow_dispatch';
  return '';
}

export function loadRunContext(
  env: NodeJS.ProcessEnv,
  overrides: { eventPath?: string; eventName?: string } = {},
): RunContext {
  const eventPath = overrides.eventPath ?? env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error('GITHUB_EVENT_PATH is not set: no event payload to read.');
  let payload: Record<string, any>;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, any>;
  } catch (error) {
    throw new Error(
      `Could not read the event payload ${eventPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
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
    defaultBranch:
      typeof payload.repository?.default_branch === 'string' ? payload.repository.default_branch : undefined,
    commitSha: env.GITHUB_SHA,
  };
}

/** The context the inputs ask for: the workflow's event, or the payload a dry run was given instead. */
export function runContextFor(inputs: Pick<Inputs, 'eventOverride'>, env: NodeJS.ProcessEnv = process.env): RunContext {
  const override = inputs.eventOverride;
  return override
    ? loadRunContext({ ...env, GITHUB_EVENT_NAME: override.eventName }, { eventPath: override.eventPath })
    : loadRunContext(env);
}
