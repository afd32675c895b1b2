import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  verdictText
} from "./chunk-VQW6KYSI.js";
import {
  jobLink,
  renderMention,
  runningFor,
  stateLine,
  totalsLines,
  usageTotals
} from "./chunk-ERVVLCZQ.js";
import {
  usageText
} from "./chunk-MIUJ3WOL.js";
import {
  cell,
  formatDuration
} from "./chunk-KWI7WEHG.js";

// src/pipelines/relay-pipeline/status.ts
var ICON = {
  pending: "\u{1F553}",
  running: "\u23F3",
  passed: "\u2705",
  failed: "\u274C",
  timeout: "\u23F1\uFE0F",
  cancelled: "\u{1F6AB}",
  skipped: "\u23ED\uFE0F"
};
var NOTE_LIMIT = 140;
function clip(text) {
  const flat = cell(text);
  return flat.length > NOTE_LIMIT ? `${flat.slice(0, NOTE_LIMIT - 1).trimEnd()}\u2026` : flat;
}
function headline(view) {
  const elapsed = view.finishedAt ? ` in ${formatDuration(view.finishedAt.getTime() - view.startedAt.getTime())}` : "";
  const round = Math.max(1, ...view.entries.map((e) => e.round));
  switch (view.overall) {
    case "running": {
      const current = view.entries.find((e) => e.state === "running");
      return `\u23F3 **Running${runningFor(view)}**${current ? ` \xB7 ${current.stage}` : ""} \xB7 round ${round} (up to ${view.maxRounds + 1})`;
    }
    case "success":
      return `\u2705 **Every stage passed**${elapsed} \xB7 round ${round}`;
    case "failure":
      return `\u274C **Failed**${elapsed}`;
    case "cancelled":
      return `\u{1F6AB} **Cancelled**${elapsed}`;
  }
}
function renderRelayEntry(e) {
  const facts = [`**${cell(e.stage)}**`, cell(e.agent), `round ${e.round}`];
  if (e.durationMs !== void 0 && e.state !== "timeout") facts.push(formatDuration(e.durationMs));
  let result = e.verdict ? `\`${e.verdict}\`` : "";
  if (e.note) result = result ? `${result} \u2014 ${clip(e.note)}` : clip(e.note);
  if (result && e.commentUrl) result = `${result} ([report](${e.commentUrl}))`;
  else if (!result && e.commentUrl) result = `[report](${e.commentUrl})`;
  if (result) facts.push(result);
  if (e.usage && usageText(e.usage)) facts.push(usageText(e.usage));
  return `- [${e.state === "passed" ? "x" : " "}] ${ICON[e.state]} ${facts.join(" \xB7 ")}`;
}
function renderRelayStatus(view) {
  const footer = [
    `started ${view.startedAt.toISOString().replace("T", " ").slice(0, 19)} UTC`,
    `max-rounds ${view.maxRounds}`
  ];
  if (view.issueStamp) footer.push(view.issueStamp);
  return [
    stateLine(view.overall, view.startedAt),
    "### \u{1F3BC} AI Orchestra \xB7 relay-pipeline",
    `${headline(view)}${jobLink(view.runUrl)}`,
    ...totalsLines(view),
    ...view.notice ? ["", view.notice] : [],
    ...view.message ? ["", view.message] : [],
    "",
    ...view.entries.map(renderRelayEntry),
    ...[view.totals && view.overall !== "running" ? void 0 : usageTotals(view.entries)].filter((t) => t !== void 0).flatMap((t) => ["", t]),
    "",
    `<sub>${footer.join(" \xB7 ")}</sub>`
  ].join("\n");
}

// src/pipelines/relay-pipeline/board.ts
var relayRowKey = (stage, round) => `${stage}/${round}`;
var RELAY_CHECKLIST = {
  rows: () => [],
  key: (row) => relayRowKey(row.stage, row.round),
  render: (snapshot, config) => renderRelayStatus({ ...snapshot, entries: snapshot.rows, maxRounds: config.maxRounds }),
  trailer: (snapshot) => renderMention(snapshot),
  close: (row, overall) => row.state === "pending" || row.state === "running" ? {
    ...row,
    state: overall === "cancelled" ? "cancelled" : "skipped",
    note: overall === "cancelled" ? "cancelled" : "not run"
  } : row
};
function relayBoard(status) {
  return {
    update: (stage, round, patch) => status.update(relayRowKey(stage, round), patch),
    append: (entries) => status.append(entries),
    finish: (overall, message) => status.finish(overall, message)
  };
}

