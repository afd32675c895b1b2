import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  setFailed,
  setOutput,
  summary
} from "./chunk-GJWFR67G.js";
import {
  sanitizeOutput
} from "./chunk-KWI7WEHG.js";

// src/kernel/outputs.ts
var reportedResultFile = "";
function lastResultFile() {
  return reportedResultFile;
}
function setOutputs(pipeline, status, resultFile = "") {
  reportedResultFile = resultFile;
  setOutput("pipeline", pipeline);
  setOutput("status", status);
  setOutput("result-file", resultFile);
}
async function writeJobSummary(markdown, redactor) {
  await summary.addRaw(sanitizeOutput(markdown, redactor)).write();
}
async function reportExecution(definition, execution, redactor) {
  const { outcome } = execution;
  setOutputs(definition.name, outcome.status === "success" ? "success" : "failure", execution.resultFile);
  for (const [name, value] of Object.entries(execution.outputs)) setOutput(name, value);
  await writeJobSummary(execution.summary, redactor);
  if (outcome.status !== "success")
    setFailed(redactor.redact(outcome.error ?? `${definition.name} ended with status ${outcome.status}`));
}

export {
  lastResultFile,
  setOutputs,
  reportExecution
};
