import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  describeJudging,
  judgeAnswers,
  vendorOf
} from "./chunk-GCZXAT56.js";
import {
  reviewJudges,
  reviewStatusEntries
} from "./chunk-PI3LH6V5.js";
import {
  notStarted,
  slotOf
} from "./chunk-XTWSEDL7.js";
import "./chunk-OOQD5VNY.js";
import {
  agentTable
} from "./chunk-7FWCJGND.js";
import "./chunk-6PUVZC3Q.js";
import {
  GITHUB_COMMENT_LIMIT
} from "./chunk-PODBMNDR.js";
import "./chunk-ERVVLCZQ.js";
import {
  sumRunUsage
} from "./chunk-MIUJ3WOL.js";
import {
  agentBody,
  agentFacts,
  renderAgentComment
} from "./chunk-ORDJ5YWL.js";
import {
  anonymize,
  buildAnswerPrompt,
  commentPoster,
  markCancelled,
  settleOutcome,
  shuffle,
  startOutcome,
  statusNote
} from "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import {
  cell,
  codeBlock,
  details,
  formatCost,
  formatDuration,
  formatTokens,
  neutralizeAgentMarkdown
} from "./chunk-KWI7WEHG.js";
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/pipelines/ai-review/answers-comment.ts
var ANSWERS_BUDGET = GITHUB_COMMENT_LIMIT - 2048;
var SEPARATOR = "\n\n---\n\n";
function renderAnswerSection(run, index) {
  const model = run.model ? ` \xB7 \`${run.model}\`` : "";
  return {
    index,
    text: [`#### ${index}. \u{1F916} ${run.agent}${model}`, `<sub>${agentFacts(run)}</sub>`, "", ...agentBody(run)].join("\n")
  };
}
function answersKey(part) {
  return part === 1 ? "answers" : `answers-${part}`;
}
function renderAnswersComment(input) {
  const first = input.sections[0]?.index;
  const last = input.sections.at(-1)?.index;
  const range = first === last ? `answer ${first}` : `answers ${first}\u2013${last}`;
  const run = input.runUrl ? ` \xB7 [workflow run](${input.runUrl})` : "";
  return [
    input.part === 1 ? "### \u{1F916} Answers" : "### \u{1F916} Answers (continued)",
    "",
    input.sections.map((s) => s.text).join(SEPARATOR),
    "",
    `<sub>AI Orchestra \xB7 ai-review \xB7 ${range} of ${input.total}${run}</sub>`
  ].join("\n");
}
function fitsWith(sections, section, budget = ANSWERS_BUDGET) {
  if (sections.length === 0) return true;
  const used = sections.reduce((sum, s) => sum + s.text.length + SEPARATOR.length, 0);
  return used + section.text.length <= budget;
}

