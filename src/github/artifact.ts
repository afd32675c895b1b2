// Uploads, lists and downloads workflow artifacts with @actions/artifact, or says plainly why there is no artifact service.
import type { PublishResult } from '../dataset/sink.js';

/** Why no artifact can be uploaded from here, or undefined when the artifact service is reachable. */
export function missingArtifactService(env: NodeJS.ProcessEnv): string | undefined {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((name) => !env[name]);
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set, so there is no artifact service (not a GitHub Actions job)`;
}

export interface ArtifactUpload {
  name: string;
  files: string[];
  /** Paths inside the artifact are relative to this folder. */
  rootDirectory: string;
  env: NodeJS.ProcessEnv;
  /** The workflow run's page; the artifact's link is below it. */
  runUrl?: string;
  log: (message: string) => void;
}

export async function uploadWorkflowArtifact(upload: ArtifactUpload): Promise<PublishResult> {
  const { name } = upload;
  const missing = missingArtifactService(upload.env);
  if (missing) {
    upload.log(`Artifact upload skipped: ${missing}. The datasets are in ${upload.rootDirectory}.`);
    return { status: 'skipped', name, reason: missing };
  }
  try {
    // Loaded only when there is something to upload to: it is most of the bundle's size (Azure blob client).
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const { id, size } = await new DefaultArtifactClient().uploadArtifact(name, upload.files, upload.rootDirectory);
    const url = id !== undefined && upload.runUrl ? `${upload.runUrl}/artifacts/${id}` : undefined;
    upload.log(`Uploaded the artifact ${name}${size !== undefined ? ` (${size} bytes)` : ''}${url ? `: ${url}` : ''}.`);
    return {
      status: 'uploaded',
      name,
      ...(id !== undefined ? { id } : {}),
      ...(url ? { url } : {}),
      ...(size !== undefined ? { bytes: size } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', name, error: `uploading the artifact ${name} failed: ${message}` };
  }
}

export interface ListedArtifact {
  id: number;
  name: string;
}

/** Every artifact of this workflow run so far (all its jobs'), as the artifact service lists them. */
export async function listWorkflowArtifacts(env: NodeJS.ProcessEnv): Promise<ListedArtifact[]> {
  const missing = missingArtifactService(env);
  if (missing) throw new Error(`Cannot list the run's artifacts: ${missing}.`);
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const { artifacts } = await new DefaultArtifactClient().listArtifacts();
  return artifacts.map((a) => ({ id: a.id, name: a.name }));
}

/** Downloads and unpacks one artifact of this run into `path`. */
export async function downloadWorkflowArtifact(artifact: ListedArtifact, path: string): Promise<void> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  await new DefaultArtifactClient().downloadArtifact(artifact.id, { path });
}
