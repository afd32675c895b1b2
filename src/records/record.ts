// The durable run record: a result.json cut down to what the dashboard needs, small enough to keep for years.
import type { AgentRun, Usage } from '../agents/types.js';
import type { RunRecord } from '../domain/record.js';
import type { Redactor } from '../security/redact.js';

export const STORE_VERSION = 1;

export interface StoredAgentRun {
  agent: string;
  cli: string;
  model?: string;
  role: string;
  status: AgentRun['status'];
  error?: string;
  exitCode: number | null;
  durationMs: number;
  usage: Usage;
  cliVersion?: string;
  startedAt: string;
}

/** A result file as the records read it: the common fields and the extras pipelines add (definition.record). */
export interface ResultFile extends RunRecord {
  review?: { reviewer: string; ranking: string[]; unranked: string[]; confidence?: 'high' | 'medium' | 'low' };
  relay?: {
    branch?: string;
    prUrl?: string;
    delivery?: string;
    failure?: {
      stage: string;
      agent: string;
      round: number;
      verdict: string;
      reason: string;
      roundsExhausted?: boolean;
    };
    stages: { stage: string; agent: string; round: number; passed: boolean; verdict?: string; reason?: string }[];
  };
  datasets?: {
    datasets: { format: string; rows: number; file?: string; metaFile?: string }[];
    personas: { persona: string; agent: string; kept: boolean; reason?: string; duplicateOf?: string }[];
    preference?: { made: boolean; [more: string]: unknown };
    [more: string]: unknown;
  };
}

/** What a stored record keeps of the result file as it is. */
type ResultHeader = Pick<
  RunRecord,
  'pipeline' | 'status' | 'repository' | 'issue' | 'runUrl' | 'startedAt' | 'finishedAt' | 'error'
>;

export interface StoredRecord extends ResultHeader {
  store: typeof STORE_VERSION;
  /** Unique per run attempt and issue: `<owner>/<repo>#<run id>-<attempt>-<issue>`. */
  id: string;
  agents: StoredAgentRun[];
  review?: NonNullable<ResultFile['review']>;
  relay?: {
    prUrl?: string;
    delivery?: string;
    failure?: { stage: string; agent: string; round: number; verdict: string; reason: string };
    stages: { stage: string; agent: string; round: number; passed: boolean; verdict?: string }[];
  };
  datasets?: {
    /** Rows written per format. */
    rows: Record<string, number>;
    personas: number;
    kept: number;
    dropped: number;
    /** Whether a dpo pair (chosen, rejected) was made. */
    pair: boolean;
  };
}

/** Long texts (errors) are cut: the record is for charts and lists, the run's page has the rest. */
const MAX_TEXT = 400;

function cut(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function storedRun(run: AgentRun): StoredAgentRun {
  return {
    agent: run.agent,
    cli: run.cli,
    ...(run.model ? { model: run.model } : {}),
    role: run.role,
    status: run.status,
    ...(run.error ? { error: cut(run.error) } : {}),
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    usage: run.usage ?? {},
    ...(run.cliVersion ? { cliVersion: run.cliVersion } : {}),
    startedAt: run.startedAt,
  };
}

/** The id of a run's record: the same run attempt on the same issue always gets the same id. */
export function recordId(repository: string, runId: string, runAttempt: string | number, issueNumber: number): string {
  return `${repository}#${runId}-${runAttempt}-${issueNumber}`;
}

/**
 * The stored form of a result file: no answers, no comments, no logs (they may quote the issue or code at length),
 * errors cut short, everything passed through the redactor once more.
 */
export function toStoredRecord(result: ResultFile, id: string, redactor: Redactor): StoredRecord {
  const relay = result.relay;
  const datasets = result.datasets;
  const stored: StoredRecord = {
    store: STORE_VERSION,
    id,
    pipeline: result.pipeline,
    status: result.status,
    repository: result.repository,
    issue: { number: result.issue.number, url: result.issue.url, title: result.issue.title },
    ...(result.runUrl ? { runUrl: result.runUrl } : {}),
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    ...(result.error ? { error: cut(result.error) } : {}),
    agents: result.runs.map(storedRun),
    ...(result.review ? { review: result.review } : {}),
    ...(relay
      ? {
          relay: {
            ...(relay.prUrl ? { prUrl: relay.prUrl } : {}),
            ...(relay.delivery ? { delivery: relay.delivery } : {}),
            ...(relay.failure
              ? {
                  failure: {
                    stage: relay.failure.stage,
                    agent: relay.failure.agent,
                    round: relay.failure.round,
                    verdict: relay.failure.verdict,
                    reason: cut(relay.failure.reason) ?? '',
                  },
                }
              : {}),
            stages: relay.stages.map((s) => ({
              stage: s.stage,
              agent: s.agent,
              round: s.round,
              passed: s.passed,
              ...(s.verdict ? { verdict: s.verdict } : {}),
            })),
          },
        }
      : {}),
    ...(datasets
      ? {
          datasets: {
            rows: Object.fromEntries(datasets.datasets.map((d) => [d.format, d.rows])),
            personas: datasets.personas.length,
            kept: datasets.personas.filter((p) => p.kept).length,
            dropped: datasets.personas.filter((p) => !p.kept).length,
            pair: datasets.preference?.made === true,
          },
        }
      : {}),
  };
  return redactor.redactDeep(stored);
}

/** A line of a records file, checked enough that one bad line cannot break the dashboard; undefined when unusable. */
export function parseStoredRecord(line: string): StoredRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<StoredRecord>;
  if (
    r.store !== STORE_VERSION ||
    typeof r.id !== 'string' ||
    typeof r.pipeline !== 'string' ||
    typeof r.status !== 'string'
  )
    return undefined;
  if (typeof r.startedAt !== 'string' || Number.isNaN(Date.parse(r.startedAt)) || !Array.isArray(r.agents))
    return undefined;
  if (typeof r.issue !== 'object' || r.issue === null) return undefined;
  return r as StoredRecord;
}
