// What a review remembers for the next one: the head it reviewed and its findings, in a hidden line of its body.
import { createHash } from 'node:crypto';
import { followRange, parsePatch } from './diff.js';
import { SEVERITIES, type Severity } from './findings.js';
import { cosine, type FindingGroup, words } from './grouping.js';
import type { ChangedFile } from './pull-request.js';

export interface PriorFinding {
  /** sha256 of path and title words, 12 hex digits: names the finding across reviews. */
  fp: string;
  path: string;
  line: number;
  endLine: number;
  severity: Severity;
  title: string;
}

export interface ReviewState {
  /** The head commit this review looked at. */
  head: string;
  findings: PriorFinding[];
}

const STATE_LINE = /<!-- ai-orchestra:pr-review-state ([A-Za-z0-9_-]+) -->/;
/** Enough for any sane review; the oldest findings go first when there are more. */
const MAX_REMEMBERED = 300;

export function fingerprint(path: string, title: string): string {
  return createHash('sha256')
    .update(`${path}\n${[...new Set(words(title))].sort().join(' ')}`)
    .digest('hex')
    .slice(0, 12);
}

export function priorOf(group: FindingGroup): PriorFinding {
  const title = group.lead.finding.title.slice(0, 120);
  return {
    fp: fingerprint(group.path, title),
    path: group.path,
    line: group.line,
    endLine: group.endLine,
    severity: group.severity,
    title,
  };
}

/** The hidden line: base64url JSON, so nothing an agent wrote can close the HTML comment. */
export function renderState(state: ReviewState): string {
  const kept = { head: state.head, findings: state.findings.slice(-MAX_REMEMBERED) };
  return `<!-- ai-orchestra:pr-review-state ${Buffer.from(JSON.stringify(kept), 'utf8').toString('base64url')} -->`;
}

function validPrior(raw: unknown): raw is PriorFinding {
  const f = raw as PriorFinding;
  return (
    !!f &&
    typeof f.path === 'string' &&
    typeof f.title === 'string' &&
    typeof f.fp === 'string' &&
    Number.isInteger(f.line) &&
    Number.isInteger(f.endLine) &&
    (SEVERITIES as readonly string[]).includes(f.severity)
  );
}

/** The state in a review body, or undefined when there is none or it is damaged. */
export function parseState(body: string | null | undefined): ReviewState | undefined {
  const m = body ? STATE_LINE.exec(body) : null;
  if (!m) return undefined;
  try {
    const data = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { head?: unknown; findings?: unknown };
    if (typeof data.head !== 'string' || !/^[0-9a-f]{40}$/.test(data.head) || !Array.isArray(data.findings))
      return undefined;
    return { head: data.head, findings: data.findings.filter(validPrior) };
  } catch {
    return undefined;
  }
}

export interface FollowedFindings {
  /** Earlier findings whose lines the new commits changed (or whose file they removed). */
  touched: PriorFinding[];
  /** The others, at their lines in the new head. */
  carried: PriorFinding[];
}

/** Follows earlier findings through the files changed by the new commits (the compare API's files). */
export function followPrior(prior: PriorFinding[], changed: ChangedFile[]): FollowedFindings {
  const byOldPath = new Map(changed.map((f) => [f.previousPath ?? f.path, f]));
  const touched: PriorFinding[] = [];
  const carried: PriorFinding[] = [];
  for (const finding of prior) {
    const file = byOldPath.get(finding.path);
    if (!file) {
      carried.push(finding);
      continue;
    }
    if (file.status === 'removed' || file.patch === undefined) {
      touched.push(finding);
      continue;
    }
    const moved = followRange(parsePatch(file.patch), finding.line, finding.endLine);
    if (moved.touched) touched.push(finding);
    else carried.push({ ...finding, path: file.path, line: moved.start, endLine: moved.end });
  }
  return { touched, carried };
}

/** Whether a new group says what an earlier finding said at the same place. */
export function repeats(group: FindingGroup, prior: PriorFinding, nearLines = 3): boolean {
  if (group.path !== prior.path) return false;
  const gap = Math.max(0, Math.max(group.line, prior.line) - Math.min(group.endLine, prior.endLine));
  if (gap > nearLines) return false;
  if (priorOf(group).fp === prior.fp) return true;
  const count = (text: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const w of words(text)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  return group.members.some((m) => cosine(count(m.finding.title), count(prior.title)) >= 0.5);
}

/** Splits new groups into those to post and those an earlier review already posted at unchanged lines. */
export function dropRepeats(
  groups: FindingGroup[],
  carried: PriorFinding[],
): { fresh: FindingGroup[]; repeated: FindingGroup[] } {
  const fresh: FindingGroup[] = [];
  const repeated: FindingGroup[] = [];
  for (const group of groups) (carried.some((p) => repeats(group, p)) ? repeated : fresh).push(group);
  return { fresh, repeated };
}