// src/pipelines/relay-pipeline/follow-up.ts
var INSTALLATION_LOGIN = "github-actions[bot]";
var RELAY_BRANCH = /^ai-orchestra\/issue-([1-9]\d{0,9})$/;
function relayIssueOf(branch) {
  const match = RELAY_BRANCH.exec(branch);
  return match ? Number(match[1]) : void 0;
}
function notTheRelays(pull, repository, ownLogin) {
  const ref = pull.pullRequest;
  if (!ref) return `#${pull.number} is not a pull request`;
  if (relayIssueOf(ref.headRef) === void 0)
    return `pull request #${pull.number}'s branch \`${ref.headRef}\` is not a relay branch (ai-orchestra/issue-<n>)`;
  if (ref.headRepository.toLowerCase() !== repository.toLowerCase())
    return `pull request #${pull.number} comes from another repository (${ref.headRepository}), not from the relay`;
  if (!ref.author) return `who opened pull request #${pull.number} is unknown`;
  if (ref.author.login.toLowerCase() !== ownLogin.toLowerCase())
    return `pull request #${pull.number} was opened by ${ref.author.login}, not by ${ownLogin} (the identity the relay opens pull requests as)`;
  return void 0;
}
var WRITE_ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR"];
function openReviewComments(comments, ownLogin) {
  const answered = new Set(
    comments.filter((c) => c.inReplyTo !== void 0 && c.author.toLowerCase() === ownLogin.toLowerCase()).map((c) => c.inReplyTo)
  );
  return comments.filter(
    (c) => c.inReplyTo === void 0 && !answered.has(c.id) && WRITE_ASSOCIATIONS.includes(c.authorAssociation ?? "")
  );
}
function where(c) {
  if (c.line === void 0) return `on \`${c.path}\``;
  return c.startLine !== void 0 && c.startLine !== c.line ? `on \`${c.path}\` lines ${c.startLine}-${c.line}` : `on \`${c.path}\` line ${c.line}`;
}
function renderFollowUpTask(input) {
  const parts = [];
  if (input.review)
    parts.push(
      `Review ${input.review.id} by ${input.review.author} (changes requested):`,
      input.review.body.trim() || "(no summary)",
      ""
    );
  if (input.request)
    parts.push(
      `Request by ${input.request.author}:`,
      input.request.text.trim() || "(no text: address the review comments below)",
      ""
    );
  input.comments.forEach((c, i) => {
    parts.push(
      `Comment ${i + 1} of ${input.comments.length} (id ${c.id}) by ${c.author} ${where(c)}:`,
      c.body.trim() || "(empty)",
      ""
    );
  });
  if (input.comments.length === 0) parts.push("(no review comments on lines)");
  return parts.join("\n").trimEnd();
}
function whyNothing(outcome) {
  const d = outcome.delivery;
  if (outcome.status === "cancelled") return "the workflow was cancelled";
  if (outcome.failure) {
    const f = outcome.failure;
    return `the relay stopped at ${f.stage} (round ${f.round}) with verdict ${f.verdict}: ${f.reason}`;
  }
  if (d?.kind === "no-changes") return "every stage passed, but the implement stage changed no file";
  if (d?.kind === "push-failed") return `the push failed: ${d.error}`;
  return outcome.error ?? "the relay did not finish";
}
function renderReviewReply(outcome, comment, context) {
  const d = outcome.delivery;
  const footer = `<sub>AI Orchestra \xB7 relay-pipeline${context.runUrl ? ` \xB7 [workflow run](${context.runUrl})` : ""}</sub>`;
  if (d?.kind !== "pushed")
    return [
      `Not addressed: ${whyNothing(outcome)}. Nothing was pushed for this comment; the relay's status comment on this pull request has the details.`,
      "",
      footer
    ].join("\n");
  const sha = d.commit.sha;
  const link = `[\`${sha.slice(0, 12)}\`](${context.repoUrl}/commit/${sha})`;
  const paths = d.commit.paths ?? [];
  const touched = paths.includes(comment.path) ? `it changes \`${comment.path}\`` : `it does not change \`${comment.path}\` (it changes ${paths.map((p) => `\`${p}\``).join(", ") || "other files"}); the implement report says why`;
  return [`Addressed in ${link}, after every stage of the relay passed: ${touched}.`, "", footer].join("\n");
}
var SECTION = "<!-- ai-orchestra:follow-ups -->";
function continuedPullRequestBody(body, entry) {
  const text = body.trimEnd();
  return text.includes(SECTION) ? `${text}
${entry}` : `${text}${text ? "\n\n" : ""}${SECTION}
### Follow-up rounds

${entry}`;
}
function followUpBodyEntry(f, commit, executions, runUrl) {
  const latest = /* @__PURE__ */ new Map();
  for (const e of executions) latest.set(e.stage, e);
  const stages = [...latest.values()].map((e) => `${e.stage} ${e.passed ? "\u2705" : "\u274C"} ${verdictText(e)}`).join(", ");
  const run = runUrl ? ` \xB7 [workflow run](${runUrl})` : "";
  return `- ${f.reason}: \`${commit.sha.slice(0, 12)}\` (${commit.summary}) \xB7 ${stages}${run}`;
}

export {
  RELAY_CHECKLIST,
  relayBoard,
  INSTALLATION_LOGIN,
  relayIssueOf,
  notTheRelays,
  openReviewComments,
  renderFollowUpTask,
  renderReviewReply,
  continuedPullRequestBody,
  followUpBodyEntry
};