// src/pipelines/ai-review/combined-answers.ts
var CombinedAnswers = class {
  constructor(write, context, gatherMs = 0) {
    this.write = write;
    this.context = context;
    this.gatherMs = gatherMs;
  }
  write;
  context;
  gatherMs;
  parts = [];
  /**
   * Adds an answer as the next section. Resolves once a write that includes it is done, with the URL of the comment that
   * holds it (undefined if that write failed). Answers arriving while a comment is being written go in its next write.
   */
  add(run, index) {
    const section = renderAnswerSection(run, index);
    let part = this.parts.at(-1);
    if (!part || !fitsWith(part.sections, section)) {
      part = {
        key: answersKey(this.parts.length + 1),
        number: this.parts.length + 1,
        sections: [],
        dirty: false,
        waiting: []
      };
      this.parts.push(part);
    }
    part.sections.push(section);
    const target = part;
    return new Promise((resolve) => {
      target.waiting.push(resolve);
      this.schedule(target);
    });
  }
  schedule(part) {
    part.dirty = true;
    part.writing ??= this.drain(part).finally(() => {
      part.writing = void 0;
      if (part.dirty) this.schedule(part);
    });
  }
  async drain(part) {
    while (part.dirty) {
      if (this.gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
      part.dirty = false;
      const waiting = part.waiting.splice(0);
      const body = renderAnswersComment({ part: part.number, sections: part.sections, ...this.context });
      const url = await this.write(part.key, body).catch(() => void 0);
      for (const resolve of waiting) resolve(url);
    }
  }
};

// src/pipelines/ai-review/review-comment.ts
function fairRanking(judgement) {
  return { rows: judgement.aggregate.rows, method: describeJudging(judgement) };
}
var MEDALS = ["\u{1F947}", "\u{1F948}", "\u{1F949}"];
var STATUS_WORDS = {
  success: "answered",
  failure: "failed",
  timeout: "timed out",
  cancelled: "cancelled",
  budget: "stopped: budget"
};
function agentLink(run, commentUrls) {
  const url = commentUrls.get(slotOf(run));
  const name = run.inPlaceOf ? `${run.agent} (in place of ${run.inPlaceOf.agent})` : run.agent;
  return url ? `[${name}](${url})` : name;
}
function lengthCell(run) {
  if (!run) return "";
  const words = run.answer.trim().split(/\s+/).filter(Boolean).length;
  return `${formatInteger(words)} words`;
}
function rankLabel(row) {
  if (row.tied) return `=${row.rank}`;
  return MEDALS[row.rank - 1] ?? String(row.rank);
}
function fairTable(input, fair) {
  const reasons = new Map(input.review.ranking.map((r) => [r.letter, r.reason]));
  return [
    "| Rank | Agent | Answer | Length | Confidence | Why |",
    "|:---:|---|:---:|---:|:---:|---|",
    ...fair.rows.map((row) => {
      const run = input.answers.get(row.letter);
      const confidence = row.confidence === "high" ? "high" : "\u26A0\uFE0F low";
      const why = row.seenBy === 0 ? "not ranked by any judge" : reasons.get(row.letter) ?? "";
      return `| ${rankLabel(row)} | ${run ? agentLink(run, input.commentUrls) : "?"} | ${row.letter} | ${lengthCell(run)} | ${confidence} | ${cell(why)} |`;
    })
  ];
}
function rankingTable(input) {
  const { review: review2, answers, commentUrls } = input;
  const row = (rank, letter, reason) => {
    const run = answers.get(letter);
    return `| ${rank} | ${run ? agentLink(run, commentUrls) : "?"} | ${letter} | ${cell(reason)} |`;
  };
  return [
    "| Rank | Agent | Answer | Why |",
    "|:---:|---|:---:|---|",
    ...review2.ranking.map((r, i) => row(MEDALS[i] ?? String(i + 1), r.letter, r.reason)),
    ...review2.unranked.map((letter) => row("\u2013", letter, "not ranked by the reviewer"))
  ];
}
function nameAnswerLetters(text, answers) {
  const letters = [...answers.keys()].sort((a, b) => b.length - a.length).join("|");
  if (!letters) return text;
  const one = `(?:${letters})\\b(?!\\s*\\()`;
  const phrase = new RegExp(`\\b([Aa]nswers?)\\s+(${one}(?:\\s*(?:,|and|or|&|vs\\.?)\\s*${one})*)`, "g");
  return text.replace(
    phrase,
    (_m, word, list) => `${word} ${list.replace(new RegExp(`\\b(${letters})\\b`, "g"), (letter) => `${letter} (${answers.get(letter)?.agent ?? "?"})`)}`
  );
}
function leftOut(failed, notes) {
  return `> [!WARNING]
> Left out of this review: ${failed.map((r) => `**${slotOf(r)}** (${notes?.get(slotOf(r)) ?? STATUS_WORDS[r.status]})`).join(", ")}.`;
}
function fallbackNotes(answers) {
  const lines = [...answers.values()].filter((r) => r.inPlaceOf).map((r) => `> Answered by **${r.agent}** in place of **${r.inPlaceOf.agent}**, because ${r.inPlaceOf.reason}.`);
  return lines.length > 0 ? ["> [!NOTE]", ...lines, ""] : [];
}
function renderReviewComment(input) {
  const { review: review2, reviewer, failed, answers } = input;
  const count = `${answers.size} answer${answers.size === 1 ? "" : "s"}`;
  const facts = [
    `reviewed ${count} in ${formatDuration(reviewer.durationMs)}`,
    formatTokens(reviewer.usage),
    formatCost(reviewer.usage)
  ];
  const parts = [
    `### \u{1F9ED} Review by ${reviewer.agent}${reviewer.model ? ` \xB7 \`${reviewer.model}\`` : ""}`,
    `<sub>${facts.filter(Boolean).join(" \xB7 ")}</sub>`,
    ""
  ];
  if (failed.length > 0) parts.push(leftOut(failed, input.failedNotes), "");
  parts.push(...fallbackNotes(answers));
  if (review2.structured) {
    parts.push("#### Ranking", ...input.fair ? fairTable(input, input.fair) : rankingTable(input), "");
    if (review2.ranking.length === 0) parts.push("_The reviewer gave no ranking in the expected form._", "");
    parts.push(
      "#### Synthesis",
      neutralizeAgentMarkdown(nameAnswerLetters(review2.synthesis, answers)) || "_The reviewer gave no synthesis._",
      ""
    );
    parts.push(
      "#### Disagreements",
      neutralizeAgentMarkdown(nameAnswerLetters(review2.disagreements, answers)) || "_None noted._",
      ""
    );
  } else {
    parts.push(
      "_The reviewer did not answer in the expected form; its answer follows as written._",
      "",
      neutralizeAgentMarkdown(nameAnswerLetters(review2.synthesis, answers)),
      ""
    );
  }
  const legend = [...answers].map(([letter, run]) => `${letter} = ${run.agent}`).join(", ");
  const who = input.fair ? "The judges" : "The reviewer";
  const seen = `${who} saw the answers anonymized and in random order as ${[...answers.keys()].join(", ")}; the letters were mapped back afterwards: ${legend}.`;
  parts.push(
    details("How this review was made", input.fair ? `${seen} ${input.fair.method}` : seen),
    "",
    `<sub>AI Orchestra \xB7 ai-review${input.runUrl ? ` \xB7 [workflow run](${input.runUrl})` : ""}</sub>`
  );
  return parts.join("\n");
}
function renderReviewFailure(reviewer, answered, runUrl) {
  return [
    `### \u{1F9ED} Review by ${reviewer.agent}`,
    `<sub>${STATUS_WORDS[reviewer.status]} after ${formatDuration(reviewer.durationMs)}</sub>`,
    "",
    `\u274C The reviewer could not review the ${answered} answer${answered === 1 ? "" : "s"} above: ${neutralizeAgentMarkdown(reviewer.error ?? "unknown error")}`,
    ...reviewer.outputTail.trim() ? ["", details("Last lines of output", codeBlock(reviewer.outputTail.trimEnd()))] : [],
    "",
    `<sub>AI Orchestra \xB7 ai-review${runUrl ? ` \xB7 [workflow run](${runUrl})` : ""}</sub>`
  ].join("\n");
}
function renderNoAnswers(failed, runUrl) {
  return [
    "### \u{1F9ED} Review",
    "",
    `\u274C No agent answered, so there is nothing to review: ${failed.map((r) => `**${r.agent}** ${STATUS_WORDS[r.status]} (${neutralizeAgentMarkdown(r.error ?? "no error given")})`).join("; ")}.`,
    "",
    `<sub>AI Orchestra \xB7 ai-review${runUrl ? ` \xB7 [workflow run](${runUrl})` : ""}</sub>`
  ].join("\n");
}

