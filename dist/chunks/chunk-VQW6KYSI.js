import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  usageTotalLine
} from "./chunk-MIUJ3WOL.js";
import {
  sanitizeUntrusted
} from "./chunk-ESIXY7EP.js";
import {
  cell,
  codeBlock,
  details,
  formatCost,
  formatDuration,
  formatTokens,
  neutralizeAgentMarkdown
} from "./chunk-KWI7WEHG.js";

// src/pipelines/relay-pipeline/stage-comment.ts
var STATUS = {
  success: "answered",
  failure: "failed",
  timeout: "timed out",
  cancelled: "cancelled",
  budget: "stopped: budget"
};
function verdictText(e) {
  if (e.run.status !== "success") return STATUS[e.run.status];
  if (!e.verdict?.found) return "no verdict";
  return e.verdict.word;
}
function verdictLine(e) {
  if (e.run.status !== "success") return `**Verdict:** none \u2014 the agent ${STATUS[e.run.status]}.`;
  const v = e.verdict;
  if (!v?.found)
    return `**Verdict:** none \u2014 ${v?.problem ?? "no verdict"}. A stage passes only with a final line \`VERDICT: ${e.passWords[0]}\`.`;
  const accepted = e.passWords.includes(v.word);
  const words = e.passWords.map((w) => `\`${w}\``).join(", ");
  return `**Verdict:** \`${v.word}\`${v.reason ? ` \u2014 ${v.reason}` : ""}${accepted ? "" : ` (passing needs ${words})`}`;
}
function commandSection(e) {
  const c = e.command;
  if (!c) return [];
  const head = c.ok ? `\u2705 \`${c.argv.join(" ")}\` exited with 0 in ${formatDuration(c.durationMs)}.` : `\u274C \`${c.argv.join(" ")}\` ${c.error ?? `exited with ${c.exitCode}`}${c.error ? "" : ` in ${formatDuration(c.durationMs)}`}.`;
  return ["", head, "", details("Last lines of its output", codeBlock(c.outputTail || "(no output)"))];
}
function pathCode(path) {
  return `\`${path.replace(/[\u0000-\u001f\u007f`]/g, "?").slice(0, 300)}\``;
}
function refusedPathsWarning(refused) {
  if (refused.length === 0) return [];
  return [
    "",
    `> [!WARNING]
> Not part of the change (refused by AI Orchestra's write policy; a maintainer must make such changes by hand):
${refused.map((r) => `> - ${pathCode(r.path)}: ${r.reason}`).join("\n")}`
  ];
}
function changesSection(e) {
  const c = e.changes;
  if (!c) return [];
  const refused = refusedPathsWarning(c.refused ?? []);
  if (refused.length > 0) return [...refused, ...changesSection({ ...e, changes: { ...c, refused: [] } })];
  if (c.empty) return ["", "_The working directory has no changes after this stage._"];
  return ["", details(`Changes so far: ${c.summary}`, codeBlock(c.stat))];
}
function revertedConfigWarning(e) {
  const paths = e.revertedConfig.map((p) => `\`${p}\``).join(", ");
  return [
    `> [!WARNING]`,
    `> This stage changed agent-CLI configuration (${paths}). AI Orchestra reverted these changes: they can make a later stage's CLI or \`run\` command execute commands (hooks, MCP servers, plugins, environment), so no later stage saw them and they are not in the commit.`
  ].join("\n");
}
function outcomeLine(e) {
  if (e.passed) return "\u2705 **Passed.**";
  const back = e.sentBackTo ? ` The findings go back to **${e.sentBackTo}** for round ${e.round + 1}.` : "";
  return `\u274C **Failed:** ${e.reason ?? "see above"}.${back}`;
}
function renderStageComment(e, context) {
  const run = e.run;
  const model = run.model ? ` \xB7 \`${run.model}\`` : "";
  const took = run.status === "timeout" ? "" : ` in ${formatDuration(run.durationMs)}`;
  const facts = [
    `${e.write ? "may edit files" : "read-only"}`,
    `${STATUS[run.status]}${took}`,
    formatTokens(run.usage),
    formatCost(run.usage)
  ].filter(Boolean);
  const parts = [
    `### \u{1F501} ${e.stage} \xB7 ${e.agent}${model} \xB7 round ${e.round}`,
    `<sub>${facts.join(" \xB7 ")}</sub>`,
    "",
    verdictLine(e),
    ...commandSection(e),
    "",
    outcomeLine(e)
  ];
  if (e.restored.length > 0) {
    parts.push(
      "",
      `> [!WARNING]
> The agent changed git metadata (${e.restored.map((p) => `\`${p}\``).join(", ")}); AI Orchestra put it back as it was before the relay.`
    );
  }
  if (e.revertedConfig.length > 0) parts.push("", revertedConfigWarning(e));
  parts.push(...changesSection(e), "");
  if (run.status === "success") parts.push("#### Report", "", neutralizeAgentMarkdown(run.answer.trim()));
  else {
    parts.push(`**Error:** ${neutralizeAgentMarkdown(run.error ?? "unknown error")}`);
    if (run.outputTail.trim()) parts.push("", details("Last lines of output", codeBlock(run.outputTail.trimEnd())));
  }
  const link = context.runUrl ? ` \xB7 [workflow run](${context.runUrl})` : "";
  parts.push(
    "",
    `<sub>AI Orchestra \xB7 relay-pipeline \xB7 stage ${e.index + 1} of ${context.count} \xB7 round ${e.round}${link}</sub>`
  );
  return parts.join("\n");
}

// src/pipelines/relay-pipeline/result.ts
var SUMMARY_BUDGET = 1e6;
var ENABLE_PULL_REQUESTS = [
  "To let the relay open pull requests, give the workflow job these permissions:",
  "",
  "```yaml",
  "permissions:",
  "  issues: write",
  "  contents: write       # push the branch",
  "  pull-requests: write  # open the pull request",
  "```",
  "",
  `and, under the repository's Settings \u2192 Actions \u2192 General, tick "Allow GitHub Actions to create and approve pull requests".`
].join("\n");
var SKIP_MARKER = /\[\s*(?:(?:skip|no)[\s_-]*(?:ci|actions?|checks?|workflows?)|(?:ci|actions?|checks?)[\s_-]*skip)\s*\]|\bskip-checks\s*:\s*true\b/gi;
var CLOSING_KEYWORD = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b(\s*:?\s*)(?=(?:[\w.-]+\/[\w.-]+)?#\d|https?:\/\/)/gi;
var MENTION = /(^|[^\w`@])@(?=[A-Za-z0-9])/g;
function cleanTitle(title) {
  const line = sanitizeUntrusted(title, 200).replace(/\s+/g, " ");
  const neutral = line.replace(SKIP_MARKER, " ").replace(CLOSING_KEYWORD, "for$1").replace(MENTION, "$1");
  return neutral.replace(/\s+/g, " ").trim() || "Untitled issue";
}
function relayBranch(issueNumber) {
  return `ai-orchestra/issue-${issueNumber}`;
}
function finalExecutions(executions) {
  const latest = /* @__PURE__ */ new Map();
  for (const e of executions) latest.set(e.stage, e);
  return [...latest.values()].sort((a, b) => a.index - b.index);
}
function renderStageTable(executions, options) {
  return [
    "| Stage | Agent | Round | Verdict | Time |",
    "|---|---|:---:|---|---|",
    ...executions.map((e) => {
      const verdict = `${e.passed ? "\u2705" : "\u274C"} ${verdictText(e)}`;
      const linked = options.links && e.commentUrl ? `[${verdict}](${e.commentUrl})` : verdict;
      return `| ${cell(e.stage)} | ${cell(e.agent)} | ${e.round} | ${linked} | ${formatDuration(e.run.durationMs)} |`;
    })
  ];
}
function isRelayCommit(raw, issueNumber, authorEmail) {
  const blank = raw.indexOf("\n\n");
  if (blank < 0) return false;
  const headers = raw.slice(0, blank).split("\n");
  const subject = raw.slice(blank + 2).split("\n")[0] ?? "";
  const author = headers.find((h) => h.startsWith("author "));
  return author !== void 0 && author.includes(`<${authorEmail}>`) && subject.endsWith(`(relay for #${issueNumber})`);
}
function describeCommit(sha, raw) {
  const blank = raw.indexOf("\n\n");
  const author = raw.slice(0, Math.max(blank, 0)).split("\n").find((h) => h.startsWith("author "));
  const who = author?.slice("author ".length).replace(/\s+\d+\s+[+-]\d{4}$/, "") ?? "an unknown author";
  const subject = blank >= 0 ? raw.slice(blank + 2).split("\n")[0] ?? "" : "";
  return `${sha.slice(0, 12)} by ${sanitizeUntrusted(`${who}: ${subject}`, 200)}`;
}
function renderCommitMessage(input) {
  const stages = finalExecutions(input.executions);
  const rounds = Math.max(1, ...stages.map((e) => e.round));
  const f = input.followUp;
  return [
    `${cleanTitle(f ? `Follow-up on #${f.pullNumber}: ${f.reason}` : input.title)} (relay for #${input.issueNumber})`,
    "",
    f ? `Made by the AI Orchestra relay on pull request #${f.pullNumber} for issue #${input.issueNumber} of ${input.repository}:` : `Made by the AI Orchestra relay for issue #${input.issueNumber} of ${input.repository}:`,
    ...stages.map((e) => `- ${e.stage}: ${e.agent}${e.write ? " (edited files)" : ""}, verdict ${verdictText(e)}`),
    `Every stage passed in round ${rounds}.`,
    "",
    `Refs #${input.issueNumber}`,
    ""
  ].join("\n");
}
function renderPullRequestBody(input) {
  const stages = finalExecutions(input.executions);
  return [
    `The AI Orchestra relay made this change for #${input.issueNumber}; every stage passed. Each stage's full report is on the issue.`,
    "",
    ...renderStageTable(stages, { links: true }),
    "",
    details(`Files changed: ${input.summary}`, codeBlock(input.stat)),
    "",
    "Review it as you would any contribution: it was written by AI agents.",
    ...input.runUrl ? ["", `<sub>[workflow run](${input.runUrl})</sub>`] : [],
    "",
    `Closes #${input.issueNumber}`
  ].join("\n");
}
function failureText(f) {
  const exhausted = f.roundsExhausted ? " It would have sent the work back, but `max-rounds` was used up." : "";
  return `\u274C The relay stopped at **${f.stage}** (${f.agent}, round ${f.round}) with verdict **${f.verdict}**: ${f.reason}.${exhausted}`;
}
function commitFacts(d) {
  return [
    ...refusedPathsWarning(d.commit.refused ?? []),
    "",
    details(`Files changed: ${d.commit.summary}`, codeBlock(d.commit.stat))
  ];
}
function deliveryText(d, repoUrl) {
  const branch = d.kind === "no-changes" ? "" : `\`${d.commit.branch}\` (\`${d.commit.sha.slice(0, 12)}\`)`;
  switch (d.kind) {
    case "no-changes":
      return [
        "\u2705 Every stage passed, but the working directory has no changes, so there is nothing to commit and no pull request."
      ];
    case "dry-run":
      return [
        `\u2705 Every stage passed. Dry run: the changes were committed on the local branch ${branch} and written to \`changes.patch\` in the run's folder; your working tree is as it was, and nothing was pushed.`,
        ...commitFacts(d)
      ];
    case "not-requested":
      return [
        `\u2705 Every stage passed. The changes were committed on the runner's local branch ${branch}, but \`create-pr\` is \`false\`, so nothing was pushed and no pull request was opened.`,
        "",
        `To get a pull request, set \`create-pr: true\` under \`pipelines.relay-pipeline\` in the config. ${ENABLE_PULL_REQUESTS}`,
        ...commitFacts(d)
      ];
    case "push-failed":
      if (d.kept) {
        return [
          `\u26A0\uFE0F Every stage passed, but ${d.error}. The relay does not force-push over someone's commits, so nothing was pushed and no pull request was opened (branch ${branch} exists on the runner only). To let the relay push, merge or move that work and delete the branch on origin.`,
          ...commitFacts(d)
        ];
      }
      return d.denied ? [
        `\u26A0\uFE0F Every stage passed, but the token may not push to the repository, so nothing was pushed and no pull request was opened (branch ${branch} exists on the runner only).`,
        "",
        ENABLE_PULL_REQUESTS,
        "",
        details("What git said", codeBlock(d.error)),
        ...commitFacts(d)
      ] : [
        `\u26A0\uFE0F Every stage passed, but pushing the branch ${branch} failed, so no pull request was opened.`,
        "",
        details("What git said", codeBlock(d.error)),
        ...commitFacts(d)
      ];
    case "pr-failed": {
      const compare = `[open the pull request by hand](${repoUrl}/compare/${encodeURIComponent(d.base)}...${d.commit.branch}?expand=1)`;
      const how = d.denied ? ["", ENABLE_PULL_REQUESTS] : [];
      const head = `\u26A0\uFE0F Every stage passed, but the pull request could not be opened: ${d.error}.`;
      const fate = d.pushed.state === "removed" ? `The branch ${branch} this run had pushed was deleted from origin again, so nothing of this run is left there; the commit is on the runner's local branch only.` : d.pushed.state === "kept-existing" ? `The branch \`${d.commit.branch}\` already existed on origin with an earlier relay's commit (\`${d.pushed.replaced.slice(0, 12)}\`); this run replaced it with ${branch} and left it there, so you can ${compare}.` : `This run had pushed the branch ${branch}, and deleting it again failed (${d.pushed.error}): delete it on origin, or ${compare}.`;
      return [`${head} ${fate}`, ...how, ...commitFacts(d)];
    }
    case "pushed":
      return [
        `\u2705 Every stage passed. Pushed ${branch} on top of \`${d.previousHead.slice(0, 12)}\` (a fast-forward) to pull request #${d.number}: ${d.url}.`,
        ...commitFacts(d)
      ];
    case "pull-request":
      return [
        `\u2705 Every stage passed. ${d.existing ? "The existing pull request was updated" : "Pull request opened"}: ${d.url} (branch ${branch} into \`${d.base}\`).`,
        ...commitFacts(d)
      ];
  }
}
function followUpPushFailed(d, pullNumber) {
  return [
    `\u26A0\uFE0F Every stage passed, but pushing \`${d.commit.sha.slice(0, 12)}\` onto \`${d.commit.branch}\` failed, so pull request #${pullNumber} is as it was. The relay only adds commits on top of the branch's head and never force-pushes: if someone pushed meanwhile, ask again.`,
    ...d.denied ? ["", ENABLE_PULL_REQUESTS] : [],
    "",
    details("What went wrong", codeBlock(d.error)),
    ...commitFacts(d)
  ];
}
function renderRelayResult(outcome, context) {
  const parts = ["### \u{1F3C1} Relay result", ""];
  if (outcome.followUp)
    parts.push(`Follow-up on pull request #${outcome.followUp.pullNumber}: ${outcome.followUp.reason}.`, "");
  if (outcome.status === "cancelled")
    parts.push(
      "\u{1F6AB} The workflow was cancelled; the relay stopped. No branch was pushed and no pull request was opened."
    );
  else if (outcome.failure)
    parts.push(failureText(outcome.failure), "", "No branch was pushed and no pull request was opened.");
  else if (outcome.followUp && outcome.delivery?.kind === "push-failed")
    parts.push(...followUpPushFailed(outcome.delivery, outcome.followUp.pullNumber));
  else if (outcome.delivery) parts.push(...deliveryText(outcome.delivery, context.repoUrl));
  else parts.push(`\u274C The relay could not finish: ${outcome.error ?? "unknown error"}`);
  const reverted = outcome.executions.filter((e) => e.revertedConfig.length > 0);
  if (reverted.length > 0) {
    const which = reverted.map((e) => `**${e.stage}** (round ${e.round}: ${e.revertedConfig.map((p) => `\`${p}\``).join(", ")})`).join("; ");
    parts.push(
      "",
      `> [!WARNING]
> Changes to agent-CLI configuration were reverted and are not in the commit: ${which}. A maintainer must make such changes by hand.`
    );
  }
  const stages = outcome.executions;
  if (stages.length > 0)
    parts.push("", details("Every stage run", renderStageTable(stages, { links: true }).join("\n")));
  parts.push(
    "",
    `<sub>AI Orchestra \xB7 relay-pipeline${context.runUrl ? ` \xB7 [workflow run](${context.runUrl})` : ""}</sub>`
  );
  return parts.join("\n");
}
function renderRelaySummary(outcome, target) {
  const head = [
    `## \u{1F3BC} AI Orchestra \xB7 relay-pipeline \xB7 ${target}`,
    `**Status:** ${outcome.status}${outcome.error ? ` \u2014 ${outcome.error}` : ""}`,
    ""
  ].join("\n");
  const result = outcome.comments.get("result") ?? "";
  let remaining = SUMMARY_BUDGET - head.length - result.length - 200;
  const reports = [...outcome.comments].filter(([key]) => key.startsWith("stage:"));
  const blocks = reports.map(([key, body]) => {
    const text = body.length > remaining ? `${body.slice(0, Math.max(0, remaining))}

_(cut: the job summary is limited to 1 MiB; see result-file)_` : body;
    remaining = Math.max(0, remaining - text.length);
    return details(`Report ${key.slice("stage:".length)}`, text);
  });
  const total = usageTotalLine(outcome.runs);
  return [head, ...total ? [total, ""] : [], result, "", "### Stage reports", ...blocks].join("\n");
}
function relayRecord(outcome) {
  return {
    relay: {
      branch: outcome.branch,
      prUrl: outcome.prUrl,
      delivery: outcome.delivery?.kind,
      failure: outcome.failure,
      stages: outcome.executions.map((e) => ({
        stage: e.stage,
        agent: e.agent,
        round: e.round,
        passed: e.passed,
        verdict: e.verdict?.found ? e.verdict.word : void 0,
        reason: e.reason,
        command: e.command ? { argv: e.command.argv, exitCode: e.command.exitCode } : void 0
      })),
      ...outcome.followUp ? { followUp: outcome.followUp } : {}
    }
  };
}

export {
  verdictText,
  renderStageComment,
  cleanTitle,
  relayBranch,
  isRelayCommit,
  describeCommit,
  renderCommitMessage,
  renderPullRequestBody,
  renderRelayResult,
  renderRelaySummary,
  relayRecord
};
