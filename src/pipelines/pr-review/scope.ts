// What a run looks at: the whole pull request or the commits since the last review, and the file texts it shows.
import type { Shares } from './budget.js';
import { type FollowedFindings, followPrior, type ReviewState } from './fingerprint.js';
import type { ChangedFile, PullRequestData, PullRequestSource } from './pull-request.js';

/** What this run looks at: the whole pull request, or the commits since the last review. */
export interface Scope {
  files: ChangedFile[];
  since?: string;
  followed: FollowedFindings;
  note?: string;
}

const MAX_CONTENT_FILES = 30;

export async function scopeOf(
  pull: PullRequestData,
  earlier: ReviewState | undefined,
  source: PullRequestSource,
): Promise<Scope> {
  const none: FollowedFindings = { touched: [], carried: earlier?.findings ?? [] };
  if (!earlier || earlier.head === pull.headSha) return { files: pull.files, followed: none };
  const changed = await source.compare(earlier.head, pull.headSha).catch(() => undefined);
  if (!changed)
    return {
      files: pull.files,
      followed: none,
      note: `the last reviewed head ${earlier.head.slice(0, 7)} is no ancestor of the new head (force push?): the whole pull request was reviewed`,
    };
  // A merge of the base branch brings its files into the compare: only the pull request's own files are reviewed.
  const own = new Set(pull.files.map((f) => f.path));
  return {
    files: changed.filter((f) => own.has(f.path)),
    since: earlier.head,
    followed: followPrior(earlier.findings, changed),
  };
}

/** Full texts at the head for each agent's files, within its budget. */
export async function contentsFor(
  shares: Shares<ChangedFile>,
  pull: PullRequestData,
  source: PullRequestSource,
  budget: number,
): Promise<Map<string, Map<string, string>>> {
  const wanted = [
    ...new Set(
      [...shares.byAgent.values()]
        .flat()
        .filter((f) => f.status !== 'removed')
        .map((f) => f.path),
    ),
  ].slice(0, MAX_CONTENT_FILES);
  const texts = new Map<string, string>();
  await Promise.all(
    wanted.map(async (path) => {
      const text = await source.contents(path, pull.headSha).catch(() => undefined);
      if (text !== undefined) texts.set(path, text);
    }),
  );
  const byAgent = new Map<string, Map<string, string>>();
  for (const [agent, files] of shares.byAgent) {
    const mine = new Map<string, string>();
    let used = 0;
    for (const f of files) {
      const text = texts.get(f.path);
      const bytes = text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
      if (text !== undefined && used + bytes <= budget) {
        mine.set(f.path, text);
        used += bytes;
      }
    }
    byAgent.set(agent, mine);
  }
  return byAgent;
}
