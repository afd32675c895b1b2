// Decides what becomes an inline comment (agreed, severe enough, not judged invalid, on a diff line) and what the body holds.
import { rangeInDiff } from './diff.js';
import { type Severity, severityRank } from './findings.js';
import type { FindingGroup } from './grouping.js';
import type { Judgement } from './judge.js';

export interface SelectionOptions {
  /** Agents that must have found a group for it to be inline (capped by how many reviewed its file). */
  minAgreement: number;
  minSeverity: Severity;
  /** Ask for changes (instead of only commenting) when an inline comment is critical. */
  requestChangesOnCritical: boolean;
}

export const DEFAULT_SELECTION: SelectionOptions = {
  minAgreement: 2,
  minSeverity: 'medium',
  requestChangesOnCritical: false,
};

export interface PlacedGroup {
  group: FindingGroup;
  judgement?: Judgement;
  placement: 'inline' | 'body';
  /** Why a group is in the body only. */
  why?: string;
  /** A committable replacement, when every agent of the group suggested the same lines. */
  suggestion?: string;
}

export interface SelectionContext {
  /** Head-side lines that may carry a comment, by file (see diff.commentableLines). */
  commentable: ReadonlyMap<string, ReadonlyMap<number, number>>;
  verdicts: ReadonlyMap<string, Judgement>;
  /** How many agents that answered reviewed this file. */
  reviewersOf: (path: string) => number;
}

const normalizeSuggestion = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');

/** The suggestion every member gave, for exactly the group's lines; undefined when they differ or one gave none. */
export function agreedSuggestion(group: FindingGroup): string | undefined {
  const texts = new Set<string>();
  for (const { finding } of group.members) {
    if (
      finding.suggestion === undefined ||
      finding.line !== group.line ||
      (finding.endLine ?? finding.line) !== group.endLine
    )
      return undefined;
    texts.add(normalizeSuggestion(finding.suggestion));
  }
  return texts.size === 1 ? [...texts][0] : undefined;
}

function bodyReason(group: FindingGroup, context: SelectionContext, options: SelectionOptions): string | undefined {
  const judgement = context.verdicts.get(group.id);
  if (judgement?.verdict === 'invalid') return `judged invalid${judgement.reason ? `: ${judgement.reason}` : ''}`;
  const needed = Math.max(1, Math.min(options.minAgreement, context.reviewersOf(group.path)));
  if (group.agents.length < needed)
    return `found by ${group.agents.length} agent${group.agents.length === 1 ? '' : 's'}, ${needed} needed to agree`;
  if (severityRank(group.severity) < severityRank(options.minSeverity))
    return `${group.severity}, below min-severity (${options.minSeverity})`;
  const lines = context.commentable.get(group.path);
  if (!lines || !rangeInDiff(lines, group.line, group.endLine)) return 'its lines are not in the diff';
  return undefined;
}

export function placeGroups(
  groups: FindingGroup[],
  context: SelectionContext,
  options: SelectionOptions,
): PlacedGroup[] {
  return groups.map((group) => {
    const judgement = context.verdicts.get(group.id);
    const why = bodyReason(group, context, options);
    if (why) return { group, judgement, placement: 'body', why };
    return { group, judgement, placement: 'inline', suggestion: agreedSuggestion(group) };
  });
}

/** COMMENT always, unless asked to request changes and an inline comment is critical. Never APPROVE. */
export function reviewEvent(placed: PlacedGroup[], options: SelectionOptions): 'COMMENT' | 'REQUEST_CHANGES' {
  const critical = placed.some((p) => p.placement === 'inline' && p.group.severity === 'critical');
  return options.requestChangesOnCritical && critical ? 'REQUEST_CHANGES' : 'COMMENT';
}
