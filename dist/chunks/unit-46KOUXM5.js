import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  answerAsPersona,
  neutralTaskPrompt,
  runNote
} from "./chunk-R2KRJXGN.js";
import "./chunk-LM5IIIQJ.js";
import "./chunk-NB3O4JBA.js";
import "./chunk-GCZXAT56.js";
import "./chunk-XTWSEDL7.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-7FWCJGND.js";
import "./chunk-6PUVZC3Q.js";
import {
  rowWriter
} from "./chunk-KSLFR2KM.js";
import "./chunk-SNMUNDWX.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
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
