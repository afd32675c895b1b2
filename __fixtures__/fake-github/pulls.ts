// The fake GitHub's pull-request side: pulls, their files, compare, contents at a ref, reviews and review comments,
// shaped as GitHub's REST API answers them, with GitHub's refusal of a review comment on a line outside the diff.
// Only erasable TypeScript syntax, as in server.ts.
import { createHash } from 'node:crypto';

export type PullFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FakePullFile {
  filename: string;
  status: PullFileStatus;
  /** Absent for binary files and diffs GitHub finds too large. */
  patch?: string;
  previous_filename?: string;
}

export interface FakeReview {
  owner: string;
  repo: string;
  pull_number: number;
  id: number;
  node_id: string;
  user: { login: string; type: 'User' | 'Bot' };
  body: string;
  state: 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PENDING';
  commit_id: string;
  submitted_at: string;
}

export interface FakeReviewComment {
  owner: string;
  repo: string;
  pull_number: number;
  review_id: number;
  id: number;
  node_id: string;
  user: { login: string; type: 'User' | 'Bot' };
  body: string;
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  start_line: number | null;
  start_side: 'LEFT' | 'RIGHT' | null;
  commit_id: string;
  diff_hunk: string;
  created_at: string;
  /** The thread's first comment, for a reply. */
  in_reply_to_id?: number;
}

export interface PullSeed {
  owner?: string;
  repo?: string;
  number: number;
  title?: string;
  body?: string | null;
  /** Author login (type User), or a full user (e.g. github-actions[bot], type Bot). */
  user?: string | { login: string; type: 'User' | 'Bot' };
  labels?: string[];
  head: { ref: string; sha: string /** owner/name of a fork the head lives in. */; repo?: string };
  base: { ref: string; sha: string };
  files: FakePullFile[];
  draft?: boolean;
}

export interface PullSide {
  /** Commits and files between two commits, for GET compare/{base}...{head}. */
  compares: Record<string, { status: 'ahead' | 'diverged' | 'identical' | 'behind'; files: FakePullFile[] }>;
  /** File texts by commit sha, then path. */
  contents: Record<string, Record<string, string>>;
  reviews: FakeReview[];
  reviewComments: FakeReviewComment[];
}

// ------------------------------------------------------------------ diff lines GitHub lets a comment sit on

interface HunkLines {
  /** Line number → hunk index, per side. */
  left: Map<number, number>;
  right: Map<number, number>;
  /** The hunks' text, for diff_hunk. */
  hunks: string[][];
}

/** Reads a patch the way GitHub resolves review-comment lines: each side's numbers inside each hunk. */
export function diffLines(patch: string | undefined): HunkLines {
  const result: HunkLines = { left: new Map(), right: new Map(), hunks: [] };
  let oldLine = 0;
  let newLine = 0;
  for (const raw of (patch ?? '').split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      result.hunks.push([raw]);
      continue;
    }
    const hunk = result.hunks.length - 1;
    if (hunk < 0 || raw.startsWith('\\')) continue;
    result.hunks[hunk]!.push(raw);
    if (raw.startsWith('+')) result.right.set(newLine++, hunk);
    else if (raw.startsWith('-')) result.left.set(oldLine++, hunk);
    else {
      result.left.set(oldLine++, hunk);
      result.right.set(newLine++, hunk);
    }
  }
  return result;
}

/** The diff_hunk GitHub stores with a comment: the hunk from its header down to the commented line. */
function diffHunkFor(lines: HunkLines, side: 'LEFT' | 'RIGHT', line: number): string {
  const hunk = lines.hunks[(side === 'LEFT' ? lines.left : lines.right).get(line)!]!;
  const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(hunk[0]!)!;
  let oldLine = Number(header[1]);
  let newLine = Number(header[2]);
  for (let i = 1; i < hunk.length; i++) {
    const added = hunk[i]!.startsWith('+');
    const removed = hunk[i]!.startsWith('-');
    const here = side === 'RIGHT' ? (removed ? undefined : newLine) : added ? undefined : oldLine;
    if (!removed) newLine++;
    if (!added) oldLine++;
    if (here === line) return hunk.slice(0, i + 1).join('\n');
  }
  return hunk.join('\n');
}

