import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  rowWriter
} from "./chunk-KSLFR2KM.js";
import "./chunk-SNMUNDWX.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import {
  renderAgentComment
} from "./chunk-ORDJ5YWL.js";
import {
  buildAnswerPrompt,
  postErrorOf,
  statusNote
} from "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/pipelines/ai-review/unit.ts
async function runReviewUnit(input, deps) {
  const rows = rowWriter(deps);
  const run = await deps.runner.run({
    agent: input.agent,
    prompt: buildAnswerPrompt(input.issue),
    mode: "read-only",
    role: "answer",
    onStart: () => rows.write({ agent: input.agent, role: "answer", state: "running", note: "running" })
  });
  const outcome = { run };
  if (input.commentMode !== "combined" && run.status !== "cancelled") {
    const index = input.agents.indexOf(input.agent) + 1;
    try {
      outcome.commentUrl = (await deps.reporter.upsertComment(
        `agent:${run.agent}`,
        renderAgentComment(run, { index, total: input.agents.length, runUrl: input.runUrl })
      )).url;
    } catch (error) {
      outcome.postError = postErrorOf(`agent:${run.agent}`, error);
    }
  }
  rows.write({
    agent: input.agent,
    role: "answer",
    state: run.status,
    durationMs: run.durationMs,
    note: statusNote(run, "answer"),
    commentUrl: outcome.commentUrl
  });
  await rows.done();
  return outcome;
}
export {
  runReviewUnit
};
