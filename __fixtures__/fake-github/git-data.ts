// The fake GitHub's repository contents: the Git Data API (refs, trees, commits, blobs) and the Contents API
// (read a file or folder, create or update a file) over an in-memory store of flat path → text snapshots.
// Only erasable TypeScript syntax, like server.ts.
import { createHash } from 'node:crypto';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (params: string[], ctx: { query: Record<string, string>; body: unknown }) => Reply;

export interface GitDataDeps {
  /** Registers a handler for a method and a path template (`:name` one segment, `*name` the rest): its parameters in order. */
  add(method: string, template: string, handler: Handler): void;
  /** Throws the fake's 404 when the repository is unknown; returns its canonical owner/name. */
  repo(owner: string, repo: string): { owner: string; repo: string; default_branch: string };
  /** Throws a GitHub-shaped error reply. */
  fail(status: number, message: string, docs?: string): never;
  baseUrl(): string;
  now(): string;
  /** GET contents at a ref no branch of this store has (a pull request's commit): the pull-request side answers. */
  otherContents?: Handler;
}

export interface GitDataStore {
  /** The files of a branch (path → text), or undefined when the branch does not exist. */
  branchFiles(branch: string, owner?: string, repo?: string): Map<string, string> | undefined;
}

const DOCS = 'https://docs.github.com/rest';
/** The Contents API leaves the content of bigger files out (the blob API serves them). */
const CONTENTS_MAX_BYTES = 1024 * 1024;

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  date: string;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const blobSha = (content: Buffer): string =>
  createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
// GitHub wraps base64 content at 60 characters.
const wrapped = (b64: string): string => (b64.match(/.{1,60}/g) ?? ['']).join('\n') + '\n';

