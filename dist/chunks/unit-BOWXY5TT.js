import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  rowWriter
} from "./chunk-LYKZT2GG.js";
import "./chunk-VG2HUUA6.js";
import {
  answerAsPersona,
  neutralTaskPrompt,
  runNote
} from "./chunk-PNT7CZGM.js";
import "./chunk-LM5IIIQJ.js";
import "./chunk-NB3O4JBA.js";
import "./chunk-DC6XCXFE.js";
import "./chunk-FVF3EOV6.js";
import "./chunk-XJ4GCYBJ.js";
import "./chunk-ASENBPE5.js";
import "./chunk-KSBPT5GS.js";
import "./chunk-WZSRKBZQ.js";
import "./chunk-BJNKTICU.js";
import "./chunk-ZWPF6MIZ.js";
import "./chunk-GI2HTLTL.js";
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
