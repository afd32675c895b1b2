// The diff budget per agent: every agent sees the whole diff when it fits, else the files are split across agents.

export interface BudgetedFile {
  path: string;
  /** Absent when GitHub gives no textual diff (binary files, very large diffs). */
  patch?: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Shares<F extends BudgetedFile> {
  /** The files each agent reviews, in the order given. */
  byAgent: Map<string, F[]>;
  /** Files no agent reviews, and why. */
  skipped: SkippedFile[];
  /** Whether the agents review different files (the diff was over the budget). */
  split: boolean;
}

export const patchBytes = (file: BudgetedFile): number => Buffer.byteLength(file.patch ?? '', 'utf8');

/**
 * Plans who reviews what under `maxBytes` of diff per agent. A file with no diff, or a diff over the budget on its
 * own, is skipped. When the rest fits, every agent gets all of it (agreement needs the same diff); when it does not,
 * the files are packed into parts of at most `maxBytes` (first fit, in order) and the agents are dealt round the
 * parts, so that a part gets several agents when there are more agents than parts. Parts beyond the number of
 * agents are skipped.
 */
export function planShares<F extends BudgetedFile>(files: F[], agents: string[], maxBytes: number): Shares<F> {
  const skipped: SkippedFile[] = [];
  const reviewable: F[] = [];
  for (const file of files) {
    if (file.patch === undefined || file.patch === '')
      skipped.push({ path: file.path, reason: 'GitHub gives no textual diff (binary, or too large)' });
    else if (patchBytes(file) > maxBytes)
      skipped.push({
        path: file.path,
        reason: `its diff is ${patchBytes(file)} bytes, over max-diff-bytes (${maxBytes})`,
      });
    else reviewable.push(file);
  }
  const total = reviewable.reduce((sum, f) => sum + patchBytes(f), 0);
  if (total <= maxBytes || agents.length === 0) {
    return { byAgent: new Map(agents.map((a) => [a, [...reviewable]])), skipped, split: false };
  }
  const parts: { files: F[]; bytes: number }[] = [];
  for (const file of reviewable) {
    const bytes = patchBytes(file);
    const part = parts.find((p) => p.bytes + bytes <= maxBytes);
    if (part) {
      part.files.push(file);
      part.bytes += bytes;
    } else parts.push({ files: [file], bytes });
  }
  const covered = parts.slice(0, agents.length);
  for (const part of parts.slice(agents.length)) {
    for (const file of part.files)
      skipped.push({
        path: file.path,
        reason: `over the diff budget of ${agents.length} agent(s) × max-diff-bytes (${maxBytes})`,
      });
  }
  const byAgent = new Map<string, F[]>();
  agents.forEach((agent, i) => {
    const part = covered[i % covered.length]!;
    // Keep the PR's file order inside a part.
    byAgent.set(
      agent,
      reviewable.filter((f) => part.files.includes(f)),
    );
  });
  return { byAgent, skipped, split: true };
}

/** How many of the agents that answered reviewed `path` (agreement cannot ask for more). */
export function reviewersOf<F extends BudgetedFile>(
  shares: Shares<F>,
  path: string,
  answered: ReadonlySet<string>,
): number {
  let count = 0;
  for (const [agent, files] of shares.byAgent) if (answered.has(agent) && files.some((f) => f.path === path)) count++;
  return count;
}
