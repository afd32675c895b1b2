// One matrix unit: a single agent (ai-review) or persona (persona-data) answers, reports its row, posts its answer.
import type { AgentRun, AgentRunner } from '../../agents/types.js';
import type { CommentMode } from '../../config/schema.js';
import type { PersonaSpec } from '../persona-data/config.js';
import { neutralTaskPrompt } from '../persona-data/prompt.js';
import { buildAnswerPrompt } from '../../prompt/review.js';
import type { IssueText } from '../../prompt/untrusted.js';
import { renderAgentComment } from '../../report/agent-comment.js';
import type { IssueReporter } from '../../sinks/sink.js';
import type { StatusEntry } from '../../report/status-comment.js';
import { answerAsPersona, runNote } from '../persona-data/pipeline.js';
import { statusNote } from './pipeline.js';
import { updateSharedStatus, type SharedStatusDeps } from '../../kernel/matrix/shared-status.js';

export interface UnitDeps {
  runner: AgentRunner;
  reporter: IssueReporter;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  warn: (message: string) => void;
}

export interface UnitOutcome {
  run: AgentRun;
  /** The answer's comment, when one was posted. */
  commentUrl?: string;
  /** Why the answer's comment could not be posted. */
  postError?: string;
}

/** Row changes go out one after another, so a unit's later row never races its own earlier one. */
function rowWriter(deps: UnitDeps): { write: (entry: StatusEntry) => void; done: () => Promise<void> } {
  const shared: SharedStatusDeps = deps;
  let last: Promise<unknown> = Promise.resolve();
  return {
    write: (entry) => {
      last = last.then(() => updateSharedStatus(entry, shared));
    },
    done: () => last.then(() => undefined),
  };
}

/**
 * ai-review, one agent: answers, and posts its comment as run mode does (same key, so re-runs update it). The comment
 * says "answer <position> of <total>" by the config's order; finalize renumbers them in the order they finished.
 */
export async function runReviewUnit(
  input: { issue: IssueText; agents: string[]; agent: string; runUrl?: string; commentMode?: CommentMode },
  deps: UnitDeps,
): Promise<UnitOutcome> {
  const rows = rowWriter(deps);
  const run = await deps.runner.run({
    agent: input.agent,
    prompt: buildAnswerPrompt(input.issue),
    mode: 'read-only',
    role: 'answer',
    onStart: () => rows.write({ agent: input.agent, role: 'answer', state: 'running', note: 'running' }),
  });
  const outcome: UnitOutcome = { run };
  // Combined answers share comments that only finalize, which sees every answer, can write; a cancelled run has none.
  if (input.commentMode !== 'combined' && run.status !== 'cancelled') {
    const index = input.agents.indexOf(input.agent) + 1;
    try {
      outcome.commentUrl = (await deps.reporter.upsertComment(`agent:${run.agent}`, renderAgentComment(run, { index, total: input.agents.length, runUrl: input.runUrl }))).url;
    } catch (error) {
      outcome.postError = `comment agent:${run.agent}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  rows.write({ agent: input.agent, role: 'answer', state: run.status, durationMs: run.durationMs, note: statusNote(run, 'answer'), commentUrl: outcome.commentUrl });
  await rows.done();
  return outcome;
}

/** persona-data, one persona: answers and reports its row; the datasets comment is finalize's. */
export async function runPersonaUnit(input: { issue: IssueText; persona: PersonaSpec }, deps: UnitDeps): Promise<UnitOutcome> {
  const { persona } = input;
  const rows = rowWriter(deps);
  const run = await answerAsPersona(persona, neutralTaskPrompt(input.issue), deps.runner, () => rows.write({ agent: persona.agent, role: persona.name, state: 'running', note: 'answering' }));
  rows.write({ agent: persona.agent, role: persona.name, state: run.status, durationMs: run.durationMs, note: runNote(run) });
  await rows.done();
  return { run };
}
