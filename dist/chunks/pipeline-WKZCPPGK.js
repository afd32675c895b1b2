import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  answerAsPersona,
  artifactName,
  runNote,
  runPersonaPipeline
} from "./chunk-PNT7CZGM.js";
import "./chunk-LM5IIIQJ.js";
import {
  personaStatusEntries
} from "./chunk-NB3O4JBA.js";
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
export {
  answerAsPersona,
  artifactName,
  personaStatusEntries,
  runNote,
  runPersonaPipeline
};
