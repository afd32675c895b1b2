import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/pipelines/relay-pipeline/ci-rounds.ts
var ciRoundKey = (round) => `ci-fix:round-${round}`;
var ciStoppedKey = (lastRound) => `ci-fix:stopped-after-${lastRound}`;
var STOPPED_KEY = /^ci-fix:stopped-after-\d+$/;
var ROUND_KEY = /^ci-fix:round-(\d+)$/;
var MAINTAINERS = /* @__PURE__ */ new Set(["OWNER", "MEMBER", "COLLABORATOR"]);
var roundHeadLine = (branch, sha) => `CI failed on \`${branch}\` at \`${sha.slice(0, 12)}\``;
var ROUND_HEAD = /CI failed on `[^`\n]+` at `([0-9a-f]{12})`/;
function countCiRounds(comments, pipeline, command) {
  let used = 0;
  let highest = 0;
  let stopped = false;
  let heads = [];
  for (const c of comments) {
    if (c.ours && c.marker?.pipeline === pipeline) {
      const round = ROUND_KEY.exec(c.marker.key);
      if (round) {
        used++;
        highest = Math.max(highest, Number(round[1]));
        const head = ROUND_HEAD.exec(c.body)?.[1];
        if (head) heads.push(head);
      } else if (STOPPED_KEY.test(c.marker.key)) {
        stopped = true;
      }
    } else if (!c.ours && MAINTAINERS.has(c.authorAssociation ?? "") && firstWord(c.body) === command) {
      used = 0;
      stopped = false;
      heads = [];
    }
  }
  return { used, next: highest + 1, stopped, heads };
}
function firstWord(body) {
  return body.replace(/^\uFEFF/, "").trimStart().split(/\s+/, 1)[0] ?? "";
}

// src/pipelines/relay-pipeline/config.ts
var DEFAULT_RUN_TIMEOUT_SEC = 900;
var DEFAULT_MAX_CI_ROUNDS = 2;
var DEFAULT_STAGE_INSTRUCTIONS = {
  implement: "Implement what the issue asks in this repository: edit the files, keep the change focused, and add or update tests where the repository has them. Do not commit.",
  test: "Verify the implementation: read the changes, check them against the issue, and look for bugs, missing cases and missing tests. Do not modify any file.",
  review: "Review the code changes as a careful maintainer would before merging: correctness, security, readability, tests. Do not modify any file."
};
function defaultRelay() {
  const stage = (name, agent, extra) => ({
    name,
    agent,
    instructions: DEFAULT_STAGE_INSTRUCTIONS[name],
    write: false,
    pass: ["PASS"],
    runTimeoutSec: DEFAULT_RUN_TIMEOUT_SEC,
    ...extra
  });
  return {
    label: "relay-pipeline",
    maxRounds: 2,
    createPr: true,
    allowProtectedPaths: [],
    ciFix: false,
    maxCiRounds: DEFAULT_MAX_CI_ROUNDS,
    stages: [
      stage("implement", "claude", { write: true, pass: ["DONE"] }),
      stage("test", "gemini", { pass: ["PASS"] }),
      stage("review", "codex", { pass: ["APPROVED"], onFail: "implement" })
    ]
  };
}

export {
  ciRoundKey,
  ciStoppedKey,
  roundHeadLine,
  countCiRounds,
  DEFAULT_RUN_TIMEOUT_SEC,
  DEFAULT_MAX_CI_ROUNDS,
  DEFAULT_STAGE_INSTRUCTIONS,
  defaultRelay
};
