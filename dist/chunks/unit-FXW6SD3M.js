import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  answerAsPersona,
  neutralTaskPrompt,
  runNote
} from "./chunk-3BCV2ANT.js";
import "./chunk-LM5IIIQJ.js";
import "./chunk-NB3O4JBA.js";
import "./chunk-CHE3A3MZ.js";
import "./chunk-37FS52VV.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-4TFV3JQN.js";
import "./chunk-ASENBPE5.js";
import {
  rowWriter
} from "./chunk-MIDHUFAO.js";
import "./chunk-SW4AEFWY.js";
import "./chunk-E6UDRTQL.js";
import "./chunk-L4RSU5JK.js";
import "./chunk-J2GT6MKJ.js";
import "./chunk-HDPE77IK.js";
import "./chunk-UQEXZMPS.js";
import "./chunk-ZAUMI6SE.js";

// src/pipelines/persona-data/unit.ts
async function runPersonaUnit(input, deps) {
  const { persona } = input;
  const rows = rowWriter(deps);
  const run = await answerAsPersona(
    persona,
    neutralTaskPrompt(input.issue),
    deps.runner,
    () => rows.write({ agent: persona.agent, role: persona.name, state: "running", note: "answering" })
  );
  rows.write({
    agent: persona.agent,
    role: persona.name,
    state: run.status,
    durationMs: run.durationMs,
    note: runNote(run)
  });
  await rows.done();
  return { run };
}
export {
  runPersonaUnit
};
