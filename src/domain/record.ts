// The run's record (result.json, the `result-file` output): the same common fields for every pipeline, plus its extras.
import type { AgentRun } from '../agents/types.js';
import type { PipelineOutcome } from '../kernel/definition.js';

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
  runs: AgentRun[];
  comments: Record<string, string>;
  /** The pipeline's own fields (definition.record): `relay`, `datasets`, ... */
  [extra: string]: unknown;
}