// src/pipelines/ai-review/pipeline.ts
function reviewRecord(judgement, letters) {
  const agentOf = (letter) => letters.get(letter)?.agent ?? letter;
  const rows = [...judgement.aggregate.rows].sort((a, b) => a.rank - b.rank);
  return {
    reviewer: judgement.runs.map((j) => j.run.agent).join(", "),
    ranking: rows.filter((r) => r.seenBy > 0).map((r) => agentOf(r.letter)),
    unranked: rows.filter((r) => r.seenBy === 0).map((r) => agentOf(r.letter)),
    confidence: judgement.aggregate.disputed.length === 0 ? "high" : "low"
  };
}
function slotNote(run, note) {
  return run.inPlaceOf ? `${note} by ${run.agent} in place of ${run.inPlaceOf.agent}` : note;
}
async function runReviewPipeline(input, deps) {
  const outcome = startOutcome();
  const urls = /* @__PURE__ */ new Map();
  const { post, send, failure } = commentPoster(deps.reporter, outcome.comments);
  const acknowledged = input.collected ? Promise.resolve() : deps.reporter.acknowledge().catch(() => void 0);
  const board = agentTable(deps.status);
  return settleOutcome(outcome, deps, acknowledged, async () => {
    const prompt = buildAnswerPrompt(input.issue);
    const publisher = answerPublisher(input, outcome, { board, urls, post, send }, deps.pacing?.gatherMs);
    outcome.runs = input.collected ? publishCollected(input.collected, publisher) : await runAnswers(input, deps, board, prompt, publisher);
    if (deps.signal.aborted) return markCancelled(outcome);
    await review(input, deps, outcome, { board, urls, post, send, published: publisher.published() });
    const unposted = failure();
    if (unposted) {
      outcome.status = "failure";
      outcome.error = unposted;
    }
  });
}
function runAnswers(input, deps, board, prompt, publisher) {
  const judges = reviewJudges(input.pipeline);
  const plan = deps.runner.plan?.({ answerers: input.pipeline.agents, prompt, judges, judgeRuns: 2 });
  if (plan?.note) deps.warn(plan.note);
  const left = new Map(plan?.left.map((l) => [l.agent, l.reason]));
  return Promise.all(
    input.pipeline.agents.map(async (agent) => {
      const reason = left.get(agent);
      if (reason !== void 0) {
        const run2 = notStarted(
          deps.runner.spec?.(agent) ?? { name: agent, args: [], env: {}, passEnv: [], timeoutSec: 0 },
          { agent, prompt, mode: "read-only", role: "answer" },
          reason,
          "budget"
        );
        publisher.publish(run2);
        return run2;
      }
      const run = await deps.runner.run({
        agent,
        prompt,
        mode: "read-only",
        role: "answer",
        onStart: () => board.update(agent, "answer", { state: "running", note: "running" })
      });
      publisher.publish(run);
      return run;
    })
  );
}
function publishCollected(collected, publisher) {
  const byFinish = [...collected.runs].sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
  for (const run of byFinish) publisher.publish(run, collected.notes?.get(run.agent));
  return [...collected.runs];
}
function answerPublisher(input, outcome, ctx, gatherMs) {
  const total = input.pipeline.agents.length;
  const combined = input.commentMode === "combined" ? new CombinedAnswers(ctx.send, { total, runUrl: input.runUrl }, gatherMs) : void 0;
  const pending = [];
  let finished = 0;
  return {
    publish(run, note) {
      const slot = slotOf(run);
      ctx.board.update(slot, "answer", {
        state: run.status,
        durationMs: run.durationMs,
        note: note ?? slotNote(run, statusNote(run, "answer")),
        usage: run.usage,
        error: run.error
      });
      const posted = (url) => {
        if (!url) return;
        ctx.urls.set(slot, url);
        ctx.board.set(slot, "answer", { commentUrl: url });
      };
      if (run.status === "cancelled") return posted();
      const index = ++finished;
      const comment = renderAgentComment(run, { index, total, runUrl: input.runUrl });
      if (combined) {
        outcome.comments.set(`agent:${slot}`, comment);
        pending.push(combined.add(run, index).then(posted));
      } else {
        pending.push(ctx.post(`agent:${slot}`, comment).then(posted));
      }
    },
    published: () => Promise.all(pending).then(() => void 0)
  };
}
function markJudges(judges, runs, board) {
  for (const judge of judges) {
    const own = runs.filter((j) => j.judge === judge).map((j) => j.run);
    const best = own.find((r) => r.status === "success") ?? own[0];
    if (!best) board.set(judge, "reviewer", { state: "skipped", note: "no other vendor's answers to rank" });
    else
      board.set(judge, "reviewer", {
        state: best.status,
        durationMs: Math.max(...own.map((r) => r.durationMs)),
        note: statusNote(best, "review"),
        usage: sumRunUsage(own)
      });
  }
}
async function review(input, deps, outcome, ctx) {
  const judges = reviewJudges(input.pipeline);
  const answered = outcome.runs.filter((r) => r.status === "success");
  const failed = outcome.runs.filter((r) => r.status !== "success");
  const conclude = async (body2) => {
    const [url2] = await Promise.all([ctx.post("review", body2), deps.reporter.addLabel(input.processedLabel)]);
    return url2;
  };
  if (answered.length === 0) {
    await ctx.published;
    await conclude(renderNoAnswers(failed, input.runUrl));
    for (const judge of judges) ctx.board.set(judge, "reviewer", { state: "skipped", note: "no answers to review" });
    outcome.error = `No agent answered: ${failed.map((r) => `${slotOf(r)}: ${r.error ?? r.status}`).join("; ")}`;
    return;
  }
  const { candidates, letters } = anonymize(
    answered,
    (run, letter) => ({ letter, text: run.answer, vendor: vendorOf(run) }),
    deps.random
  );
  const judgement = await judgeAnswers({
    issue: input.issue,
    candidates,
    judges: judges.map((agent) => ({ agent, vendor: vendorOf({ name: agent, ...deps.runner.spec?.(agent) }) })),
    runner: deps.runner,
    onStart: (judge) => ctx.board.update(judge, "reviewer", { state: "running", note: "reviewing" })
  });
  outcome.runs.push(...judgement.runs.map((j) => j.run));
  markJudges(judges, judgement.runs, ctx.board);
  await ctx.published;
  const primary = judgement.runs.find((j) => j.review !== void 0);
  if (!primary?.review) {
    const first = judgement.runs[0].run;
    const url2 = await conclude(renderReviewFailure(first, answered.length, input.runUrl));
    for (const judge of judges) ctx.board.set(judge, "reviewer", { commentUrl: url2 });
    outcome.error = `The reviewer ${first.agent} failed: ${first.error ?? first.status}`;
    if (deps.signal.aborted) outcome.status = "cancelled";
    return;
  }
  outcome.review = reviewRecord(judgement, letters);
  const body = renderReviewComment({
    review: primary.review,
    answers: letters,
    reviewer: primary.run,
    failed,
    commentUrls: ctx.urls,
    runUrl: input.runUrl,
    failedNotes: input.collected?.notes,
    fair: fairRanking(judgement)
  });
  const url = await conclude(body);
  for (const judge of judges) ctx.board.set(judge, "reviewer", { commentUrl: url });
  outcome.status = "success";
}
export {
  reviewStatusEntries,
  runReviewPipeline,
  shuffle,
  statusNote
};
