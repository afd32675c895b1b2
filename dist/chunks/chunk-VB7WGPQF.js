import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  describe,
  identityOf,
  listIssueComments
} from "./chunk-5G2TKJCC.js";
import {
  parseMarker
} from "./chunk-PODBMNDR.js";
import {
  permissionLevel
} from "./chunk-RRRZR3CE.js";
import {
  statusOf,
  workflowLog
} from "./chunk-N5OYCJPH.js";
import {
  sanitizeOutput
} from "./chunk-KWI7WEHG.js";

// src/github/actions.ts
var JOB_LOG_MAX_BYTES = 64 * 1024 * 1024;
async function listWorkflowJobs(octokit, repo, runId) {
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    ...repo,
    run_id: runId,
    filter: "latest",
    per_page: 100
  });
  return jobs.map((job) => ({
    id: job.id,
    name: job.name,
    conclusion: job.conclusion,
    ...job.html_url ? { url: job.html_url } : {},
    steps: (job.steps ?? []).map((s) => ({
      name: s.name,
      number: s.number,
      conclusion: s.conclusion,
      ...s.started_at ? { startedAt: s.started_at } : {},
      ...s.completed_at ? { completedAt: s.completed_at } : {}
    }))
  }));
}
var LOG_DOWNLOAD_TIMEOUT_MS = 6e4;
async function* jobLogLines(octokit, repo, jobId, maxBytes = JOB_LOG_MAX_BYTES) {
  let location;
  try {
    const answer = await octokit.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", {
      ...repo,
      job_id: jobId,
      request: { redirect: "manual" }
    });
    location = answer.headers.location;
  } catch (error) {
    throw new Error(`Could not read the log of job ${jobId}: ${describe(error)}`);
  }
  if (!location) throw new Error(`GitHub gave no download location for the log of job ${jobId}`);
  const download = await fetch(location, { redirect: "follow", signal: AbortSignal.timeout(LOG_DOWNLOAD_TIMEOUT_MS) });
  if (!download.ok || !download.body)
    throw new Error(`Could not download the log of job ${jobId}: HTTP ${download.status}`);
  const decoder = new TextDecoder();
  let pending = "";
  let read = 0;
  const reader = download.body.getReader();
  try {
    while (read < maxBytes) {
      const { value, done } = await reader.read();
      if (done) break;
      read += value.byteLength;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      yield* lines;
    }
    if (read < maxBytes && pending) yield pending + decoder.decode();
  } finally {
    await reader.cancel().catch(() => void 0);
  }
}
async function listCheckRuns(octokit, repo, checkSuiteId) {
  const runs = await octokit.paginate(octokit.rest.checks.listForSuite, {
    ...repo,
    check_suite_id: checkSuiteId,
    filter: "latest",
    per_page: 100
  });
  return runs.map((run) => ({
    id: run.id,
    name: run.name,
    conclusion: run.conclusion,
    ...run.app?.slug ? { app: run.app.slug } : {},
    ...run.html_url ? { url: run.html_url } : {},
    ...run.output.title ? { title: run.output.title } : {},
    ...run.output.summary ? { summary: run.output.summary } : {},
    ...run.output.text ? { text: run.output.text } : {}
  }));
}

// src/github/issues.ts
async function fetchIssue(octokit, repo, number) {
  const data = await readOrExplain(
    `issue #${number}`,
    repo,
    () => octokit.rest.issues.get({ ...repo, issue_number: number })
  );
  if (data.pull_request) throw new Error(`#${number} is a pull request, not an issue.`);
  return {
    kind: "issue",
    ...sharedFields(repo, number, data)
  };
}
async function fetchPullRequest(octokit, repo, number) {
  const data = await readOrExplain(
    `pull request #${number}`,
    repo,
    () => octokit.rest.pulls.get({ ...repo, pull_number: number })
  );
  return {
    kind: "pull-request",
    ...sharedFields(repo, number, data),
    pullRequest: {
      number,
      headSha: data.head.sha,
      headRef: data.head.ref,
      headRepository: data.head.repo?.full_name ?? `${repo.owner}/${repo.repo}`,
      baseRef: data.base.ref,
      baseSha: data.base.sha,
      draft: data.draft === true,
      ...data.user ? { author: { login: data.user.login, type: data.user.type } } : {}
    }
  };
}
function sharedFields(repo, number, data) {
  return {
    repository: `${repo.owner}/${repo.repo}`,
    number,
    title: data.title,
    body: data.body ?? "",
    url: data.html_url
  };
}
async function readOrExplain(what, repo, request) {
  try {
    return (await request()).data;
  } catch (error) {
    throw new Error(`Could not read ${what} of ${repo.owner}/${repo.repo}: ${describe(error)}`);
  }
}

