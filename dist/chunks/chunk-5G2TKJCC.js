import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  parseMarker
} from "./chunk-PODBMNDR.js";
import {
  statusOf,
  transportFailure,
  workflowLog
} from "./chunk-N5OYCJPH.js";

// src/github/identity.ts
var INSTALLATION_TOKEN_LOGIN = "github-actions[bot]";
var OwnIdentity = class {
  constructor(octokit) {
    this.octokit = octokit;
  }
  octokit;
  seen;
  asked;
  /**
   * `GET /user` answers for a personal access token. An installation token may not ask (403): then it is the
   * workflow's GITHUB_TOKEN, whose comments are github-actions[bot]'s, until something we posted shows the login
   * we really post as (another app's bot).
   */
  async login() {
    this.asked ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login || INSTALLATION_TOKEN_LOGIN,
      () => INSTALLATION_TOKEN_LOGIN
    );
    const asked = await this.asked;
    return this.seen ?? asked;
  }
  /** What we just posted was written by `login`: that is who we are. */
  observe(login) {
    if (login) this.seen = login;
  }
};
var identities = /* @__PURE__ */ new WeakMap();
function identityOf(octokit) {
  let identity = identities.get(octokit);
  if (!identity) identities.set(octokit, identity = new OwnIdentity(octokit));
  return identity;
}

// src/github/comments.ts
var CREATE_ATTEMPTS = 4;
var CommentStore = class {
  constructor(client, issue, run, retryDelayMs = 1e3, firstListing, log = workflowLog) {
    this.client = client;
    this.issue = issue;
    this.run = run;
    this.retryDelayMs = retryDelayMs;
    this.firstListing = firstListing;
    this.log = log;
  }
  client;
  issue;
  run;
  retryDelayMs;
  firstListing;
  log;
  byKey;
  /** When each key was last written (epoch ms), for pacing a live comment's next write. */
  writes = /* @__PURE__ */ new Map();
  queues = /* @__PURE__ */ new Map();
  ownLogin;
  /**
   * Who the token posts as (github/identity.ts), shared with the pipelines' GitHub access of the same client; asked
   * only when a listing shows marked comments (otherwise our first comment's author tells it).
   * Only that one login is trusted: any other account, bots included, may copy our markers into its comments.
   */
  knownIdentity;
  get identity() {
    return this.knownIdentity ??= identityOf(this.octokit);
  }
  get octokit() {
    return typeof this.client === "function" ? this.client() : this.client;
  }
  /**
   * Updates the existing comment for `key` at once, past any write of that key still waiting its turn (the final
   * status of a cancelled run must not queue behind writes GitHub's spacing holds back). False when there is no
   * such comment yet: then only the ordinary `upsert` may create it.
   */
  async overwriteNow(key, body) {
    const known = this.byKey?.get(key);
    if (!known) return false;
    this.remember(key, await this.update(known.id, body));
    return true;
  }
  /** Creates or updates the comment for `key`; calls for one key run one after another. */
  upsert(key, body) {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => void 0).then(() => this.upsertNow(key, body));
    this.queues.set(key, next);
    return next;
  }
  async upsertNow(key, body) {
    const known = (await this.existing()).get(key);
    if (known) {
      if (known.body === body) return known;
      try {
        return this.remember(key, await this.update(known.id, body));
      } catch (error) {
        if (!postAnew(error)) throw error;
      }
    }
    return this.remember(key, await this.createOnce(key, body));
  }
  async update(id, body) {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.repo(), comment_id: id, body });
    return data;
  }
  /**
   * POST is not idempotent: after a 5xx or a timeout GitHub may still have created the comment,
   * so look for our marker before trying again.
   */
  async createOnce(key, body) {
    let lastError;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        const { data } = await this.octokit.rest.issues.createComment({
          ...this.repo(),
          issue_number: this.issue.number,
          body,
          request: { retries: 0 }
        });
        return data;
      } catch (error) {
        const status = statusOf(error);
        if (status !== void 0 && status < 500) throw error;
        lastError = error;
        this.log.warning(`Posting comment ${key} failed (${describe(error)}); checking whether it was created anyway.`);
        const found = (await this.list().catch(() => /* @__PURE__ */ new Map())).get(key);
        if (found) return found.body === body ? found : this.update(found.id, body);
        if (attempt < CREATE_ATTEMPTS) await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
      }
    }
    throw lastError;
  }
  /** The current body of this run's comment for `key`, listed afresh (other jobs of the run may have changed it). */
  async read(key) {
    const fresh = toStored(await this.list());
    this.byKey = fresh;
    return fresh.get(key)?.body;
  }
  /** Deletes the comment for `key`, if this run has one. */
  async remove(key) {
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
  async listMarked() {
    const all = await this.fetchAll();
    if (!this.byKey) this.byKey = toStored(this.ours(all));
    const out = [];
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker) out.push({ id: c.id, url: c.html_url, body: c.body ?? "", updatedAt: c.updated_at, ...marker });
    }
    return out.sort((a, b) => a.id - b.id);
  }
  /** When this store last created or updated the comment for `key` (epoch ms), if it has. */
  writtenAt(key) {
    return this.writes.get(key);
  }
  remember(key, c) {
    const stored = { id: c.id, url: c.html_url, body: c.body ?? "" };
    this.writes.set(key, Date.now());
    if (c.user?.login) {
      this.identity.observe(c.user.login);
      this.ownLogin = c.user.login;
    }
    this.byKey?.set(key, stored);
    return stored;
  }
  async existing() {
    if (!this.byKey) {
      this.byKey = /* @__PURE__ */ new Map();
      for (const [key, stored] of toStored(await this.list())) this.byKey.set(key, stored);
    }
    return this.byKey;
  }
  /** Our marked comments of this run, by key. */
  async list() {
    return this.ours(await this.fetchAll());
  }
  ours(all) {
    const found = /* @__PURE__ */ new Map();
    for (const c of all) {
      const marker = this.trustedMarker(c);
      if (marker && marker.runId === this.run.runId && marker.pipeline === this.run.pipeline) found.set(marker.key, c);
    }
    return found;
  }
  async fetchAll() {
    const early = this.firstListing;
    this.firstListing = void 0;
    const listed = await early?.catch(() => void 0) ?? await listIssueComments(this.octokit, this.issue);
    if (this.ownLogin === void 0 && listed.some((c) => parseMarker(c.body) !== void 0))
      this.ownLogin = await this.identity.login();
    return listed;
  }
  /** The marker of a comment written by the login we post as: anyone else can copy a marker into a comment. */
  trustedMarker(c) {
    const trusted = this.ownLogin !== void 0 && c.user?.login === this.ownLogin;
    return trusted ? parseMarker(c.body) : void 0;
  }
  repo() {
    return { owner: this.issue.owner, repo: this.issue.repo };
  }
};
async function listIssueComments(octokit, issue) {
  return await octokit.paginate(octokit.rest.issues.listComments, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    per_page: 100
  });
}
function toStored(comments) {
  return new Map([...comments].map(([key, c]) => [key, { id: c.id, url: c.html_url, body: c.body ?? "" }]));
}
function postAnew(error) {
  const status = statusOf(error);
  return status === 404 || status === 403 && !/rate limit/i.test(error instanceof Error ? error.message : String(error));
}
function describe(error) {
  const transport = transportFailure(error);
  if (transport) return `GitHub could not be reached (${transport})`;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}

export {
  identityOf,
  CommentStore,
  listIssueComments,
  describe
};
