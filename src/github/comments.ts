// Marked issue comments that are created once and then updated, surviving re-runs and ambiguous failures.
import { parseMarker } from '../report/comment-body.js';
import { type Octokit, statusOf, transportFailure } from './client.js';
import { identityOf, type OwnIdentity } from './identity.js';
import { type GitHubLog, workflowLog } from './log.js';

export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

interface StoredComment {
  id: number;
  url: string;
  body: string;
}

/** An issue comment as the REST API lists it (the fields we read). */
export interface ApiComment {
  id: number;
  html_url: string;
  body?: string | null;
  updated_at?: string;
  user?: { login?: string; type?: string } | null;
  author_association?: string;
}

/** A marked comment of any AI Orchestra run on the issue. */
export interface MarkedComment {
  id: number;
  url: string;
  body: string;
  updatedAt?: string;
  runId: string;
  pipeline: string;
  key: string;
}

const CREATE_ATTEMPTS = 4;

export { INSTALLATION_TOKEN_LOGIN } from './identity.js';

export class CommentStore {
  private byKey?: Map<string, StoredComment>;
  /** When each key was last written (epoch ms), for pacing a live comment's next write. */
  private readonly writes = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ownLogin?: string;

  constructor(
    /** The client for each request: a reporter may switch to an unthrottled one once the run is cancelled. */
    private readonly client: Octokit | (() => Octokit),
    private readonly issue: IssueRef,
    private readonly run: { runId: string; pipeline: string },
    private readonly retryDelayMs = 1_000,
    /** A listing already under way (started while the trigger's permission was checked); serves the first read. */
    private firstListing?: Promise<ApiComment[]>,
    private readonly log: GitHubLog = workflowLog,
  ) {}

  /**
   * Who the token posts as (github/identity.ts), shared with the pipelines' GitHub access of the same client; asked
   * only when a listing shows marked comments (otherwise our first comment's author tells it).
   * Only that one login is trusted: any other account, bots included, may copy our markers into its comments.
   */
  private knownIdentity?: OwnIdentity;

  private get identity(): OwnIdentity {
    return (this.knownIdentity ??= identityOf(this.octokit));
  }

  private get octokit(): Octokit {
    return typeof this.client === 'function' ? this.client() : this.client;
  }

  /**
   * Updates the existing comment for `key` at once, past any write of that key still waiting its turn (the final
   * status of a cancelled run must not queue behind writes GitHub's spacing holds back). False when there is no
   * such comment yet: then only the ordinary `upsert` may create it.
   */
  async overwriteNow(key: string, body: string): Promise<boolean> {
    const known = this.byKey?.get(key);
    if (!known) return false;
    this.remember(key, await this.update(known.id, body));
    return true;
  }

