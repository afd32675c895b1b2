import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  isFeatureAvailable,
  restoreCache,
  saveCache
} from "./chunk-BXD2YX6G.js";
import "./chunk-FIQQLBBR.js";
import "./chunk-DEVFGZYM.js";
import "./chunk-GJWFR67G.js";
import "./chunk-ZAUMI6SE.js";

// src/install/tool-cache.ts
function actionsToolCache() {
  return {
    available: isFeatureAvailable(),
    async restore(dir, key) {
      return await restoreCache([dir], key) === key;
    },
    async save(dir, key) {
      await saveCache([dir], key);
    }
  };
}
export {
  actionsToolCache
};
