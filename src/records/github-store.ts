// The durable store: JSON Lines files on a data branch of the repository, read and appended through GitHub's REST API.
import { type Octokit, statusOf } from '../github/client.js';

export const DEFAULT_RECORDS_BRANCH = 'ai-orchestra-data';
export const RECORDS_DIR = 'records';
export const DATASETS_DIR = 'datasets';

export interface StoreLocation {
  owner: string;
  repo: string;
  branch: string;
}

/** Appends that lost a race with another run's append are retried this many times. */
const MAX_APPEND_ATTEMPTS = 6;

const README = `# AI Orchestra data

This branch is written by the AI Orchestra action: one JSON line per run in \`${RECORDS_DIR}/<yyyy-mm>.jsonl\`,
persona-data rows in \`${DATASETS_DIR}/<yyyy-mm>.jsonl\`. The dashboard and \`ai-orchestra-action dataset collect\` read it.
It shares no history with the code branches.
`;

/** `records/2026-12.jsonl`: one file per month keeps each append small and each file far below the API's limits. */
export function monthFile(dir: string, isoTime: string): string {
  return `${dir}/${isoTime.slice(0, 7)}.jsonl`;
}

interface FileContent {
  sha: string;
  text: string;
}

async function readFile(octokit: Octokit, at: StoreLocation, path: string): Promise<FileContent | undefined> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: at.owner,
      repo: at.repo,
      path,
      ref: at.branch,
    });
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${path} on ${at.branch} is not a file`);
    // Above 1 MB the contents API leaves the content out; the blob API serves files up to 100 MB.
    if (data.encoding === 'base64' && data.content)
      return { sha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') };
    return { sha: data.sha, text: await readBlob(octokit, at, data.sha) };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function readBlob(octokit: Octokit, at: StoreLocation, sha: string): Promise<string> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
    owner: at.owner,
    repo: at.repo,
    file_sha: sha,
  });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}

async function branchExists(octokit: Octokit, at: StoreLocation): Promise<boolean> {
  try {
    await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner: at.owner,
      repo: at.repo,
      ref: `heads/${at.branch}`,
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** The data branch starts as an orphan commit holding a README: none of the code's history, nothing to merge. */
async function createDataBranch(octokit: Octokit, at: StoreLocation): Promise<void> {
  const repo = { owner: at.owner, repo: at.repo };
  const tree = await octokit.request('POST /repos/{owner}/{repo}/git/trees', {
    ...repo,
    tree: [{ path: 'README.md', mode: '100644', type: 'blob', content: README }],
  });
  const commit = await octokit.request('POST /repos/{owner}/{repo}/git/commits', {
    ...repo,
    message: 'Start the AI Orchestra data branch',
    tree: tree.data.sha,
    parents: [],
  });
  try {
    await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
      ...repo,
      ref: `refs/heads/${at.branch}`,
      sha: commit.data.sha,
    });
  } catch (error) {
    // Another run created it first.
    if (statusOf(error) !== 422) throw error;
  }
}

/**
 * Appends lines to a file of the data branch (created with the branch when missing). Each append rewrites the file
 * with the sha it read, so two runs appending at once cannot lose a line: the loser gets 409 and reads again.
 */
export async function appendLines(
  octokit: Octokit,
  at: StoreLocation,
  path: string,
  lines: string[],
  message: string,
): Promise<void> {
  if (lines.length === 0) return;
  if (!(await branchExists(octokit, at))) await createDataBranch(octokit, at);
  const added = lines.map((l) => `${l}\n`).join('');
  for (let attempt = 1; ; attempt++) {
    const current = await readFile(octokit, at, path);
    const text = current
      ? `${current.text}${current.text === '' || current.text.endsWith('\n') ? '' : '\n'}${added}`
      : added;
    try {
      await octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
        owner: at.owner,
        repo: at.repo,
        path,
        branch: at.branch,
        message,
        content: Buffer.from(text, 'utf8').toString('base64'),
        ...(current ? { sha: current.sha } : {}),
      });
      return;
    } catch (error) {
      const status = statusOf(error);
      // 409: the file changed since we read it; 422: it was created since we found it missing.
      if ((status !== 409 && status !== 422) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
    }
  }
}

/** Every file of a folder of the data branch, oldest month first; none when the branch or folder does not exist. */
export async function readFolder(
  octokit: Octokit,
  at: StoreLocation,
  dir: string,
): Promise<{ path: string; text: string }[]> {
  let entries: { path: string; sha: string; type: string }[];
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: at.owner,
      repo: at.repo,
      path: dir,
      ref: at.branch,
    });
    entries = Array.isArray(data) ? data : [];
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
  const files = entries
    .filter((e) => e.type === 'file' && e.path.endsWith('.jsonl'))
    .sort((a, b) => a.path.localeCompare(b.path));
  const out: { path: string; text: string }[] = [];
  for (const f of files) out.push({ path: f.path, text: await readBlob(octokit, at, f.sha) });
  return out;
}