  /** Creates or updates the comment for `key`; calls for one key run one after another. */
  upsert(key: string, body: string): Promise<StoredComment> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.upsertNow(key, body));
    this.queues.set(key, next);
    return next;
  }

  private async upsertNow(key: string, body: string): Promise<StoredComment> {
    const known = (await this.existing()).get(key);
    if (known) {
      if (known.body === body) return known;
      try {
        return this.remember(key, await this.update(known.id, body));
      } catch (error) {
        // Deleted (404), or not ours after all (403: another bot's comment carrying our marker): post our own.
        if (!postAnew(error)) throw error;
      }
    }
    return this.remember(key, await this.createOnce(key, body));
  }

  private async update(id: number, body: string): Promise<ApiComment> {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repo(), comment_id: id, body });
    return data;
  }

  /**
   * POST is not idempotent: after a 5xx or a timeout GitHub may still have created the comment,
   * so look for our marker before trying again.
   */
  private async createOnce(key: string, body: string): Promise<ApiComment> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        const { data } = await this.octokit.rest.issues.createComment({
          ...this.repo(),
          issue_number: this.issue.number,
          body,
          request: { retries: 0 },
        });
        return data;
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined && status < 500) throw error;
        lastError = error;
        this.log.warning(`Posting comment ${key} failed (${describe(error)}); checking whether it was created anyway.`);
        const found = (await this.list().catch(() => new Map<string, ApiComment>())).get(key);
        if (found) return found.body === body ? found : this.update(found.id, body);
        if (attempt < CREATE_ATTEMPTS) await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
      }
    }
    throw lastError;
  }

  /** The current body of this run's comment for `key`, listed afresh (other jobs of the run may have changed it). */
  async read(key: string): Promise<string | undefined> {
    const fresh = toStored(await this.list());
    this.byKey = fresh;
    return fresh.get(key)?.body;
  }

  /** Deletes the comment for `key`, if this run has one. */
  async remove(key: string): Promise<void> {
    const known = (await this.existing()).get(key);
    if (!known) return;
    try {
      await this.octokit.rest.issues.deleteComment({ ...this.repo(), comment_id: known.id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    this.byKey?.delete(key);
  }

  /** Every trusted marked comment on the issue, of any run, oldest first. */
  async listMarked(): Promise<MarkedComment[]> {
    const all = await this.fetchAll();
    // The same listing tells which comments are this run's: the claim's upsert then needs no listing of its own.
    if (!this.byKey) this.byKey = toStored(this.ours(all));
    const out: MarkedComment[] = [];
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker) out.push({ id: c.id, url: c.html_url, body: c.body ?? '', updatedAt: c.updated_at, ...marker });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** When this store last created or updated the comment for `key` (epoch ms), if it has. */
  writtenAt(key: string): number | undefined {
    return this.writes.get(key);
  }

  private remember(key: string, c: ApiComment): StoredComment {
    const stored = { id: c.id, url: c.html_url, body: c.body ?? '' };
    this.writes.set(key, Date.now());
    if (c.user?.login) {
      this.identity.observe(c.user.login);
      this.ownLogin = c.user.login;
    }
    this.byKey?.set(key, stored);
    return stored;
  }

  private async existing(): Promise<Map<string, StoredComment>> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const [key, stored] of toStored(await this.list())) this.byKey.set(key, stored);
    }
    return this.byKey;
  }

  /** Our marked comments of this run, by key. */
  private async list(): Promise<Map<string, ApiComment>> {
    return this.ours(await this.fetchAll());
  }

  private ours(all: ApiComment[]): Map<string, ApiComment> {
    const found = new Map<string, ApiComment>();
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker && marker.runId === this.run.runId && marker.pipeline === this.run.pipeline) found.set(marker.key, c);
    }
    return found;
  }

  private async fetchAll(): Promise<ApiComment[]> {
    const early = this.firstListing;
    this.firstListing = undefined;
    const listed = (await early?.catch(() => undefined)) ?? (await listIssueComments(this.octokit, this.issue));
    // Who we post as matters only for comments that carry a marker; on an issue without any, our first comment's
    // author tells it (remember) and GET /user is never asked.
    if (this.ownLogin === undefined && listed.some((c) => parseMarker(c.body) !== undefined))
      this.ownLogin = await this.identity.login();
    return listed;
  }

  /** The marker of a comment written by the login we post as: anyone else can copy a marker into a comment. */
  private trustedMarker(c: ApiComment): ReturnType<typeof parseMarker> {
    const trusted = this.ownLogin !== undefined && c.user?.login === this.ownLogin;
    return trusted ? parseMarker(c.body) : undefined;
  }

  private repo(): { owner: string; repo: string } {
    return { owner: this.issue.owner, repo: this.issue.repo };
  }
}

/** Every comment of the issue, oldest first. */
export async function listIssueComments(octokit: Octokit, issue: IssueRef): Promise<ApiComment[]> {
  return (await octokit.paginate(octokit.rest.issues.listComments, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    per_page: 100,
  })) as ApiComment[];
}

function toStored(comments: Map<string, ApiComment>): Map<string, StoredComment> {
  return new Map([...comments].map(([key, c]) => [key, { id: c.id, url: c.html_url, body: c.body ?? '' }]));
}

function postAnew(error: unknown): boolean {
  const status = statusOf(error);
  // A 403 that is a rate limit the throttling plugin gave up on must not turn into a second comment.
  return (
    status === 404 || (status === 403 && !/rate limit/i.test(error instanceof Error ? error.message : String(error)))
  );
}

export function describe(error: unknown): string {
  const transport = transportFailure(error);
  if (transport) return `GitHub could not be reached (${transport})`;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}
