// The one place that reads the action's inputs; everything else receives this typed object.
import * as core from '@actions/core';

export const DEFAULT_CONFIG_PATH = '.github/ai-orchestra.yml';

/** run: everything in one job; plan, unit, finalize: the three jobs of a matrix workflow. */
export type Mode = 'run' | 'plan' | 'unit' | 'finalize' | 'dashboard';
export const MODES: readonly Mode[] = ['run', 'plan', 'unit', 'finalize', 'dashboard'];

export interface Inputs {
  mode: Mode;
  /** mode unit: the matrix entry this job runs (a name or JSON), validated against the config later. */
  unit?: string;
  githubToken: string;
  configPath: string;
  /** False when the config path is the default: then a missing file means the built-in defaults. */
  configRequired: boolean;
  dryRun: boolean;
  workingDirectory?: string;
  allowedBots: string[];
  /** Install missing agent CLIs from npm before the run. */
  install: boolean;
  /** Unprivileged user the agents run as (created when missing); undefined: as ourselves. */
  agentUser?: string;
  /** Remove the runner user's sudo rights for the rest of the job. */
  dropSudo: boolean;
  /** The data branch run records are kept on; undefined: records are not kept (mode dashboard: the default branch name). */
  recordsBranch?: string;
  /** mode dashboard: the folder the site is written to. */
  dashboardDir: string;
  /**
   * Dry runs only: a payload to run on instead of the workflow's own event (AI_ORCHESTRA_EVENT_PATH, and
   * AI_ORCHESTRA_EVENT_NAME, else inferred from the payload). A workflow cannot set GITHUB_EVENT_PATH itself,
   * so this is how the CI smoke job runs the action (`uses: ./`) on a fixture payload.
   */
  eventOverride?: { eventPath: string; eventName?: string };
  /** Tuning of the GitHub client, from AI_ORCHESTRA_* variables (for tests and benchmarks; see docs/settings.md). */
  tuning: Tuning;
}

function readEventOverride(env: NodeJS.ProcessEnv, dryRun: boolean): Inputs['eventOverride'] {
  const eventPath = env.AI_ORCHESTRA_EVENT_PATH?.trim();
  if (!eventPath) return undefined;
  if (!dryRun)
    throw new Error(
      'AI_ORCHESTRA_EVENT_PATH (a payload to run on instead of the workflow event) works with dry-run: true only.',
    );
  return { eventPath, eventName: env.AI_ORCHESTRA_EVENT_NAME?.trim() || undefined };
}

/** Settings for tests and benchmarks that are not inputs: environment variables, read here only. */
export interface Tuning {
  /** AI_ORCHESTRA_REQUEST_TIMEOUT_MS: per-attempt timeout of a GitHub request (default 30 000). */
  requestTimeoutMs: number;
  /** AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: spacing of GitHub writes (default: the client's, 1 000 ms; 3 s for new comments). */
  minWriteIntervalMs?: number;
  /** AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S: wait after a secondary rate limit without retry-after (default 60). */
  secondaryRateLimitWaitSec?: number;
  /** AI_ORCHESTRA_TURN_POLL_MS: how often a run waiting for its turn on an issue looks again (default 20 000). */
  turnPollMs: number;
}

export const TUNING_VARIABLES = [
  'AI_ORCHESTRA_REQUEST_TIMEOUT_MS',
  'AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS',
  'AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S',
  'AI_ORCHESTRA_TURN_POLL_MS',
] as const;

function tuningNumber(
  env: NodeJS.ProcessEnv,
  name: (typeof TUNING_VARIABLES)[number],
  { zero }: { zero: boolean },
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0)) {
    throw new Error(
      `${name} is "${raw}"; it must be a ${zero ? 'non-negative' : 'positive'} number (see docs/settings.md).`,
    );
  }
  return value;
}

/** The AI_ORCHESTRA_* tuning variables, validated; unset means the default. */
export function readTuning(env: NodeJS.ProcessEnv): Tuning {
  return {
    requestTimeoutMs: tuningNumber(env, 'AI_ORCHESTRA_REQUEST_TIMEOUT_MS', { zero: false }) ?? 30_000,
    minWriteIntervalMs: tuningNumber(env, 'AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS', { zero: true }),
    secondaryRateLimitWaitSec: tuningNumber(env, 'AI_ORCHESTRA_SECONDARY_RATE_LIMIT_WAIT_S', { zero: true }),
    turnPollMs: tuningNumber(env, 'AI_ORCHESTRA_TURN_POLL_MS', { zero: false }) ?? 20_000,
  };
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const configPath = optional('config') ?? DEFAULT_CONFIG_PATH;
  const dryRun = optional('dry-run') === undefined ? false : core.getBooleanInput('dry-run');
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  if (!githubToken && !dryRun) {
    throw new Error(
      'The github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token with issues: write.',
    );
  }
  const mode = (optional('mode') ?? 'run').toLowerCase();
  if (!MODES.includes(mode as Mode))
    throw new Error(`The input mode is "${mode}"; it must be one of ${MODES.join(', ')}.`);
  if (mode !== 'run' && dryRun) {
    throw new Error(
      `dry-run works with mode: run only; in mode ${mode} the jobs share their work through the issue's comments and the run's artifacts.`,
    );
  }
  return {
    mode: mode as Mode,
    unit: optional('unit'),
    githubToken,
    configPath,
    configRequired: configPath !== DEFAULT_CONFIG_PATH,
    dryRun,
    workingDirectory: optional('working-directory'),
    agentUser: optional('agent-user'),
    dropSudo: optional('drop-sudo') === undefined ? false : core.getBooleanInput('drop-sudo'),
    install: optional('install') === undefined ? false : core.getBooleanInput('install'),
    recordsBranch: optional('records-branch'),
    dashboardDir: optional('dashboard-dir') ?? '_site',
    allowedBots: (optional('allowed-bots') ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    eventOverride: readEventOverride(env, dryRun),
    tuning: readTuning(env),
  };
}
