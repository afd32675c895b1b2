import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  DIFF_MAX_CHARS,
  runRelayPipeline
} from "./chunk-POEZT3QF.js";
import "./chunk-3IQ2XJKU.js";
import "./chunk-6AXUII6D.js";
import "./chunk-KSBPT5GS.js";
import "./chunk-WZSRKBZQ.js";
import "./chunk-BJNKTICU.js";
import "./chunk-ZWPF6MIZ.js";
import "./chunk-GI2HTLTL.js";
import "./chunk-ZAUMI6SE.js";
export {
  DIFF_MAX_CHARS,
  runRelayPipeline
};
