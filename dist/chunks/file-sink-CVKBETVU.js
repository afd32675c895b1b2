import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  FileDatasetSink,
  keepLocally
} from "./chunk-LKSFJIHI.js";
import "./chunk-ZAUMI6SE.js";
export {
  FileDatasetSink,
  keepLocally
};
