// Groups the agents' findings that say the same thing: same file, overlapping or near lines, similar wording.
import { type Finding, type Severity, severityRank } from './findings.js';

export interface AgentFinding {
  agent: string;
  finding: Finding;
}

export interface FindingGroup {
  /** G1, G2, … in the order the review lists them (most severe first). */
  id: string;
  path: string;
  /** The lines the group's comment covers (the range most members gave). */
  line: number;
  endLine: number;
  /** Highest severity among the members. */
  severity: Severity;
  /** Distinct agents that found it, in the order they were given. */
  agents: string[];
  members: AgentFinding[];
  /** The member whose text leads the comment: the most severe, then the most detailed. */
  lead: AgentFinding;
}

export interface GroupingOptions {
  /** Lines between two ranges that still count as near. */
  nearLines: number;
  /** Least similarity for findings whose ranges overlap. */
  overlapSimilarity: number;
  /** Least similarity for findings whose ranges are only near. */
  nearSimilarity: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { nearLines: 3, overlapSimilarity: 0.2, nearSimilarity: 0.35 };

const STOP_WORDS = new Set(
  'the a an and or but of to in on at for with by from is are was were be been this that these those it its as not no can could should would may might will into than then there here which what when where who why how if else also only just very more most use used using line lines code'.split(
    ' ',
  ),
);

/** Lower-cased words of three letters or more, stop words out, a plural "s" off: the unit of similarity. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]{3,}/gu) ?? [])
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function vector(finding: Finding): Map<string, number> {
  const counts = new Map<string, number>();
  // The title says what the finding is; it counts twice as much as the body.
  for (const w of words(finding.title)) counts.set(w, (counts.get(w) ?? 0) + 2);
  for (const w of words(finding.body)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Cosine similarity of two word-count vectors, 0 (nothing shared) to 1 (same words in the same proportions). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [w, n] of a) dot += n * (b.get(w) ?? 0);
  const norm = (v: ReadonlyMap<string, number>): number => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

export function similarity(a: Finding, b: Finding): number {
  return cosine(vector(a), vector(b));
}

const endOf = (f: Finding): number => f.endLine ?? f.line;

/** Lines between two ranges: 0 when they overlap. */
export function lineGap(a: Finding, b: Finding): number {
  return Math.max(0, Math.max(a.line, b.line) - Math.min(endOf(a), endOf(b)));
}

function matches(a: Finding, b: Finding, options: GroupingOptions): number | undefined {
  if (a.path !== b.path) return undefined;
  const gap = lineGap(a, b);
  if (gap > options.nearLines) return undefined;
  const score = similarity(a, b);
  return score >= (gap === 0 ? options.overlapSimilarity : options.nearSimilarity) ? score : undefined;
}

function byStrength(a: AgentFinding, b: AgentFinding): number {
  return (
    severityRank(b.finding.severity) - severityRank(a.finding.severity) || b.finding.body.length - a.finding.body.length
  );
}

/** The range most members gave; on a tie, the lead's. */
function consensusRange(members: AgentFinding[], lead: AgentFinding): { line: number; endLine: number } {
  const counts = new Map<string, number>();
  for (const m of members) {
    const key = `${m.finding.line}-${endOf(m.finding)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = `${lead.finding.line}-${endOf(lead.finding)}`;
  for (const [key, n] of counts) if (n > (counts.get(best) ?? 0)) best = key;
  const [line, endLine] = best.split('-').map(Number) as [number, number];
  return { line, endLine };
}

/**
 * Groups findings in one pass: each finding joins the group holding its most similar match (same file, ranges at
 * most `nearLines` apart, wording similar enough), or starts a group of its own.
 */
export function groupFindings(all: AgentFinding[], options: GroupingOptions = DEFAULT_GROUPING): FindingGroup[] {
  const clusters: AgentFinding[][] = [];
  const ordered = [...all].sort(
    (a, b) => a.finding.path.localeCompare(b.finding.path) || a.finding.line - b.finding.line,
  );
  for (const item of ordered) {
    let best: { cluster: AgentFinding[]; score: number } | undefined;
    for (const cluster of clusters) {
      for (const member of cluster) {
        const score = matches(item.finding, member.finding, options);
        if (score !== undefined && (!best || score > best.score)) best = { cluster, score };
      }
    }
    if (best) best.cluster.push(item);
    else clusters.push([item]);
  }
  const agentOrder = [...new Set(all.map((a) => a.agent))];
  const groups = clusters.map((members) => {
    const lead = [...members].sort(byStrength)[0]!;
    const agents = agentOrder.filter((agent) => members.some((m) => m.agent === agent));
    return {
      id: '',
      path: lead.finding.path,
      ...consensusRange(members, lead),
      severity: lead.finding.severity,
      agents,
      members,
      lead,
    };
  });
  groups.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.agents.length - a.agents.length ||
      a.path.localeCompare(b.path) ||
      a.line - b.line,
  );
  groups.forEach((g, i) => (g.id = `G${i + 1}`));
  return groups;
}
