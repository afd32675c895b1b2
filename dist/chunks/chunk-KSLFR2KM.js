import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  showsEntry,
  withEntry
} from "./chunk-SNMUNDWX.js";

// src/kernel/matrix/shared-status.ts
async function updateSharedStatus(entry, deps, attempts = 5) {
  const read = deps.reporter.readComment?.bind(deps.reporter);
  if (!read) return false;
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const body = withEntry(await read("status"), entry);
      if (body === void 0) return false;
      await deps.reporter.upsertComment("status", body);
      await deps.sleep(250 + Math.floor(deps.random() * 750 * attempt));
      if (showsEntry(await read("status"), entry)) return true;
    }
    deps.warn(
      `The status comment's row for ${entry.agent} (${entry.role}) was overwritten by other units ${attempts} times; finalize will set it.`
    );
    return false;
  } catch (error) {
    deps.warn(`Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
function rowWriter(deps) {
  const shared = deps;
  let last = Promise.resolve();
  return {
    write: (entry) => {
      last = last.then(() => updateSharedStatus(entry, shared));
    },
    done: () => last.then(() => void 0)
  };
}

export {
  rowWriter
};