export function addGitDataRoutes(deps: GitDataDeps): GitDataStore {
  const blobs = new Map<string, Buffer>();
  /** Tree sha → path → blob sha (flat: folders are implied by paths). */
  const trees = new Map<string, Map<string, string>>();
  const commits = new Map<string, Commit>();
  /** `owner/repo` → ref name (refs/heads/x) → commit sha. */
  const refs = new Map<string, Map<string, string>>();

  const key = (r: { owner: string; repo: string }): string => `${r.owner}/${r.repo}`.toLowerCase();
  const refsOf = (r: { owner: string; repo: string }): Map<string, string> => {
    let m = refs.get(key(r));
    if (!m) refs.set(key(r), (m = new Map()));
    return m;
  };
  const putTree = (files: Map<string, string>): string => {
    const sha = sha1(
      `tree ${[...files]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([p, s]) => `${p}:${s}`)
        .join('\n')}`,
    );
    trees.set(sha, files);
    return sha;
  };
  const putCommit = (tree: string, parents: string[], message: string): Commit => {
    const date = deps.now();
    const commit: Commit = {
      sha: sha1(`commit ${tree} ${parents.join(',')} ${message} ${date} ${commits.size}`),
      tree,
      parents,
      message,
      date,
    };
    commits.set(commit.sha, commit);
    return commit;
  };
  const objectBody = (body: unknown): Record<string, unknown> => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) deps.fail(400, 'Problems parsing JSON');
    return body as Record<string, unknown>;
  };
  const apiRepo = (r: { owner: string; repo: string }): string => `${deps.baseUrl()}/repos/${r.owner}/${r.repo}`;
  const commitJson = (r: { owner: string; repo: string }, c: Commit): Record<string, unknown> => {
    const who = {
      name: 'github-actions[bot]',
      email: '41898282+github-actions[bot]@users.noreply.github.com',
      date: c.date,
    };
    return {
      sha: c.sha,
      node_id: `C_kwDO${Buffer.from(c.sha).toString('base64').slice(0, 20)}`,
      url: `${apiRepo(r)}/git/commits/${c.sha}`,
      html_url: `https://github.com/${r.owner}/${r.repo}/commit/${c.sha}`,
      author: who,
      committer: who,
      message: c.message,
      tree: { sha: c.tree, url: `${apiRepo(r)}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${apiRepo(r)}/git/commits/${p}`,
        html_url: `https://github.com/${r.owner}/${r.repo}/commit/${p}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  };
  const refJson = (r: { owner: string; repo: string }, ref: string, sha: string): Record<string, unknown> => ({
    ref,
    node_id: `REF_kwDO${Buffer.from(ref).toString('base64').slice(0, 20)}`,
    url: `${apiRepo(r)}/git/${ref}`,
    object: { sha, type: 'commit', url: `${apiRepo(r)}/git/commits/${sha}` },
  });
  const filesAt = (r: { owner: string; repo: string }, branch: string): Map<string, string> | undefined => {
    const head = refsOf(r).get(`refs/heads/${branch}`);
    return head ? trees.get(commits.get(head)!.tree) : undefined;
  };
  const contentItem = (
    r: { owner: string; repo: string },
    branch: string,
    path: string,
    sha: string,
    type: 'file' | 'dir',
  ): Record<string, unknown> => {
    const size = type === 'file' ? blobs.get(sha)!.length : 0;
    const self = `${apiRepo(r)}/contents/${path}?ref=${encodeURIComponent(branch)}`;
    const html = `https://github.com/${r.owner}/${r.repo}/${type === 'file' ? 'blob' : 'tree'}/${branch}/${path}`;
    const git = `${apiRepo(r)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    return {
      type,
      size,
      name: path.split('/').pop(),
      path,
      sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: type === 'file' ? `https://raw.githubusercontent.com/${r.owner}/${r.repo}/${branch}/${path}` : null,
      _links: { self, git, html },
    };
  };

  const ROOT = '/repos/:owner/:repo';
  deps.add('GET', `${ROOT}/git/ref/*ref`, ([o, rp, ref]) => {
    const r = deps.repo(o!, rp!);
    const sha = refsOf(r).get(`refs/${ref}`);
    if (!sha) deps.fail(404, 'Not Found', `${DOCS}/git/refs#get-a-reference`);
    return { status: 200, body: refJson(r, `refs/${ref}`, sha!) };
  });

  deps.add('POST', `${ROOT}/git/refs`, ([o, rp], { body }) => {
    const r = deps.repo(o!, rp!);
    const b = objectBody(body);
    const docs = `${DOCS}/git/refs#create-a-reference`;
    if (typeof b.ref !== 'string' || !/^refs\/[^/]+\/.+/.test(b.ref))
      deps.fail(422, "Reference name must start with 'refs/' and have at least two slashes.", docs);
    if (typeof b.sha !== 'string' || !commits.has(b.sha)) deps.fail(422, 'Object does not exist', docs);
    if (refsOf(r).has(b.ref as string)) deps.fail(422, 'Reference already exists', docs);
    refsOf(r).set(b.ref as string, b.sha as string);
    return {
      status: 201,
      body: refJson(r, b.ref as string, b.sha as string),
      headers: { location: `${apiRepo(r)}/git/${b.ref as string}` },
    };
  });

  deps.add('POST', `${ROOT}/git/trees`, ([o, rp], { body }) => {
    const r = deps.repo(o!, rp!);
    const b = objectBody(body);
    const docs = `${DOCS}/git/trees#create-a-tree`;
    if (!Array.isArray(b.tree)) deps.fail(422, 'Invalid request.\n\n"tree" wasn\'t supplied.', docs);
    const files = new Map(
      typeof b.base_tree === 'string'
        ? (trees.get(b.base_tree) ?? deps.fail(422, 'base_tree is not a valid tree oid', docs))
        : [],
    );
    for (const entry of b.tree as Record<string, unknown>[]) {
      if (typeof entry.path !== 'string' || entry.type !== 'blob')
        deps.fail(422, 'Only blob entries are supported by the fake', docs);
      if (typeof entry.content === 'string') {
        const content = Buffer.from(entry.content, 'utf8');
        const sha = blobSha(content);
        blobs.set(sha, content);
        files.set(entry.path as string, sha);
      } else if (typeof entry.sha === 'string' && blobs.has(entry.sha)) files.set(entry.path as string, entry.sha);
      else deps.fail(422, 'Must supply either tree.sha or tree.content', docs);
    }
    const sha = putTree(files);
    const tree = [...files].map(([path, s]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: s,
      size: blobs.get(s)!.length,
      url: `${apiRepo(r)}/git/blobs/${s}`,
    }));
    return { status: 201, body: { sha, url: `${apiRepo(r)}/git/trees/${sha}`, tree, truncated: false } };
  });

  deps.add('POST', `${ROOT}/git/commits`, ([o, rp], { body }) => {
    const r = deps.repo(o!, rp!);
    const b = objectBody(body);
    const docs = `${DOCS}/git/commits#create-a-commit`;
    if (typeof b.message !== 'string') deps.fail(422, 'Invalid request.\n\n"message" wasn\'t supplied.', docs);
    if (typeof b.tree !== 'string' || !trees.has(b.tree)) deps.fail(422, 'Tree SHA does not exist', docs);
    const parents = Array.isArray(b.parents) ? (b.parents as string[]) : [];
    if (parents.some((p) => !commits.has(p)))
      deps.fail(422, 'Parent SHA does not exist or is not a commit object', docs);
    const commit = putCommit(b.tree as string, parents, b.message as string);
    return { status: 201, body: commitJson(r, commit) };
  });

  deps.add('GET', `${ROOT}/git/blobs/:file_sha`, ([o, rp, sha]) => {
    const r = deps.repo(o!, rp!);
    const content = blobs.get(sha!) ?? deps.fail(404, 'Not Found', `${DOCS}/git/blobs#get-a-blob`);
    return {
      status: 200,
      body: {
        sha,
        node_id: `B_kwDO${sha!.slice(0, 20)}`,
        size: content.length,
        url: `${apiRepo(r)}/git/blobs/${sha}`,
        content: wrapped(content.toString('base64')),
        encoding: 'base64',
      },
    };
  });

  // The path may come with its slashes as they are or percent-encoded (octokit encodes them).
  const CONTENTS = `${ROOT}/contents/*path`;
  deps.add('GET', CONTENTS, ([o, rp, rawPath], { query }) => {
    const r = deps.repo(o!, rp!);
    const path = decodeURIComponent(rawPath!);
    const branch = query.ref ?? r.default_branch;
    const docs = `${DOCS}/repos/contents#get-repository-content`;
    const known = filesAt(r, branch);
    if (!known && deps.otherContents) return deps.otherContents([o!, rp!, rawPath!], { query, body: undefined });
    const files = known ?? deps.fail(404, `No commit found for the ref ${branch}`, docs);
    const sha = files.get(path);
    if (sha) {
      const content = blobs.get(sha)!;
      const big = content.length > CONTENTS_MAX_BYTES;
      return {
        status: 200,
        body: {
          ...contentItem(r, branch, path, sha, 'file'),
          content: big ? '' : wrapped(content.toString('base64')),
          encoding: big ? 'none' : 'base64',
        },
      };
    }
    const prefix = `${path}/`;
    const children = new Map<string, Record<string, unknown>>();
    for (const [p, s] of files) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const name = rest.split('/')[0]!;
      const isDir = rest.includes('/');
      if (!children.has(name))
        children.set(
          name,
          contentItem(r, branch, `${prefix}${name}`, isDir ? sha1(`dir ${prefix}${name}`) : s, isDir ? 'dir' : 'file'),
        );
    }
    if (children.size === 0) deps.fail(404, 'Not Found', docs);
    return { status: 200, body: [...children.values()].sort((a, b) => String(a.name).localeCompare(String(b.name))) };
  });

  deps.add('PUT', CONTENTS, ([o, rp, rawPath], { body }) => {
    const r = deps.repo(o!, rp!);
    const path = decodeURIComponent(rawPath!);
    const b = objectBody(body);
    const docs = `${DOCS}/repos/contents#create-or-update-file-contents`;
    if (typeof b.message !== 'string') deps.fail(422, 'Invalid request.\n\n"message" wasn\'t supplied.', docs);
    if (typeof b.content !== 'string') deps.fail(422, 'Invalid request.\n\n"content" wasn\'t supplied.', docs);
    const branch = typeof b.branch === 'string' ? b.branch : r.default_branch;
    const refName = `refs/heads/${branch}`;
    const head = refsOf(r).get(refName) ?? deps.fail(404, `Branch ${branch} not found`, docs);
    const files = new Map(trees.get(commits.get(head)!.tree)!);
    const existing = files.get(path);
    if (existing && b.sha === undefined) deps.fail(422, 'Invalid request.\n\n"sha" wasn\'t supplied.', docs);
    if (existing && b.sha !== existing) deps.fail(409, `${path} does not match ${String(b.sha)}`, docs);
    if (!existing && b.sha !== undefined) deps.fail(409, `${path} does not match ${String(b.sha)}`, docs);
    const content = Buffer.from(b.content as string, 'base64');
    const sha = blobSha(content);
    blobs.set(sha, content);
    files.set(path, sha);
    const commit = putCommit(putTree(files), [head], b.message as string);
    refsOf(r).set(refName, commit.sha);
    return {
      status: existing ? 200 : 201,
      body: { content: contentItem(r, branch, path, sha, 'file'), commit: commitJson(r, commit) },
    };
  });

  return {
    branchFiles(branch, owner = 'acme', repo = 'widgets') {
      const files = filesAt({ owner, repo }, branch);
      return files && new Map([...files].map(([p, s]) => [p, blobs.get(s)!.toString('utf8')]));
    },
  };
}
