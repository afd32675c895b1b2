// A matrix unit's row in the status comment all units share: re-read, change only that row, write, check it stuck.

import type { AgentRun, AgentRunner } from '../../agents/types.js';
import type { StatusEntry } from '../../report/status-comment.js';
import type { IssueReporter } from '../../sinks/sink.js';
import { showsEntry, withEntry } from './status.js';

export interface SharedStatusDeps {
  reporter: IssueReporter;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  warn: (message: string) => void;
}

/**
 * GitHub has no conditional comment update, so two units that read the comment at once both write a body holding
 * only their own change, and the later write drops the earlier one's row. Each unit therefore reads the comment back
 * after a short random pause and writes again while its row is missing or stale. That narrows lost rows to a unit
 * whose check came before a slower unit's overwrite; finalize rewrites every row from the artifacts, so the
 * comment's end state never depends on this.
 */
export async function updateSharedStatus(entry: StatusEntry, deps: SharedStatusDeps, attempts = 5): Promise<boolean> {
  const read = deps.reporter.readComment?.bind(deps.reporter);
  if (!read) return false;
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const body = withEntry(await read('status'), entry);
      // The comment is gone, finalized, or not a matrix status: there is no live row to change.
      if (body === undefined) return false;
      await deps.reporter.upsertComment('status', body);
      await deps.sleep(250 + Math.floor(deps.random() * 750 * attempt));
      if (showsEntry(await read('status'), entry)) return true;
    }
    deps.warn(
      `The status comment's row for ${entry.agent} (${entry.role}) was overwritten by other units ${attempts} times; finalize will set it.`,
    );
    return false;
  } catch (error) {
    deps.warn(`Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

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
export function rowWriter(deps: UnitDeps): { write: (entry: StatusEntry) => void; done: () => Promise<void> } {
  const shared: SharedStatusDeps = deps;
  let last: Promise<unknown> = Promise.resolve();
  return {
    write: (entry) => {
      last = last.then(() => updateSharedStatus(entry, shared));
    },
    done: () => last.then(() => undefined),
  };
}
