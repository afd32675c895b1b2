// Matrix mode's pure parts: which units a pipeline splits into, the `unit` input, artifact names, and merging results.
import type { AgentRun } from '../../agents/types.js';
import type { Config } from '../../config/schema.js';
import { pipelineNamed } from '../../pipelines/index.js';

/** The name of a pipeline with a matrix form. */
export type MatrixPipeline = string;

/** What plan can make of a pipeline: its units, or why it has no matrix form. */
export type MatrixPlan =
  | { kind: 'matrix'; pipeline: MatrixPipeline; units: string[] }
  | { kind: 'none'; reason: string };

/** One unit's result, as its job uploads it in an artifact and finalize reads it back. */
export interface UnitResult {
  version: 1;
  pipeline: MatrixPipeline;
  issue: number;
  unit: string;
  /** The agent that ran (for persona-data: the persona's agent). */
  agent: string;
  run: AgentRun;
  /** The unit's answer comment, when it posted one. */
  commentUrl?: string;
}

export function planUnits(config: Config, pipeline: string): MatrixPlan {
  const definition = pipelineNamed(pipeline);
  if (definition.matrix)
    return {
      kind: 'matrix',
      pipeline,
      units: definition.matrix.units(config.pipelines[pipeline]).map((u: { unit: string }) => u.unit),
    };
  return {
    kind: 'none',
    reason: definition.matrixUnavailable ?? `${pipeline} has no matrix form: run it with mode: run (the default)`,
  };
}

/** The `matrix` output: a JSON list of unit names, for `strategy.matrix.unit: ${{ fromJSON(needs.plan.outputs.matrix) }}`. */
export function matrixOutput(units: readonly string[]): string {
  return JSON.stringify(units);
}

/**
 * The `unit` input: a name (`claude`), a JSON string (`"claude"`) or a matrix entry (`{"unit":"claude"}`), checked
 * against the pipeline's units. Throws a message naming the valid units.
 */
export function parseUnitInput(raw: string | undefined, plan: MatrixPlan): string {
  if (plan.kind === 'none') throw new Error(plan.reason);
  const valid = `valid units for ${plan.pipeline}: ${plan.units.join(', ')}`;
  const text = (raw ?? '').trim();
  if (!text) throw new Error(`mode: unit needs the input unit (one entry of the plan job's matrix output; ${valid}).`);
  let name: unknown = text;
  if (/^["{[]/.test(text)) {
    try {
      name = JSON.parse(text) as unknown;
    } catch {
      throw new Error(`The input unit is not valid JSON: ${text.slice(0, 80)} (${valid}).`);
    }
    if (name && typeof name === 'object' && !Array.isArray(name)) name = (name as Record<string, unknown>).unit;
  }
  if (typeof name !== 'string' || !name.trim())
    throw new Error(
      `The input unit must name one unit, e.g. ${plan.units[0] ?? 'claude'}; got ${text.slice(0, 80)} (${valid}).`,
    );
  const unit = name.trim();
  if (!plan.units.includes(unit))
    throw new Error(
      `Unknown unit "${unit.slice(0, 80)}": it is not in the config's ${plan.pipeline} pipeline (${valid}).`,
    );
  return unit;
}

/** The artifact a unit uploads. The attempt is in the name: a re-run job cannot overwrite the first attempt's artifact. */
export function unitArtifactName(pipeline: MatrixPipeline, issue: number, unit: string, attempt: string): string {
  return `${unitArtifactPrefix(pipeline, issue, unit)}${attempt.replace(/[^0-9]/g, '') || '1'}`;
}

function unitArtifactPrefix(pipeline: MatrixPipeline, issue: number, unit: string): string {
  return `ai-orchestra-${pipeline}-issue-${issue}-unit-${unit}-attempt-`;
}

/** For each unit, the artifact of its latest attempt among those listed; units without one are absent. */
export function pickUnitArtifacts<T extends { name: string }>(
  listed: readonly T[],
  pipeline: MatrixPipeline,
  issue: number,
  units: readonly string[],
): Map<string, T> {
  const picked = new Map<string, T>();
  for (const unit of units) {
    const prefix = unitArtifactPrefix(pipeline, issue, unit);
    let best: { attempt: number; artifact: T } | undefined;
    for (const artifact of listed) {
      if (!artifact.name.startsWith(prefix)) continue;
      const attempt = Number(artifact.name.slice(prefix.length));
      if (Number.isInteger(attempt) && attempt > 0 && (!best || attempt > best.attempt)) best = { attempt, artifact };
    }
    if (best) picked.set(unit, best.artifact);
  }
  return picked;
}

/** Checks a downloaded unit.json; throws with what is wrong (a result of another issue or unit is not used). */
export function parseUnitResult(
  text: string,
  expected: { pipeline: MatrixPipeline; issue: number; unit: string },
): UnitResult {
  const value = JSON.parse(text) as Partial<UnitResult>;
  const run = value.run as Partial<AgentRun> | undefined;
  if (
    value.version !== 1 ||
    value.pipeline !== expected.pipeline ||
    value.issue !== expected.issue ||
    value.unit !== expected.unit
  ) {
    throw new Error(`it is not the result of ${expected.pipeline} unit ${expected.unit} on issue #${expected.issue}`);
  }
  if (!run || typeof run.agent !== 'string' || typeof run.status !== 'string' || typeof run.answer !== 'string')
    throw new Error('it holds no agent run');
  return value as UnitResult;
}

/** The run finalize reports for a unit without a result: its job failed before uploading one, was cancelled, or never ran. */
export function missingUnitRun(agent: string, role: string, reason: string, now: Date): AgentRun {
  return {
    agent,
    cli: '',
    role,
    status: 'cancelled',
    answer: '',
    error: reason,
    exitCode: null,
    durationMs: 0,
    usage: {},
    promptSha256: '',
    outputTail: '',
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    logFiles: { stdout: '', stderr: '' },
  };
}

export interface MergedUnits {
  /** One run per unit, in the config's order: the unit's own, or a cancelled stand-in. */
  runs: AgentRun[];
  /** Units whose result is missing, with why. */
  missing: Map<string, string>;
  /** Answer comments the units posted, by agent. */
  commentUrls: Map<string, string>;
}

/** Puts the units' results in the config's order; a unit without one becomes a cancelled run that says why. */
export function mergeUnitResults(
  units: readonly { unit: string; agent: string; role: string }[],
  found: ReadonlyMap<string, UnitResult>,
  problems: ReadonlyMap<string, string>,
  now: Date,
): MergedUnits {
  const merged: MergedUnits = { runs: [], missing: new Map(), commentUrls: new Map() };
  for (const { unit, agent, role } of units) {
    const result = found.get(unit);
    if (result) {
      merged.runs.push(result.run);
      if (result.commentUrl) merged.commentUrls.set(agent, result.commentUrl);
      continue;
    }
    const reason =
      problems.get(unit) ?? 'no result: its matrix job failed before uploading one, was cancelled, or never ran';
    merged.missing.set(unit, reason);
    merged.runs.push(missingUnitRun(agent, role, reason, now));
  }
  return merged;
}
