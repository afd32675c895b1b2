import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  statusOf
} from "./chunk-N5OYCJPH.js";

// src/records/github-store.ts
var DEFAULT_RECORDS_BRANCH = "ai-orchestra-data";
var RECORDS_DIR = "records";
var DATASETS_DIR = "datasets";
var MAX_APPEND_ATTEMPTS = 6;
var README = `# AI Orchestra data

This branch is written by the AI Orchestra action: one JSON line per run in \`${RECORDS_DIR}/<yyyy-mm>.jsonl\`,
persona-data rows in \`${DATASETS_DIR}/<yyyy-mm>.jsonl\`. The dashboard and \`ai-orchestra-action dataset collect\` read it.
It shares no history with the code branches.
`;
function monthFile(dir, isoTime) {
  return `${dir}/${isoTime.slice(0, 7)}.jsonl`;
}
async function readFile(octokit, at, path) {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: at.owner,
      repo: at.repo,
      path,
      ref: at.branch
    });
    if (Array.isArray(data) || data.type !== "file") throw new Error(`${path} on ${at.branch} is not a file`);
    if (data.encoding === "base64" && data.content)
      return { sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
    return { sha: data.sha, text: await readBlob(octokit, at, data.sha) };
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function readBlob(octokit, at, sha) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
    owner: at.owner,
    repo: at.repo,
    file_sha: sha
  });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}
async function branchExists(octokit, at) {
  try {
    await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner: at.owner,
      repo: at.repo,
      ref: `heads/${at.branch}`
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
async function createDataBranch(octokit, at) {
  const repo = { owner: at.owner, repo: at.repo };
  const tree = await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
    ...repo,
    tree: [{ path: "README.md", mode: "100644", type: "blob", content: README }]
  });
  const commit = await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
    ...repo,
    message: "Start the AI Orchestra data branch",
    tree: tree.data.sha,
    parents: []
  });
  try {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      ...repo,
      ref: `refs/heads/${at.branch}`,
      sha: commit.data.sha
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
}
async function appendLines(octokit, at, path, lines, message) {
  if (lines.length === 0) return;
  if (!await branchExists(octokit, at)) await createDataBranch(octokit, at);
  const added = lines.map((l) => `${l}
`).join("");
  for (let attempt = 1; ; attempt++) {
    const current = await readFile(octokit, at, path);
    const text = current ? `${current.text}${current.text === "" || current.text.endsWith("\n") ? "" : "\n"}${added}` : added;
    try {
      await octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        owner: at.owner,
        repo: at.repo,
        path,
        branch: at.branch,
        message,
        content: Buffer.from(text, "utf8").toString("base64"),
        ...current ? { sha: current.sha } : {}
      });
      return;
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 422 || attempt >= MAX_APPEND_ATTEMPTS) throw error;
    }
  }
}
async function readFolder(octokit, at, dir) {
  let entries;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: at.owner,
      repo: at.repo,
      path: dir,
      ref: at.branch
    });
    entries = Array.isArray(data) ? data : [];
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
  const files = entries.filter((e) => e.type === "file" && e.path.endsWith(".jsonl")).sort((a, b) => a.path.localeCompare(b.path));
  const out = [];
  for (const f of files) out.push({ path: f.path, text: await readBlob(octokit, at, f.sha) });
  return out;
}

export {
  DEFAULT_RECORDS_BRANCH,
  RECORDS_DIR,
  DATASETS_DIR,
  monthFile,
  appendLines,
  readFolder
};
