import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  answerAsPersona,
  artifactName,
  runNote,
  runPersonaPipeline
} from "./chunk-R2KRJXGN.js";
import "./chunk-LM5IIIQJ.js";
import {
  personaStatusEntries
} from "./chunk-NB3O4JBA.js";
import "./chunk-GCZXAT56.js";
import "./chunk-XTWSEDL7.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-7FWCJGND.js";
import "./chunk-6PUVZC3Q.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";
export {
  answerAsPersona,
  artifactName,
  personaStatusEntries,
  runNote,
  runPersonaPipeline
};
