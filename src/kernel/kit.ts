// The small kit every pipeline shares: its outcome's start, a comment poster that keeps the errors of failed posts,
// how a thrown error or a cancellation ends an outcome, the status note of a run, anonymizing answers for a reviewer,
// and the thread-context budget.
import type { AgentRun } from '../agents/types.js';
import { answerLetter } from '../prompt/review.js';
import type { CommentSink, LiveStatus, OwnText, PipelineOutcome, StatusRowBase } from './definition.js';

/** An outcome before anything ran: a failure with no runs and no comments, plus the pipeline's own fields. */
export function startOutcome<E extends object = object>(extra?: E): PipelineOutcome & E {
  return { status: 'failure', runs: [], comments: new Map(), ...extra } as PipelineOutcome & E;
}

/** What a cancelled run's outcome says. */
export const CANCELLED_ERROR = 'The workflow was cancelled.';

/** Marks the outcome cancelled (the workflow was cancelled) and returns it. */
export function markCancelled<O extends PipelineOutcome>(outcome: O): O {
  outcome.status = 'cancelled';
  outcome.error = CANCELLED_ERROR;
  return outcome;
}

/** Ends the outcome with an error the run threw: cancelled when the workflow was, else failed. */
export function markThrown<O extends PipelineOutcome>(outcome: O, error: unknown, signal: AbortSignal): O {
  outcome.status = signal.aborted ? 'cancelled' : 'failure';
  outcome.error = errorText(error);
  return outcome;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How a comment that could not be posted is named in the outcome's error. */
export function postErrorOf(key: string, error: unknown): string {
  return `comment ${key}: ${errorText(error)}`;
}

/** Posts comments without throwing; remembers, per comment, why its latest write failed. */
export interface CommentPoster {
  /** Writes the comment and keeps its full text in the outcome's comments (comments may be cut; these are not). */
  post(key: string, body: string, own?: OwnText): Promise<string | undefined>;
  /** Writes the comment only (its text is kept elsewhere, e.g. a combined comment's sections). */
  send(key: string, body: string, own?: OwnText): Promise<string | undefined>;
  /** Records why another write under `key` failed (e.g. a reply to a review comment), as one line of the ledger. */
  fail(key: string, line: string): void;
  /** Why comments could not be posted, one line each (a later write of the same comment that succeeds clears it). */
  errors(): string[];
  /** The outcome's error when some comment could not be posted, else undefined. `what` names them. */
  failure(what?: string): string | undefined;
}

export function commentPoster(sink: CommentSink, comments: Map<string, string>): CommentPoster {
  const errors = new Map<string, string>();
  const send = async (key: string, body: string, own?: OwnText): Promise<string | undefined> => {
    try {
      const { url } = await (own ? sink.upsertComment(key, body, own) : sink.upsertComment(key, body));
      errors.delete(key);
      return url;
    } catch (error) {
      errors.set(key, postErrorOf(key, error));
      return undefined;
    }
  };
  return {
    send,
    post(key, body, own) {
      comments.set(key, body);
      return send(key, body, own);
    },
    fail(key, line) {
      errors.set(key, line);
    },
    errors: () => [...errors.values()],
    failure(what = 'Some comments') {
      if (errors.size === 0) return undefined;
      return `${what} could not be posted (their text is in the job summary and result-file): ${[...errors.values()].join('; ')}`;
    },
  };
}

/** The status table's result cell: `success` for a run that succeeded, else how it failed. */
export function statusNote(run: AgentRun, success: string): string {
  if (run.status === 'success') return success;
  if (run.status === 'failure')
    return run.exitCode !== null && run.exitCode !== 0 ? `failed (exit code ${run.exitCode})` : 'failed';
  if (run.status === 'budget') return 'stopped: budget';
  return run.status === 'timeout' ? 'timed out' : 'cancelled';
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The items in random order as answers A, B, C... for a reviewer that must not know who wrote which (each shaped by
 * `candidate`, e.g. with its vendor for a fair judge), and the map from each letter back to its item.
 */
export function anonymize<T, A>(
  items: T[],
  candidate: (item: T, letter: string) => A,
  random: () => number,
): { candidates: A[]; letters: Map<string, T> } {
  const letters = new Map<string, T>();
  const candidates = shuffle(items, random).map((item, i) => {
    letters.set(answerLetter(i), item);
    return candidate(item, answerLetter(i));
  });
  return { candidates, letters };
}

/** The status comment's last write for an outcome: how it ended, its error in bold under the headline. */
export function finishStatus(
  status: Pick<LiveStatus<StatusRowBase>, 'finish'>,
  outcome: PipelineOutcome,
): Promise<void> {
  return status.finish(outcome.status, outcome.error && `**${outcome.error}**`);
}

/**
 * Runs a pipeline's work on its outcome: a throw ends the outcome (cancelled when the workflow was), and whatever
 * happens `acknowledged` (the 👀 reaction, not waited for by the work) settles and the status gets its last write.
 */
export async function settleOutcome<O extends PipelineOutcome>(
  outcome: O,
  deps: { signal: AbortSignal; status: Pick<LiveStatus<StatusRowBase>, 'finish'> },
  acknowledged: Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<O> {
  try {
    await work();
  } catch (error) {
    markThrown(outcome, error, deps.signal);
  } finally {
    await acknowledged;
    await finishStatus(deps.status, outcome);
  }
  return outcome;
}

/** `settings.context-bytes` when the config file does not set it. */
export const DEFAULT_CONTEXT_BYTES = 60_000;

/** The thread-context budget of a pipeline: its own `context-bytes`, else `settings.context-bytes`. */
export function threadContextBytes(part: { contextBytes?: number }, settings: { contextBytes: number }): number {
  return part.contextBytes ?? settings.contextBytes;
}
