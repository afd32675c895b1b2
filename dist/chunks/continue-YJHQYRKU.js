import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  runRelayPipeline
} from "./chunk-E23OO2TR.js";
import {
  followUpPublisherFor,
  gitWorkspace
} from "./chunk-XV5ZFNSS.js";
import {
  INSTALLATION_LOGIN,
  notTheRelays,
  openReviewComments,
  relayIssueOf,
  renderFollowUpTask
} from "./chunk-56CIGAYU.js";
import "./chunk-R4TDBKOL.js";
import "./chunk-LR46CNHU.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-VQW6KYSI.js";
import "./chunk-6PUVZC3Q.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/pipelines/relay-pipeline/continue.ts
async function continueRelay(continuation, request, deps) {
  const pull = continuation.pullRequest;
  const reads = deps.github ?? deps.githubReads;
  const ownLogin = reads?.ownLogin ? await reads.ownLogin() : INSTALLATION_LOGIN;
  const problem = !reads ? "continuing a pull request needs a token to read it" : notTheRelays(pull, `${reads.repository.owner}/${reads.repository.repo}`, ownLogin) ?? (pull.pullRequest?.headRef === continuation.branch ? void 0 : `\`${continuation.branch}\` is not the head branch of pull request #${pull.number}`);
  if (problem) return refuse(problem, deps);
  const issueNumber = relayIssueOf(continuation.branch);
  const issue = await reads?.getIssue?.(issueNumber).catch(() => void 0) ?? {
    kind: "issue",
    repository: pull.repository,
    number: issueNumber,
    title: pull.title,
    body: pull.body
  };
  const { workspace, repo } = gitWorkspace(deps);
  return runRelayPipeline(
    {
      issue,
      pipeline: request.config,
      processedLabel: request.settings.processedLabel,
      repoUrl: request.run.repoUrl,
      defaultBranch: request.run.defaultBranch,
      runUrl: request.run.url,
      followUp: {
        pullNumber: pull.number,
        pullUrl: pull.url,
        pullBody: pull.body,
        branch: continuation.branch,
        headSha: pull.pullRequest.headSha,
        reason: continuation.reason,
        task: continuation.task,
        requestedBy: continuation.requestedBy,
        replyTo: continuation.replyTo ?? []
      }
    },
    {
      runner: deps.runner,
      reporter: deps.sink,
      status: deps.status,
      workspace,
      followUpPublisher: followUpPublisherFor(pull.number, deps, repo),
      signal: deps.signal,
      now: deps.clock.now,
      warn: deps.log.warning,
      redact: (text) => deps.redactor.redact(text)
    }
  );
}
async function refuse(problem, deps) {
  const error = `The relay continues only pull requests it opened: ${problem}.`;
  deps.log.warning(error);
  await deps.status.finish("failure", `**${error}**`);
  return { status: "failure", runs: [], executions: [], comments: /* @__PURE__ */ new Map(), error };
}
async function runFollowUp(request, deps) {
  const reads = deps.github ?? deps.githubReads;
  if (!reads?.listReviewComments) return refuse("continuing a pull request needs a token to read it", deps);
  const pull = await reads.getPullRequest(request.target.number);
  const ownLogin = reads.ownLogin ? await reads.ownLogin() : INSTALLATION_LOGIN;
  const { trigger, detail } = request;
  let task;
  let reason;
  let comments;
  if (detail?.kind === "review") {
    comments = await reads.listReviewComments(pull.number, detail.review.id);
    task = renderFollowUpTask({ review: detail.review, comments });
    reason = `changes requested by ${detail.review.author} in review ${detail.review.id}`;
  } else {
    comments = openReviewComments(await reads.listReviewComments(pull.number), ownLogin);
    const text = trigger.kind === "command" ? trigger.argument : "";
    const author = trigger.kind === "command" ? trigger.comment.author : request.sender.login;
    if (comments.length === 0 && text.trim() === "") {
      const note = "Nothing to address: the comment says nothing after the command, and every review comment by someone with write access has a reply from the relay.";
      deps.log.info(note);
      await deps.status.finish("success", `_${note}_`);
      return { status: "success", runs: [], executions: [], comments: /* @__PURE__ */ new Map() };
    }
    task = renderFollowUpTask({ request: { author, text }, comments });
    reason = `${author} asked for it with ${trigger.kind === "command" ? trigger.command : "a request"}`;
  }
  const threads = /* @__PURE__ */ new Map();
  for (const c of comments)
    if (!threads.has(c.inReplyTo ?? c.id)) threads.set(c.inReplyTo ?? c.id, { ...c, id: c.inReplyTo ?? c.id });
  return continueRelay(
    {
      pullRequest: pull,
      branch: pull.pullRequest?.headRef ?? "",
      task,
      reason,
      requestedBy: request.sender.login,
      replyTo: [...threads.values()]
    },
    request,
    deps
  );
}
export {
  continueRelay,
  runFollowUp
};