// src/github/pulls.ts
var ACTIONS_MAY_NOT_CREATE = /not permitted to create or approve pull requests/i;
var ALREADY_EXISTS = /already exists/i;
function validationMessages(error) {
  const data = error.response?.data;
  return [data?.message, ...(data?.errors ?? []).map((e) => e.message)].filter(Boolean).join("; ");
}
async function findOpen(octokit, repo, request) {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${request.head}`,
    base: request.base,
    state: "open",
    per_page: 1
  });
  const pull = data[0];
  return pull ? { ok: true, url: pull.html_url, number: pull.number, existing: true } : void 0;
}
async function openPullRequest(octokit, repo, request, log = workflowLog) {
  try {
    const { data } = await octokit.rest.pulls.create({ ...repo, ...request });
    return { ok: true, url: data.html_url, number: data.number, existing: false };
  } catch (error) {
    const status = statusOf(error);
    const text = `${describe(error)} ${validationMessages(error)}`;
    if (status === 422 && ALREADY_EXISTS.test(text)) {
      const found = await findOpen(octokit, repo, request).catch(() => void 0);
      if (found) return found;
    }
    if (status === 403 || status === 404) {
      const why = ACTIONS_MAY_NOT_CREATE.test(text) ? "the repository does not allow GitHub Actions to create pull requests" : "the token lacks pull-requests: write";
      log.warning(`Could not open the pull request for ${request.head}: ${why} (${describe(error)}).`);
      return { ok: false, denied: true, error: `${why} (${describe(error)})` };
    }
    log.warning(`Could not open the pull request for ${request.head}: ${describe(error)}.`);
    return { ok: false, denied: false, error: describe(error) };
  }
}
var MAX_TEXT_BYTES = 1e6;
function changedFile(f) {
  return {
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    ...f.patch !== void 0 ? { patch: f.patch } : {},
    ...f.previous_filename ? { previousFilename: f.previous_filename } : {}
  };
}
async function compareFiles(octokit, repo, base, head) {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` });
    return data.status === "ahead" ? (data.files ?? []).map(changedFile) : void 0;
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function fileTextAt(octokit, repo, path, ref) {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data) || data.size > MAX_TEXT_BYTES)
      return void 0;
    const bytes = Buffer.from(data.content, "base64");
    return bytes.includes(0) ? void 0 : bytes.toString("utf8");
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function listPullReviews(octokit, repo, number, identity) {
  const [own, reviews] = await Promise.all([
    identity.login(),
    octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 })
  ]);
  return reviews.map((r) => ({
    id: r.id,
    body: r.body ?? "",
    byUs: r.user?.login === own,
    ...r.commit_id ? { commitId: r.commit_id } : {}
  }));
}
async function listReviewComments(octokit, repo, number, reviewId) {
  const raw = reviewId === void 0 ? await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: number, per_page: 100 }) : await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
    ...repo,
    pull_number: number,
    review_id: reviewId,
    per_page: 100
  });
  return raw.map((c) => {
    const full = c;
    return {
      id: c.id,
      ...c.pull_request_review_id ? { reviewId: c.pull_request_review_id } : {},
      ...full.in_reply_to_id ? { inReplyTo: full.in_reply_to_id } : {},
      author: c.user?.login ?? "",
      body: c.body ?? "",
      path: c.path,
      ...typeof full.line === "number" ? { line: full.line } : {},
      ...typeof full.start_line === "number" ? { startLine: full.start_line } : {},
      ...full.side === "LEFT" || full.side === "RIGHT" ? { side: full.side } : {},
      url: c.html_url,
      ...full.author_association ? { authorAssociation: full.author_association } : {}
    };
  });
}
async function replyToReviewComment(octokit, repo, number, commentId, body) {
  const { data } = await octokit.rest.pulls.createReplyForReviewComment({
    ...repo,
    pull_number: number,
    comment_id: commentId,
    body
  });
  return { id: data.id, url: data.html_url };
}
async function updatePullRequest(octokit, repo, number, change) {
  const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: number, ...change });
  return { url: data.html_url };
}

