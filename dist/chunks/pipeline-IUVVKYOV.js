import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DIFF_MAX_CHARS,
  runRelayPipeline
} from "./chunk-UQOW4QQ7.js";
import "./chunk-OOHZOH5U.js";
import "./chunk-F3BSO7HA.js";
import "./chunk-E6UDRTQL.js";
import "./chunk-L4RSU5JK.js";
import "./chunk-J2GT6MKJ.js";
import "./chunk-HDPE77IK.js";
import "./chunk-UQEXZMPS.js";
import "./chunk-ZAUMI6SE.js";
export {
  DIFF_MAX_CHARS,
  runRelayPipeline
};
