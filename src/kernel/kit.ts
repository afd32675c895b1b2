// Small helpers every pipeline may use: the status note of a run, shuffling, and anonymizing answers for a reviewer.
import type { AgentRun } from '../agents/types.js';
import { answerLetter, type AnonymousAnswer } from '../prompt/review.js';

/** The status table's result cell: `success` for a run that succeeded, else how it failed. */
export function statusNote(run: AgentRun, success: string): string {
  if (run.status === 'success') return success;
  if (run.status === 'failure') return run.exitCode !== null && run.exitCode !== 0 ? `failed (exit code ${run.exitCode})` : 'failed';
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
 * The answers in random order as A, B, C... for a reviewer that must not know who wrote which, and the map from
 * each letter back to its answer.
 */
export function anonymize<T>(items: T[], text: (item: T) => string, random: () => number): { anonymous: AnonymousAnswer[]; letters: Map<string, T> } {
  const letters = new Map<string, T>();
  const anonymous = shuffle(items, random).map((item, i) => {
    letters.set(answerLetter(i), item);
    return { letter: answerLetter(i), text: text(item) };
  });
  return { anonymous, letters };
}
