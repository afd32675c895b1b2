import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  answerAsPersona,
  artifactName,
  runNote,
  runPersonaPipeline
} from "./chunk-3BCV2ANT.js";
import "./chunk-LM5IIIQJ.js";
import {
  personaStatusEntries
} from "./chunk-NB3O4JBA.js";
import "./chunk-CHE3A3MZ.js";
import "./chunk-37FS52VV.js";
import "./chunk-OOQD5VNY.js";
import "./chunk-4TFV3JQN.js";
import "./chunk-ASENBPE5.js";
import "./chunk-E6UDRTQL.js";
import "./chunk-L4RSU5JK.js";
import "./chunk-J2GT6MKJ.js";
import "./chunk-HDPE77IK.js";
import "./chunk-UQEXZMPS.js";
import "./chunk-ZAUMI6SE.js";
export {
  answerAsPersona,
  artifactName,
  personaStatusEntries,
  runNote,
  runPersonaPipeline
};
