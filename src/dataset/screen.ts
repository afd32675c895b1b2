// Decides which persona answers become rows: failed, empty and duplicate answers are dropped, with the reason.
import type { AgentStatus } from '../agents/types.js';
import { findDuplicates, stripToolChatter } from './hygiene.js';

export interface Candidate {
  persona: string;
  status: AgentStatus;
  /** The answer as the adapter read it; '' when the run failed. */
  answer: string;
}

export type DropReason = 'failed' | 'timeout' | 'cancelled' | 'budget' | 'empty' | 'duplicate';

export type Verdict =
  | { kept: true; answer: string }
  | { kept: false; reason: DropReason /** For duplicates: the persona whose answer was kept. */; duplicateOf?: string };

/**
 * Screens answers in persona order: chatter is stripped and `scrub` (secret and e-mail redaction) applied
 * before the empty and duplicate checks, so the kept text is exactly what gets written.
 */
export function screenAnswers(candidates: readonly Candidate[], scrub: (text: string) => string): Verdict[] {
  const cleaned = candidates.map((c) => (c.status === 'success' ? scrub(stripToolChatter(c.answer)).trim() : ''));
  // Only answers that survive the other checks take part in duplicate detection.
  const eligible = candidates.map((c, i) => c.status === 'success' && cleaned[i] !== '');
  const indexes = cleaned.flatMap((_, i) => (eligible[i] ? [i] : []));
  const duplicates = findDuplicates(indexes.map((i) => cleaned[i] ?? ''));
  const duplicateOf = new Map(
    indexes.map((i, k) => [i, duplicates[k] === undefined ? undefined : indexes[duplicates[k]!]]),
  );
  return candidates.map((c, i): Verdict => {
    if (c.status !== 'success') return { kept: false, reason: c.status === 'failure' ? 'failed' : c.status };
    if (!eligible[i]) return { kept: false, reason: 'empty' };
    const first = duplicateOf.get(i);
    if (first !== undefined) return { kept: false, reason: 'duplicate', duplicateOf: candidates[first]?.persona };
    return { kept: true, answer: cleaned[i] ?? '' };
  });
}
