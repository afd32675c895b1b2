import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/records/record.ts
var STORE_VERSION = 1;
var MAX_TEXT = 400;
function cut(text) {
  if (text === void 0) return void 0;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}\u2026` : text;
}
function storedRun(run) {
  return {
    agent: run.agent,
    cli: run.cli,
    ...run.model ? { model: run.model } : {},
    role: run.role,
    status: run.status,
    ...run.error ? { error: cut(run.error) } : {},
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    usage: run.usage ?? {},
    ...run.cliVersion ? { cliVersion: run.cliVersion } : {},
    startedAt: run.startedAt
  };
}
function recordId(repository, runId, runAttempt, issueNumber) {
  return `${repository}#${runId}-${runAttempt}-${issueNumber}`;
}
function toStoredRecord(result, id, redactor) {
  const relay = result.relay;
  const datasets = result.datasets;
  const stored = {
    store: STORE_VERSION,
    id,
    pipeline: result.pipeline,
    status: result.status,
    repository: result.repository,
    issue: { number: result.issue.number, url: result.issue.url, title: result.issue.title },
    ...result.runUrl ? { runUrl: result.runUrl } : {},
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    ...result.error ? { error: cut(result.error) } : {},
    agents: result.runs.map(storedRun),
    ...result.review ? { review: result.review } : {},
    ...relay ? {
      relay: {
        ...relay.prUrl ? { prUrl: relay.prUrl } : {},
        ...relay.delivery ? { delivery: relay.delivery } : {},
        ...relay.failure ? {
          failure: {
            stage: relay.failure.stage,
            agent: relay.failure.agent,
            round: relay.failure.round,
            verdict: relay.failure.verdict,
            reason: cut(relay.failure.reason) ?? ""
          }
        } : {},
        stages: relay.stages.map((s) => ({
          stage: s.stage,
          agent: s.agent,
          round: s.round,
          passed: s.passed,
          ...s.verdict ? { verdict: s.verdict } : {}
        }))
      }
    } : {},
    ...datasets ? {
      datasets: {
        rows: Object.fromEntries(datasets.datasets.map((d) => [d.format, d.rows])),
        personas: datasets.personas.length,
        kept: datasets.personas.filter((p) => p.kept).length,
        dropped: datasets.personas.filter((p) => !p.kept).length,
        pair: datasets.preference?.made === true
      }
    } : {}
  };
  return redactor.redactDeep(stored);
}
function parseStoredRecord(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null) return void 0;
  const r = value;
  if (r.store !== STORE_VERSION || typeof r.id !== "string" || typeof r.pipeline !== "string" || typeof r.status !== "string")
    return void 0;
  if (typeof r.startedAt !== "string" || Number.isNaN(Date.parse(r.startedAt)) || !Array.isArray(r.agents))
    return void 0;
  if (typeof r.issue !== "object" || r.issue === null) return void 0;
  return r;
}

export {
  recordId,
  toStoredRecord,
  parseStoredRecord
};
