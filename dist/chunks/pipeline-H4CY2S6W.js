import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DIFF_MAX_CHARS,
  runRelayPipeline
} from "./chunk-E23OO2TR.js";
import "./chunk-56CIGAYU.js";
import "./chunk-VQW6KYSI.js";
import "./chunk-ERVVLCZQ.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-INKC534X.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";
export {
  DIFF_MAX_CHARS,
  runRelayPipeline
};
