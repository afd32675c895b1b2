// The action's outputs, job summary and exit status for a run (run mode, matrix jobs).
import * as core from '@actions/core';
import type { Redactor } from '../security/redact.js';
import { sanitizeOutput } from '../security/sanitize-output.js';
import type { AnyPipelineDefinition } from './definition.js';
import type { Execution } from './execute.js';

/** The result file this job last reported (run, finalize; a unit's too), for the record kept on the data branch. */
let reportedResultFile = '';
export function lastResultFile(): string {
  return reportedResultFile;
}

export function setOutputs(pipeline: string, status: string, resultFile = ''): void {
  reportedResultFile = resultFile;
  core.setOutput('pipeline', pipeline);
  core.setOutput('status', status);
  core.setOutput('result-file', resultFile);
}

/** The job summary is Markdown people read on GitHub: it passes the same sanitizer as every comment. */
export async function writeJobSummary(markdown: string, redactor: Redactor): Promise<void> {
  await core.summary.addRaw(sanitizeOutput(markdown, redactor)).write();
}

/** A finished run's outputs, job summary and exit status (run mode and matrix finalize). */
export async function reportExecution(
  definition: AnyPipelineDefinition,
  execution: Execution,
  redactor: Redactor,
): Promise<void> {
  const { outcome } = execution;
  setOutputs(definition.name, outcome.status === 'success' ? 'success' : 'failure', execution.resultFile);
  for (const [name, value] of Object.entries(execution.outputs)) core.setOutput(name, value);
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== 'success')
    core.setFailed(redactor.redact(outcome.error ?? `${definition.name} ended with status ${outcome.status}`));
}
