import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/github/artifact.ts
function missingArtifactService(env) {
  const missing = ["ACTIONS_RUNTIME_TOKEN", "ACTIONS_RESULTS_URL"].filter((name) => !env[name]);
  if (missing.length === 0) return void 0;
  return `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set, so there is no artifact service (not a GitHub Actions job)`;
}
async function uploadWorkflowArtifact(upload) {
  const { name } = upload;
  const missing = missingArtifactService(upload.env);
  if (missing) {
    upload.log(`Artifact upload skipped: ${missing}. The datasets are in ${upload.rootDirectory}.`);
    return { status: "skipped", name, reason: missing };
  }
  try {
    const { DefaultArtifactClient } = await import("./artifact-BO72X7LI.js");
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, upload.files, upload.rootDirectory);
    const url = id !== void 0 && upload.runUrl ? `${upload.runUrl}/artifacts/${id}` : void 0;
    upload.log(`Uploaded the artifact ${name}${size !== void 0 ? ` (${size} bytes)` : ""}${url ? `: ${url}` : ""}.`);
    return {
      status: "uploaded",
      name,
      ...id !== void 0 ? { id } : {},
      ...url ? { url } : {},
      ...size !== void 0 ? { bytes: size } : {}
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", name, error: `uploading the artifact ${name} failed: ${message}` };
  }
}
async function listWorkflowArtifacts(env) {
  const missing = missingArtifactService(env);
  if (missing) throw new Error(`Cannot list the run's artifacts: ${missing}.`);
  const { DefaultArtifactClient } = await import("./artifact-BO72X7LI.js");
  const { artifacts } = await new DefaultArtifactClient().listArtifacts();
  return artifacts.map((a) => ({ id: a.id, name: a.name }));
}
async function downloadWorkflowArtifact(artifact, path) {
  const { DefaultArtifactClient } = await import("./artifact-BO72X7LI.js");
  await new DefaultArtifactClient().downloadArtifact(artifact.id, { path });
}

// src/sinks/pacing.ts
function pacingFor(writeIntervalMs) {
  return { statusIntervalMs: 3 * writeIntervalMs, gatherMs: writeIntervalMs / 2 };
}

export {
  uploadWorkflowArtifact,
  listWorkflowArtifacts,
  downloadWorkflowArtifact,
  pacingFor
};