export interface DraftComment {
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  start_line: number | null;
  start_side: 'LEFT' | 'RIGHT' | null;
  body: string;
  diff_hunk: string;
}

/**
 * Checks one `comments` entry of a review as GitHub does, and returns what it would store; a string is GitHub's
 * error text ("Line could not be resolved" is what it says for a line outside the diff).
 */
export function resolveDraftComment(raw: unknown, files: FakePullFile[]): DraftComment | string {
  const c = (raw ?? {}) as Record<string, unknown>;
  if (typeof c.path !== 'string' || typeof c.body !== 'string')
    return 'Invalid request.\n\nNo subschema in "anyOf" matched.';
  const file = files.find((f) => f.filename === c.path);
  if (!file) return 'Path could not be resolved';
  const side = c.side === 'LEFT' ? 'LEFT' : 'RIGHT';
  const lines = diffLines(file.patch);
  const onSide = side === 'LEFT' ? lines.left : lines.right;
  const line = typeof c.line === 'number' ? c.line : undefined;
  if (line === undefined || !onSide.has(line)) return 'Line could not be resolved';
  let start: number | null = null;
  if (c.start_line !== undefined && c.start_line !== null) {
    const startSide = c.start_side === 'LEFT' ? 'LEFT' : side;
    const startLines = startSide === 'LEFT' ? lines.left : lines.right;
    if (typeof c.start_line !== 'number' || !startLines.has(c.start_line)) return 'Start line could not be resolved';
    if (c.start_line >= line || startLines.get(c.start_line) !== onSide.get(line))
      return 'Pull request review thread start line must be part of the same hunk as the line.';
    start = c.start_line;
  }
  return {
    path: c.path,
    line,
    side,
    start_line: start,
    start_side: start === null ? null : c.start_side === 'LEFT' ? 'LEFT' : side,
    body: c.body,
    diff_hunk: diffHunkFor(lines, side, line),
  };
}

/** A review someone submitted, for seeding: its line comments are placed (and refused) as GitHub places them. */
export interface ReviewSeed {
  user: string;
  state?: FakeReview['state'];
  body?: string;
  comments?: { path: string; line: number; body: string; start_line?: number; side?: 'LEFT' | 'RIGHT' }[];
}

/** Stores a submitted review and its comments on `pull`; throws GitHub's error for a comment it cannot place. */
export function seedReview(
  side: PullSide,
  pull: { owner: string; repo: string; number: number; head_sha?: string; files?: FakePullFile[] },
  seed: ReviewSeed,
  ids: { newId(): number; nodeId(prefix: string, id: number): string; now: string },
): { review: FakeReview; comments: FakeReviewComment[] } {
  const user = { login: seed.user, type: 'User' as const };
  const commit = pull.head_sha ?? '0'.repeat(40);
  const id = ids.newId();
  const review: FakeReview = {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    id,
    node_id: ids.nodeId('PRR', id),
    user,
    body: seed.body ?? '',
    state: seed.state ?? 'CHANGES_REQUESTED',
    commit_id: commit,
    submitted_at: ids.now,
  };
  const comments = (seed.comments ?? []).map((raw): FakeReviewComment => {
    const resolved = resolveDraftComment(raw, pull.files ?? []);
    if (typeof resolved === 'string') throw new Error(`review comment on ${raw.path}:${raw.line}: ${resolved}`);
    const cid = ids.newId();
    return {
      owner: pull.owner,
      repo: pull.repo,
      pull_number: pull.number,
      review_id: id,
      id: cid,
      node_id: ids.nodeId('PRRC', cid),
      user,
      commit_id: commit,
      created_at: ids.now,
      ...resolved,
    };
  });
  side.reviews.push(review);
  side.reviewComments.push(...comments);
  return { review, comments };
}