// src/github/access.ts
function authenticatedLogin(octokit) {
  return identityOf(octokit).login();
}
function gitHubAccess(octokit, repo, auth, redactor, log = workflowLog) {
  const permissions = /* @__PURE__ */ new Map();
  const own = () => authenticatedLogin(octokit);
  return {
    repository: repo,
    serverUrl: auth.serverUrl,
    gitAuth: auth,
    getPullRequest: (number) => fetchPullRequest(octokit, repo, number),
    async listPullRequestFiles(number) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        ...repo,
        pull_number: number,
        per_page: 100
      });
      return files.map(
        (f) => ({
          filename: f.filename,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          ...f.patch !== void 0 ? { patch: f.patch } : {},
          ...f.previous_filename !== void 0 ? { previousFilename: f.previous_filename } : {}
        })
      );
    },
    async createReview(number, review) {
      const { data } = await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: number,
        commit_id: review.commitId,
        event: review.event,
        body: sanitizeOutput(review.body, redactor),
        comments: review.comments?.map((c) => ({
          path: c.path,
          line: c.line,
          side: c.side ?? "RIGHT",
          ...c.startLine !== void 0 ? { start_line: c.startLine, start_side: c.side ?? "RIGHT" } : {},
          body: sanitizeOutput(c.body, redactor)
        }))
      });
      return { id: data.id, url: data.html_url };
    },
    openPullRequest: (request) => openPullRequest(
      octokit,
      repo,
      {
        ...request,
        title: redactor.redact(request.title),
        body: redactor.redact(request.body)
      },
      log
    ),
    compareCommits: (base, head) => compareFiles(octokit, repo, base, head),
    getFileText: (path, ref) => fileTextAt(octokit, repo, path, ref),
    permissionOf(login) {
      let known = permissions.get(login);
      if (!known) {
        known = permissionLevel(octokit, repo, login).catch((error) => {
          log.warning(
            `Could not check ${login}'s permission (${error instanceof Error ? error.message : String(error)}); treating them as without write access.`
          );
          return void 0;
        });
        permissions.set(login, known);
      }
      return known;
    },
    listReviews: (number) => listPullReviews(octokit, repo, number, identityOf(octokit)),
    ownLogin: own,
    getIssue: (number) => fetchIssue(octokit, repo, number),
    listReviewComments: (number, reviewId) => listReviewComments(octokit, repo, number, reviewId),
    replyToReviewComment: (number, commentId, body) => replyToReviewComment(octokit, repo, number, commentId, sanitizeOutput(body, redactor)),
    updatePullRequest: (number, change) => updatePullRequest(octokit, repo, number, {
      ...change.title !== void 0 ? { title: sanitizeOutput(change.title, redactor) } : {},
      ...change.body !== void 0 ? { body: sanitizeOutput(change.body, redactor) } : {}
    }),
    listWorkflowJobs: (runId) => listWorkflowJobs(octokit, repo, runId),
    jobLogLines: (jobId) => jobLogLines(octokit, repo, jobId),
    listCheckRuns: (checkSuiteId) => listCheckRuns(octokit, repo, checkSuiteId),
    listComments: (number) => listThreadComments(octokit, repo, number, own())
  };
}
async function listThreadComments(octokit, repo, number, login = authenticatedLogin(octokit)) {
  const [comments, ownLogin] = await Promise.all([listIssueComments(octokit, { ...repo, number }), login]);
  return comments.map((c) => {
    const marker = c.user?.login === ownLogin ? parseMarker(c.body) : void 0;
    return {
      id: c.id,
      author: c.user?.login ?? "",
      body: c.body ?? "",
      createdAt: c.updated_at ?? "",
      url: c.html_url,
      authorAssociation: c.author_association,
      ours: marker !== void 0,
      ...marker ? {
        marker: {
          pipeline: marker.pipeline,
          key: marker.key,
          ...marker.session ? { session: marker.session } : {}
        }
      } : {}
    };
  });
}

export {
  fetchIssue,
  fetchPullRequest,
  authenticatedLogin,
  gitHubAccess,
  listThreadComments
};
