import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  validateJsonl
} from "./chunk-LM5IIIQJ.js";
import {
  datasetBaseName,
  datasetFileNames,
  dpoRow,
  openAiChatRow,
  toJsonl,
  trlSftRow
} from "./chunk-NB3O4JBA.js";
import {
  judgeAnswers,
  preferencePair
} from "./chunk-GCZXAT56.js";
import {
  notStarted
} from "./chunk-XTWSEDL7.js";
import {
  agentTable
} from "./chunk-7FWCJGND.js";
import {
  sumRunUsage
} from "./chunk-MIUJ3WOL.js";
import {
  anonymize,
  commentPoster,
  markCancelled,
  settleOutcome,
  startOutcome,
  statusNote
} from "./chunk-INKC534X.js";
import {
  fenceIssue,
  sanitizeUntrusted
} from "./chunk-ESIXY7EP.js";
import {
  cell,
  codeBlock,
  details,
  formatTokens,
  sanitizeRecordDeep,
  sanitizeRecordText
} from "./chunk-KWI7WEHG.js";
import {
  formatInteger
} from "./chunk-UI6OCMSN.js";

// src/dataset/ids.ts
import { createHash } from "node:crypto";
function sha256(parts) {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
function exampleId(e) {
  return sha256(["example", e.system, e.user, e.persona, e.agent]);
}
function pairId(p) {
  return sha256(["pair", p.user, p.chosen.persona, p.chosen.agent, p.rejected.persona, p.rejected.agent]);
}
function textSha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

// src/dataset/build.ts
function tokens(r) {
  return { input: r.inputTokens ?? null, output: r.outputTokens ?? null };
}
function origin(p) {
  return {
    repository: p.repository,
    issue_number: p.issueNumber,
    issue_url: p.issueUrl,
    run_url: p.runUrl ?? null,
    commit_sha: p.commitSha ?? null,
    prompt_template_sha256: p.promptTemplateSha256
  };
}
function producer(r) {
  return {
    agent: r.agent,
    cli: r.cli,
    model: r.model ?? null,
    cli_version: r.cliVersion ?? null,
    duration_ms: r.durationMs,
    tokens: tokens(r)
  };
}
function answerMeta(id, a, p) {
  return {
    id,
    persona: a.persona,
    ...producer(a),
    ...origin(p),
    prompt_sha256: a.promptSha256,
    created_at: a.finishedAt
  };
}
function preferenceMeta(id, pref, p) {
  return {
    id,
    chosen: { persona: pref.chosen.persona, ...producer(pref.chosen) },
    rejected: { persona: pref.rejected.persona, ...producer(pref.rejected) },
    reviewer: producer(pref.reviewer),
    ranking: pref.ranking,
    confidence: {
      level: pref.confidence.level,
      rankings: pref.confidence.rankings,
      agreeing: pref.confidence.agreeing,
      orders: pref.confidence.orders
    },
    ...origin(p),
    created_at: pref.reviewer.finishedAt
  };
}
function buildDatasets(input) {
  const { user, provenance } = input;
  return input.formats.map((format) => {
    if (format === "dpo") {
      const pref = input.preference;
      if (!pref) return { format, rows: [], meta: [] };
      const id = pairId({ user, chosen: pref.chosen, rejected: pref.rejected });
      return {
        format,
        rows: [dpoRow({ user, chosen: pref.chosen.answer, rejected: pref.rejected.answer })],
        meta: [preferenceMeta(id, pref, provenance)]
      };
    }
    const toRow = format === "openai-chat" ? openAiChatRow : trlSftRow;
    return {
      format,
      rows: input.answers.map((a) => toRow({ system: a.system, user, answer: a.answer })),
      meta: input.answers.map(
        (a) => answerMeta(exampleId({ system: a.system, user, persona: a.persona, agent: a.agent }), a, provenance)
      )
    };
  });
}

// src/dataset/hygiene.ts
var EMAIL_PLACEHOLDER = "[REDACTED EMAIL]";
var EMAIL = /(?<![A-Za-z0-9._%+-])(?!git@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
function redactEmails(text) {
  return text.replace(EMAIL, EMAIL_PLACEHOLDER);
}
function redactEmailsDeep(value) {
  return JSON.parse(JSON.stringify(value, (_key, v) => typeof v === "string" ? redactEmails(v) : v));
}
var ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
var CHATTER_LINES = [
  /^Loaded cached credentials\.?$/i,
  /^Data collection is disabled\.?$/i,
  /^YOLO mode is enabled\b.*$/i,
  /^Using (?:model|the model)\b.*$/i,
  /^\[(?:DEBUG|INFO|WARN|WARNING|ERROR)\]\s.*$/,
  /^\[\d{4}-\d\d-\d\dT[\d:.]+Z?\]\s.*$/,
  // codex text-mode log lines: "[2025-01-02T03:04:05] tokens used: 123"
  /^tokens used:?\s*[\d,]*$/i
];
var TOKEN_COUNT = /^[\d,]+$/;
function isChatter(line) {
  const trimmed = line.trim();
  return trimmed === "" || CHATTER_LINES.some((p) => p.test(trimmed));
}
function stripToolChatter(text) {
  const lines = text.replace(ANSI, "").replace(/\r\n?/g, "\n").split("\n");
  const countAfter = (i) => /^tokens used:?$/i.test((lines[i] ?? "").trim()) && TOKEN_COUNT.test((lines[i + 1] ?? "").trim());
  let start = 0;
  while (start < lines.length && isChatter(lines[start] ?? "")) start += countAfter(start) ? 2 : 1;
  let end = lines.length;
  while (end > start) {
    const last = (lines[end - 1] ?? "").trim();
    if (TOKEN_COUNT.test(last) && end - 2 >= start && countAfter(end - 2)) end -= 2;
    else if (isChatter(last)) end -= 1;
    else break;
  }
  return lines.slice(start, end).join("\n").trim();
}
function normalizeForDuplicates(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function findDuplicates(texts) {
  const firstByKey = /* @__PURE__ */ new Map();
  return texts.map((text, i) => {
    const key = normalizeForDuplicates(text);
    const first = firstByKey.get(key);
    if (first !== void 0) return first;
    firstByKey.set(key, i);
    return void 0;
  });
}

// src/dataset/screen.ts
function screenAnswers(candidates, scrub) {
  const cleaned = candidates.map((c) => c.status === "success" ? scrub(stripToolChatter(c.answer)).trim() : "");
  const eligible = candidates.map((c, i) => c.status === "success" && cleaned[i] !== "");
  const indexes = cleaned.flatMap((_, i) => eligible[i] ? [i] : []);
  const duplicates = findDuplicates(indexes.map((i) => cleaned[i] ?? ""));
  const duplicateOf = new Map(
    indexes.map((i, k) => [i, duplicates[k] === void 0 ? void 0 : indexes[duplicates[k]]])
  );
  return candidates.map((c, i) => {
    if (c.status !== "success") return { kept: false, reason: c.status === "failure" ? "failed" : c.status };
    if (!eligible[i]) return { kept: false, reason: "empty" };
    const first = duplicateOf.get(i);
    if (first !== void 0) return { kept: false, reason: "duplicate", duplicateOf: candidates[first]?.persona };
    return { kept: true, answer: cleaned[i] ?? "" };
  });
}

// src/pipelines/persona-data/persona-comment.ts
function statusCell(line) {
  const { verdict, run } = line;
  if (verdict.kept) return "\u2705 kept";
  switch (verdict.reason) {
    case "failed":
      return run.exitCode !== null && run.exitCode !== 0 ? `\u274C failed (exit code ${run.exitCode})` : "\u274C failed";
    case "timeout":
      return "\u23F1\uFE0F timed out";
    case "cancelled":
      return "\u{1F6AB} cancelled";
    case "budget":
      return "\u{1F4B0} stopped: budget";
    case "empty":
      return "\u26AA empty answer";
    case "duplicate":
      return `\u267B\uFE0F duplicate of ${verdict.duplicateOf ?? "another answer"}`;
  }
}
function personaTable(lines) {
  return [
    "| Persona | Agent | Status | Length | Tokens |",
    "|---|---|---|---:|---|",
    ...lines.map(({ persona, run, verdict }, i) => {
      const agent = `${cell(run.agent)}${run.model ? ` \xB7 \`${cell(run.model)}\`` : ""}`;
      const length = verdict.kept ? `${formatInteger(verdict.answer.length)} chars` : "";
      return `| ${cell(persona)} | ${agent} | ${statusCell(lines[i])} | ${length} | ${formatTokens(run.usage) ?? ""} |`;
    })
  ];
}
function basename(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function datasetTable(datasets) {
  return [
    "| Format | File | Rows |",
    "|---|---|---:|",
    ...datasets.map(
      (d) => `| \`${d.format}\` | ${d.file ? `\`${cell(basename(d.file))}\`` : "_not written: no rows_"} | ${d.rows} |`
    )
  ];
}
function artifactLine(artifact, outputDir) {
  if (!artifact) return `**Files:** \`${outputDir}/\``;
  switch (artifact.status) {
    case "uploaded":
      return `**Artifact:** ${artifact.url ? `[${artifact.name}](${artifact.url})` : `\`${artifact.name}\``} (also in \`${outputDir}/\` in the workspace)`;
    case "skipped":
      return `**Artifact:** \`${artifact.name}\` not uploaded: ${artifact.reason}. The files are in \`${outputDir}/\`.`;
    case "failed":
      return `**Artifact:** \u274C \`${artifact.name}\` could not be uploaded: ${artifact.error}. The files are in \`${outputDir}/\` until the job ends.`;
  }
}
function preferenceLine(note) {
  if (!note.made) return `**Preference pair (dpo):** none, ${note.reason}.`;
  return `**Preference pair (dpo):** chosen **${note.chosen}**, rejected **${note.rejected}**; ${note.reviewer} ranked the anonymized answers ${note.ranking.join(" \u203A ")}.`;
}
function leftOut(lines) {
  const dropped = lines.filter((l) => !l.verdict.kept);
  if (dropped.length === 0) return [];
  const what = dropped.map(
    (l) => `**${l.persona}** (${l.run.agent}): ${statusCell(l).replace(/^\S+ /, "")}${l.run.error ? ` \u2014 ${l.run.error}` : ""}`
  );
  return ["> [!WARNING]", `> Left out of the datasets: ${what.map((w) => cell(w)).join("; ")}.`, ""];
}
function footer(runUrl) {
  return `<sub>AI Orchestra \xB7 persona-data${runUrl ? ` \xB7 [workflow run](${runUrl})` : ""}</sub>`;
}
function renderPersonaComment(input) {
  const kept = input.lines.filter((l) => l.verdict.kept).length;
  return [
    `### \u{1F3AD} Persona datasets \xB7 ${kept} of ${input.lines.length} answers kept`,
    "",
    ...leftOut(input.lines),
    ...personaTable(input.lines),
    "",
    ...datasetTable(input.datasets),
    "",
    ...input.preference ? [preferenceLine(input.preference), ""] : [],
    artifactLine(input.artifact, input.outputDir),
    "",
    details(
      "How these rows were made",
      [
        "Each persona answered through its CLI with its own system prompt (its style and focus) and the same user prompt: the problem from this issue.",
        "Failed, empty and duplicate answers were dropped; secrets and e-mail addresses were redacted; every line was validated against its format.",
        `Each \`<name>.jsonl\` has a \`<name>.meta.jsonl\` beside it with one provenance line per row, joined by \`id\`.`
      ].join(" ")
    ),
    "",
    footer(input.runUrl)
  ].join("\n");
}
function renderNoPersonaAnswers(lines, runUrl) {
  return [
    "### \u{1F3AD} Persona datasets",
    "",
    `\u274C No persona produced a usable answer, so no dataset was written.`,
    "",
    ...personaTable(lines),
    "",
    ...lines.filter((l) => l.run.outputTail.trim() && !l.verdict.kept).map(
      (l) => details(`Last lines of output: ${l.persona} (${l.run.agent})`, codeBlock(l.run.outputTail.trimEnd()))
    ),
    "",
    footer(runUrl)
  ].join("\n");
}

// src/pipelines/persona-data/prompt.ts
function focusSentence(focus) {
  if (focus.length === 0) return "";
  const list = focus.length === 1 ? focus[0] : `${focus.slice(0, -1).join(", ")} and ${focus.at(-1)}`;
  return ` Your focus: ${list}.`;
}
function personaSystemPrompt(persona) {
  return `You are an expert software engineer. ${persona.style.trim()}${focusSentence(persona.focus)} Answer the user's problem in that spirit: concrete, correct and complete, in Markdown.`;
}
function problemPrompt(issue) {
  const title = sanitizeUntrusted(issue.title, 1e3).replace(/\s+/g, " ").trim();
  const body = sanitizeUntrusted(issue.body).trim();
  return body ? `${title}

${body}` : title;
}
function neutralTaskPrompt(issue) {
  return [
    fenceIssue(issue),
    "",
    "Answer the problem in this issue as the persona described above would.",
    "Your answer must stand on its own for a reader who sees only the problem: do not refer to these instructions,",
    "to the persona, to the issue number or to files you may have read. Do not modify any file."
  ].join("\n");
}
function composeAgentPrompt(system, task) {
  return ["## Your persona (system prompt)", system, "", "## The task", task].join("\n");
}
var PERSONA_PROMPT_TEMPLATE = [
  personaSystemPrompt({ style: "{style}", focus: ["{focus}"] }),
  problemPrompt({ repository: "{repository}", number: 0, title: "{title}", body: "{body}" }),
  composeAgentPrompt(
    "{system}",
    neutralTaskPrompt({ repository: "{repository}", number: 0, title: "{title}", body: "{body}" })
  ).replace(/UNTRUSTED-ISSUE-[0-9a-f]+/g, "{boundary}")
].join("\n\n=====\n\n");

// src/pipelines/persona-data/pipeline.ts
function artifactName(issueNumber) {
  return `persona-data-issue-${issueNumber}`;
}
function runNote(run) {
  return statusNote(run, "answered");
}
function answerAsPersona(persona, task, runner, onStart) {
  return runner.run({
    agent: persona.agent,
    prompt: composeAgentPrompt(personaSystemPrompt(persona), task),
    mode: "read-only",
    role: `persona-${persona.name}`,
    onStart
  });
}
async function runPersonaPipeline(input, deps) {
  const outcome = startOutcome({ report: { dir: deps.sink.dir, datasets: [], lines: [] } });
  const acknowledged = input.collected ? Promise.resolve() : deps.reporter.acknowledge().catch(() => void 0);
  const board = agentTable(deps.status);
  const ctx = {
    input,
    deps,
    outcome,
    board,
    scrub: (text) => redactEmails(sanitizeRecordText(text, deps.redactor))
  };
  return settleOutcome(outcome, deps, acknowledged, () => produce(ctx));
}
async function produce(ctx) {
  const { input, deps, outcome } = ctx;
  const poster = commentPoster(deps.reporter, outcome.comments);
  const post = (body) => poster.post("datasets", body);
  const lines = await answerAsPersonas(ctx);
  outcome.report.lines = lines;
  if (deps.signal.aborted) return void markCancelled(outcome);
  const kept = keptAnswers(ctx, lines);
  if (kept.length === 0) {
    ctx.board.update(input.pipeline.reviewer, "reviewer", { state: "skipped", note: "no answers to rank" });
    await post(renderNoPersonaAnswers(lines, input.runUrl));
    outcome.error = `No persona produced a usable answer: ${lines.map((l) => `${l.persona} (${l.run.agent}): ${l.run.error ?? (l.verdict.kept ? "kept" : l.verdict.reason)}`).join("; ")}`;
    await deps.reporter.addLabel(input.processedLabel);
    return;
  }
  const preference = input.pipeline.formats.includes("dpo") ? await rankAnswers(ctx, kept) : void 0;
  if (deps.signal.aborted) return void markCancelled(outcome);
  outcome.report.datasets = await writeDatasets(ctx, kept, preference);
  const files = outcome.report.datasets.flatMap((d) => d.file && d.metaFile ? [d.file, d.metaFile] : []);
  const artifact = await deps.sink.publish(artifactName(input.issue.number), files);
  outcome.report.artifact = artifact;
  const { report } = outcome;
  await post(
    renderPersonaComment({
      lines,
      datasets: report.datasets,
      outputDir: input.pipeline.outputDir,
      preference: report.preference,
      artifact,
      runUrl: input.runUrl
    })
  );
  const problems = [
    ...outcome.error ? [outcome.error] : [],
    ...artifact.status === "failed" ? [artifact.error] : [],
    ...[poster.failure()].filter((problem) => problem !== void 0)
  ];
  outcome.status = problems.length === 0 ? "success" : "failure";
  outcome.error = problems.length === 0 ? void 0 : problems.join(" ");
  await deps.reporter.addLabel(input.processedLabel);
}
async function answerAsPersonas(ctx) {
  const { input, deps, board } = ctx;
  const { collected } = input;
  const task = neutralTaskPrompt(input.issue);
  const judges = input.pipeline.formats.includes("dpo") ? [input.pipeline.reviewer] : [];
  const plan = collected ? void 0 : deps.runner.plan?.({
    answerers: input.pipeline.personas.map((p) => p.agent),
    prompt: task,
    judges,
    judgeRuns: 2
  });
  if (plan?.note) deps.warn(plan.note);
  const left = new Map(plan?.left.map((l) => [l.index, l.reason]));
  const runs = collected ? input.pipeline.personas.map((persona, i) => {
    const run = collected.runs[i];
    board.update(persona.agent, persona.name, {
      state: run.status,
      durationMs: run.durationMs,
      note: collected.notes?.get(persona.name) ?? runNote(run),
      usage: run.usage,
      error: run.error
    });
    return run;
  }) : await Promise.all(
    input.pipeline.personas.map(async (persona, i) => {
      const over = left.get(i);
      if (over !== void 0) {
        const run2 = notStarted(
          deps.runner.spec?.(persona.agent) ?? {
            name: persona.agent,
            args: [],
            env: {},
            passEnv: [],
            timeoutSec: 0
          },
          { agent: persona.agent, prompt: task, mode: "read-only", role: `persona-${persona.name}` },
          over,
          "budget"
        );
        board.update(persona.agent, persona.name, { state: run2.status, note: runNote(run2) });
        return run2;
      }
      const run = await answerAsPersona(
        persona,
        task,
        deps.runner,
        () => board.update(persona.agent, persona.name, { state: "running", note: "answering" })
      );
      board.update(persona.agent, persona.name, {
        state: run.status,
        durationMs: run.durationMs,
        note: runNote(run),
        usage: run.usage,
        error: run.error
      });
      return run;
    })
  );
  ctx.outcome.runs = [...runs];
  const verdicts = screenAnswers(
    runs.map((run, i) => ({ persona: input.pipeline.personas[i].name, status: run.status, answer: run.answer })),
    ctx.scrub
  );
  return runs.map((run, i) => ({ persona: input.pipeline.personas[i].name, run, verdict: verdicts[i] }));
}
function keptAnswers(ctx, lines) {
  const personas = new Map(ctx.input.pipeline.personas.map((p) => [p.name, p]));
  return lines.flatMap(({ persona, run, verdict }) => {
    if (!verdict.kept) {
      if (run.status === "success") {
        const note = verdict.reason === "duplicate" ? `duplicate of ${verdict.duplicateOf}: not written` : "empty answer: not written";
        ctx.board.update(run.agent, persona, { state: "skipped", note });
      }
      return [];
    }
    const spec = personas.get(persona);
    return [
      {
        persona,
        agent: run.agent,
        cli: run.cli,
        model: run.model,
        cliVersion: run.cliVersion,
        system: ctx.scrub(personaSystemPrompt(spec)),
        answer: verdict.answer,
        durationMs: run.durationMs,
        inputTokens: run.usage.inputTokens,
        outputTokens: run.usage.outputTokens,
        promptSha256: run.promptSha256,
        finishedAt: run.finishedAt
      }
    ];
  });
}
async function rankAnswers(ctx, kept) {
  const { input, deps, outcome, board } = ctx;
  const { reviewer } = input.pipeline;
  const none = (reason) => {
    outcome.report.preference = { made: false, reason };
    return void 0;
  };
  if (kept.length < 2) {
    board.update(reviewer, "reviewer", { state: "skipped", note: "a pair needs two answers" });
    return none("only one answer was kept, and a pair needs two");
  }
  const { candidates, letters } = anonymize(
    kept,
    (answer, letter) => ({ letter, text: answer.answer, vendor: answer.cli }),
    deps.random
  );
  const judgement = await judgeAnswers({
    issue: input.issue,
    candidates,
    judges: [{ agent: reviewer, vendor: "" }],
    runner: deps.runner,
    onStart: () => board.update(reviewer, "reviewer", { state: "running", note: "ranking the answers" })
  });
  const runs = judgement.runs.map((j) => j.run);
  outcome.runs.push(...runs);
  const run = runs.find((r) => r.status === "success") ?? runs[0];
  const usage = sumRunUsage(runs);
  if (run.status !== "success") {
    board.update(reviewer, "reviewer", { state: run.status, durationMs: run.durationMs, note: runNote(run), usage });
    outcome.error = `The reviewer ${reviewer} ${runNote(run)}: ${run.error ?? run.status}; the dpo file has no pair.`;
    return none(`the reviewer ${reviewer} ${runNote(run)}`);
  }
  const orders = judgement.rankings.map((r) => r.ranked.map((letter) => letters.get(letter).persona));
  const pair = preferencePair(judgement);
  if ("none" in pair) {
    board.update(reviewer, "reviewer", { state: "success", durationMs: run.durationMs, note: "no pair", usage });
    return none(pair.none.startsWith("ranked") ? `the reviewer ${reviewer} ${pair.none}` : pair.none);
  }
  board.update(reviewer, "reviewer", { state: "success", durationMs: run.durationMs, note: "ranked", usage });
  const chosen = letters.get(pair.best);
  const rejected = letters.get(pair.worst);
  const ranking = judgement.aggregate.rows.filter((r) => r.seenBy > 0).map((r) => letters.get(r.letter).persona);
  outcome.report.preference = { made: true, chosen: chosen.persona, rejected: rejected.persona, ranking, reviewer };
  const reviewerRecord = {
    agent: run.agent,
    cli: run.cli,
    model: run.model,
    cliVersion: run.cliVersion,
    durationMs: run.durationMs,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    finishedAt: run.finishedAt
  };
  const confidence = { level: "high", rankings: judgement.rankings.length, agreeing: pair.agreeing, orders };
  return { chosen, rejected, ranking, reviewer: reviewerRecord, confidence };
}
function assertWritable(format, data, meta, rows) {
  const report = validateJsonl(data, format);
  const first = report.errors[0];
  if (first)
    throw new Error(
      `Refusing to write an invalid ${format} dataset (a bug in AI Orchestra, please report it): line ${first.line}: ${first.message}`
    );
  if (meta.length !== rows || new Set(meta.map((m) => m.id)).size !== rows) {
    throw new Error(
      `Refusing to write the ${format} dataset (a bug in AI Orchestra, please report it): its provenance lines do not match its rows one to one`
    );
  }
}
async function writeDatasets(ctx, kept, preference) {
  const { input, deps } = ctx;
  const built = buildDatasets({
    formats: input.pipeline.formats,
    user: ctx.scrub(problemPrompt(input.issue)),
    answers: kept,
    preference,
    provenance: {
      repository: input.issue.repository,
      issueNumber: input.issue.number,
      issueUrl: input.issue.url,
      runUrl: input.runUrl,
      commitSha: input.commitSha,
      promptTemplateSha256: textSha256(PERSONA_PROMPT_TEMPLATE)
    }
  });
  const base = datasetBaseName(input.issue.repository, input.issue.number);
  const texts = built.map((d) => {
    const rows = sanitizeRecordDeep(redactEmailsDeep(d.rows), deps.redactor);
    const meta = sanitizeRecordDeep(redactEmailsDeep(d.meta), deps.redactor);
    const data = toJsonl(rows);
    assertWritable(d.format, data, meta, rows.length);
    return { format: d.format, data, meta: toJsonl(meta), rows: rows.length };
  });
  const written = [];
  for (const t of texts) {
    if (t.rows === 0) {
      written.push({ format: t.format, rows: 0 });
      continue;
    }
    const names = datasetFileNames(base, t.format);
    written.push({
      format: t.format,
      rows: t.rows,
      file: await deps.sink.write(names.data, t.data),
      metaFile: await deps.sink.write(names.meta, t.meta)
    });
  }
  return written;
}

export {
  neutralTaskPrompt,
  artifactName,
  runNote,
  answerAsPersona,
  runPersonaPipeline
};