export function newPullSide(): PullSide {
  return { compares: {}, contents: {}, reviews: [], reviewComments: [] };
}

/** GitHub's contents API answer for a file: base64 in lines of 60 characters, as GitHub sends it. */
export function contentJson(
  base: string,
  owner: string,
  repo: string,
  path: string,
  ref: string,
  text: string,
): Record<string, unknown> {
  const bytes = Buffer.from(text, 'utf8');
  const sha = blobSha(bytes);
  const url = `${base}/repos/${owner}/${repo}/contents/${path}?ref=${ref}`;
  const git = `${base}/repos/${owner}/${repo}/git/blobs/${sha}`;
  const html = `https://github.com/${owner}/${repo}/blob/${ref}/${path}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: path.split('/').at(-1),
    path,
    content: (bytes.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n',
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path}`,
    _links: { self: url, git, html },
  };
}

/** A git blob id, so the same text always has the same sha. */
function blobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** One entry of pulls/{n}/files or of compare's files. */
export function fileJson(
  base: string,
  owner: string,
  repo: string,
  sha: string,
  f: FakePullFile,
): Record<string, unknown> {
  const counts = { additions: 0, deletions: 0 };
  for (const line of (f.patch ?? '').split('\n')) {
    if (line.startsWith('+')) counts.additions++;
    else if (line.startsWith('-')) counts.deletions++;
  }
  const encoded = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: blobSha(Buffer.from(`${sha}:${f.filename}`)),
    filename: f.filename,
    status: f.status,
    additions: counts.additions,
    deletions: counts.deletions,
    changes: counts.additions + counts.deletions,
    blob_url: `https://github.com/${owner}/${repo}/blob/${sha}/${encoded}`,
    raw_url: `https://github.com/${owner}/${repo}/raw/${sha}/${encoded}`,
    contents_url: `${base}/repos/${owner}/${repo}/contents/${encoded}?ref=${sha}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
  };
}

// ------------------------------------------------------------------ routes

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (p: string[], ctx: { query: Record<string, string>; body: unknown }) => Reply;

/** The one pull request a route is about, as server.ts keeps it. */
export interface RoutedPull {
  owner: string;
  repo: string;
  number: number;
  user: { login: string; type: 'User' | 'Bot' };
  head_sha?: string;
  files?: FakePullFile[];
}

export interface PullRouteContext {
  route(method: string, pattern: string, handler: Handler): void;
  base(): string;
  side: PullSide;
  /** The token's account: reviews are written as it. */
  actor: { login: string; type: 'User' | 'Bot' };
  pullOr404(owner: string, repo: string, n: string): RoutedPull;
  repoOr404(owner: string, repo: string): { owner: string; repo: string };
  userJson(user: { login: string; type: 'User' | 'Bot' }): Record<string, unknown>;
  /** author_association as GitHub gives it for the user (by the permission a test gave them). */
  associationOf(user: { login: string; type: 'User' | 'Bot' }): string;
  newId(): number;
  nodeId(prefix: string, id: number): string;
  isoNow(): string;
  error(status: number, message: string, extra?: Record<string, unknown>, docs?: string): Error;
  notFound(): Error;
  objectBody(body: unknown): Record<string, unknown>;
  /** One page of `items`, with GitHub's Link header (per_page at most 100, default 30). */
  page<T>(items: T[], query: Record<string, string>, url: string): { body: T[]; headers: Record<string, string> };
}

const DOCS = 'https://docs.github.com/rest';
const REVIEW_DOCS = `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`;
const EVENTS: Record<string, FakeReview['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};
const MAX_BODY = 65536;

export function registerPullRoutes(ctx: PullRouteContext): void {
  const { route, side } = ctx;
  const pullUrl = (p: RoutedPull): string => `${ctx.base()}/repos/${p.owner}/${p.repo}/pulls/${p.number}`;
  const htmlUrl = (p: RoutedPull): string => `https://github.com/${p.owner}/${p.repo}/pull/${p.number}`;

  const reviewJson = (r: FakeReview, p: RoutedPull): Record<string, unknown> => {
    const html = `${htmlUrl(p)}#pullrequestreview-${r.id}`;
    return {
      id: r.id,
      node_id: r.node_id,
      user: ctx.userJson(r.user),
      body: r.body,
      state: r.state,
      html_url: html,
      pull_request_url: pullUrl(p),
      author_association: ctx.associationOf(r.user),
      _links: { html: { href: html }, pull_request: { href: pullUrl(p) } },
      ...(r.state === 'PENDING' ? {} : { submitted_at: r.submitted_at }),
      commit_id: r.commit_id,
    };
  };

  const commentJson = (c: FakeReviewComment, p: RoutedPull): Record<string, unknown> => {
    const url = `${ctx.base()}/repos/${p.owner}/${p.repo}/pulls/comments/${c.id}`;
    const html = `${htmlUrl(p)}#discussion_r${c.id}`;
    return {
      url,
      pull_request_review_id: c.review_id,
      id: c.id,
      node_id: c.node_id,
      diff_hunk: c.diff_hunk,
      path: c.path,
      position: c.line,
      original_position: c.line,
      commit_id: c.commit_id,
      original_commit_id: c.commit_id,
      user: ctx.userJson(c.user),
      body: c.body,
      created_at: c.created_at,
      updated_at: c.created_at,
      html_url: html,
      pull_request_url: pullUrl(p),
      author_association: ctx.associationOf(c.user),
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl(p) } },
      reactions: {
        url: `${url}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      start_line: c.start_line,
      original_start_line: c.start_line,
      start_side: c.start_side,
      line: c.line,
      original_line: c.line,
      side: c.side,
      subject_type: 'line',
      ...(c.in_reply_to_id !== undefined ? { in_reply_to_id: c.in_reply_to_id } : {}),
    };
  };
  const commentsOf = (p: RoutedPull): FakeReviewComment[] =>
    side.reviewComments.filter((c) => c.owner === p.owner && c.repo === p.repo && c.pull_number === p.number);

  route('GET', '/repos/:o/:r/pulls/:n/files', ([o, r, n], { query }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    const files = (p.files ?? []).map((f) => fileJson(ctx.base(), p.owner, p.repo, p.head_sha ?? '0'.repeat(40), f));
    return { status: 200, ...ctx.page(files, query, `${pullUrl(p)}/files`) };
  });

  route('GET', '/repos/:o/:r/compare/:spec', ([o, r, spec]) => {
    const repo = ctx.repoOr404(o!, r!);
    const [baseSha, headSha] = spec!.split('...');
    const known = side.compares[spec!];
    if (!baseSha || !headSha || !known) throw ctx.notFound();
    const commit = (sha: string): Record<string, unknown> => commitJson(ctx.base(), repo.owner, repo.repo, sha);
    return {
      status: 200,
      body: {
        url: `${ctx.base()}/repos/${repo.owner}/${repo.repo}/compare/${spec}`,
        html_url: `https://github.com/${repo.owner}/${repo.repo}/compare/${spec}`,
        permalink_url: `https://github.com/${repo.owner}/${repo.repo}/compare/${repo.owner}:${baseSha.slice(0, 7)}...${repo.owner}:${headSha.slice(0, 7)}`,
        diff_url: `https://github.com/${repo.owner}/${repo.repo}/compare/${spec}.diff`,
        patch_url: `https://github.com/${repo.owner}/${repo.repo}/compare/${spec}.patch`,
        base_commit: commit(baseSha),
        merge_base_commit: commit(baseSha),
        status: known.status,
        ahead_by: known.status === 'identical' || known.status === 'behind' ? 0 : 1,
        behind_by: known.status === 'diverged' || known.status === 'behind' ? 1 : 0,
        total_commits: known.status === 'ahead' || known.status === 'diverged' ? 1 : 0,
        commits: known.status === 'ahead' || known.status === 'diverged' ? [commit(headSha)] : [],
        files: known.files.map((f) => fileJson(ctx.base(), repo.owner, repo.repo, headSha, f)),
      },
    };
  });

  route('GET', '/repos/:o/:r/contents/*path', ([o, r, path], { query }) => {
    const repo = ctx.repoOr404(o!, r!);
    const ref = query.ref ?? '';
    const text = side.contents[ref]?.[path!];
    if (text === undefined) throw ctx.error(404, 'Not Found', {}, `${DOCS}/repos/contents#get-repository-content`);
    return { status: 200, body: contentJson(ctx.base(), repo.owner, repo.repo, path!, ref, text) };
  });

  route('GET', '/repos/:o/:r/pulls/:n/reviews', ([o, r, n], { query }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    const reviews = side.reviews
      .filter((x) => x.owner === p.owner && x.repo === p.repo && x.pull_number === p.number)
      .map((x) => reviewJson(x, p));
    return { status: 200, ...ctx.page(reviews, query, `${pullUrl(p)}/reviews`) };
  });

  route('GET', '/repos/:o/:r/pulls/:n/comments', ([o, r, n], { query }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    const comments = commentsOf(p).map((c) => commentJson(c, p));
    return { status: 200, ...ctx.page(comments, query, `${pullUrl(p)}/comments`) };
  });

  route('GET', '/repos/:o/:r/pulls/:n/reviews/:id/comments', ([o, r, n, id], { query }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    if (
      !side.reviews.some(
        (x) => x.owner === p.owner && x.repo === p.repo && x.pull_number === p.number && String(x.id) === id,
      )
    )
      throw ctx.notFound();
    const comments = commentsOf(p)
      .filter((c) => String(c.review_id) === id)
      .map((c) => commentJson(c, p));
    return { status: 200, ...ctx.page(comments, query, `${pullUrl(p)}/reviews/${id}/comments`) };
  });

  // A reply goes into the thread of the comment it answers (GitHub documents replies to the first comment only, and
  // no error for others: the fake puts one into the same thread).
  route('POST', '/repos/:o/:r/pulls/:n/comments/:id/replies', ([o, r, n, id], { body }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    const parent = commentsOf(p).find((c) => String(c.id) === id);
    if (!parent) throw ctx.notFound();
    const b = ctx.objectBody(body);
    const docs = `${DOCS}/pulls/comments#create-a-reply-for-a-review-comment`;
    if (typeof b.body !== 'string') throw ctx.error(422, 'Invalid request.\n\n"body" wasn\'t supplied.', {}, docs);
    if ([...b.body].length > MAX_BODY)
      throw ctx.error(
        422,
        'Unprocessable Entity',
        { errors: [`Body is too long (maximum is ${MAX_BODY} characters)`] },
        docs,
      );
    const cid = ctx.newId();
    const reply: FakeReviewComment = {
      ...parent,
      review_id: ctx.newId(),
      id: cid,
      node_id: ctx.nodeId('PRRC', cid),
      user: { ...ctx.actor },
      body: b.body,
      created_at: ctx.isoNow(),
      in_reply_to_id: parent.in_reply_to_id ?? parent.id,
    };
    side.reviewComments.push(reply);
    return {
      status: 201,
      body: commentJson(reply, p),
      headers: { location: `${ctx.base()}/repos/${p.owner}/${p.repo}/pulls/comments/${cid}` },
    };
  });

  route('POST', '/repos/:o/:r/pulls/:n/reviews', ([o, r, n], { body }) => {
    const p = ctx.pullOr404(o!, r!, n!);
    const b = ctx.objectBody(body);
    const event = b.event === undefined ? undefined : String(b.event);
    if (event !== undefined && !EVENTS[event])
      throw ctx.error(422, `Invalid request.\n\n"${event}" is not a member of enum.`, {}, REVIEW_DOCS);
    if (b.body !== undefined && typeof b.body !== 'string')
      throw ctx.error(422, "Invalid request.\n\nFor 'properties/body', {} is not a string.", {}, REVIEW_DOCS);
    const text = typeof b.body === 'string' ? b.body : '';
    if ([...text].length > MAX_BODY)
      throw ctx.error(
        422,
        'Unprocessable Entity',
        { errors: [`Body is too long (maximum is ${MAX_BODY} characters)`] },
        REVIEW_DOCS,
      );
    if (event === 'APPROVE' && p.user.login === ctx.actor.login)
      throw ctx.error(422, 'Unprocessable Entity', { errors: ['Can not approve your own pull request'] }, REVIEW_DOCS);
    const raw = b.comments === undefined ? [] : b.comments;
    if (!Array.isArray(raw))
      throw ctx.error(422, "Invalid request.\n\nFor 'properties/comments', {} is not an array.", {}, REVIEW_DOCS);
    // All or nothing, as GitHub: one comment GitHub cannot place refuses the whole review.
    const drafts: DraftComment[] = [];
    for (const c of raw) {
      const resolved = resolveDraftComment(c, p.files ?? []);
      if (typeof resolved === 'string')
        throw ctx.error(
          422,
          resolved.startsWith('Invalid request') ? resolved : 'Unprocessable Entity',
          resolved.startsWith('Invalid request') ? {} : { errors: [resolved] },
          REVIEW_DOCS,
        );
      if ([...resolved.body].length > MAX_BODY)
        throw ctx.error(
          422,
          'Unprocessable Entity',
          { errors: [`Body is too long (maximum is ${MAX_BODY} characters)`] },
          REVIEW_DOCS,
        );
      drafts.push(resolved);
    }
    const id = ctx.newId();
    const now = ctx.isoNow();
    const commit = typeof b.commit_id === 'string' && b.commit_id ? b.commit_id : (p.head_sha ?? '0'.repeat(40));
    const review: FakeReview = {
      owner: p.owner,
      repo: p.repo,
      pull_number: p.number,
      id,
      node_id: ctx.nodeId('PRR', id),
      user: { ...ctx.actor },
      body: text,
      state: event ? EVENTS[event]! : 'PENDING',
      commit_id: commit,
      submitted_at: now,
    };
    side.reviews.push(review);
    for (const d of drafts) {
      const cid = ctx.newId();
      side.reviewComments.push({
        owner: p.owner,
        repo: p.repo,
        pull_number: p.number,
        review_id: id,
        id: cid,
        node_id: ctx.nodeId('PRRC', cid),
        user: { ...ctx.actor },
        commit_id: commit,
        created_at: now,
        ...d,
      });
    }
    return { status: 200, body: reviewJson(review, p) };
  });
}

/** A commit as compare lists it (the fields GitHub always sends). */
function commitJson(base: string, owner: string, repo: string, sha: string): Record<string, unknown> {
  const person = { name: 'Octo Cat', email: 'octocat@example.com', date: '2026-01-01T00:00:00Z' };
  return {
    sha,
    node_id: `C_${Buffer.from(sha).toString('base64').slice(0, 20)}`,
    commit: {
      author: person,
      committer: person,
      message: `Commit ${sha.slice(0, 7)}`,
      tree: {
        sha: createHash('sha1').update(`tree:${sha}`).digest('hex'),
        url: `${base}/repos/${owner}/${repo}/git/trees/${sha}`,
      },
      url: `${base}/repos/${owner}/${repo}/git/commits/${sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: `${base}/repos/${owner}/${repo}/commits/${sha}`,
    html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
    comments_url: `${base}/repos/${owner}/${repo}/commits/${sha}/comments`,
    author: null,
    committer: null,
    parents: [],
  };
}
