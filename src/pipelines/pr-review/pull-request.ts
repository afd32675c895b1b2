// What the pipeline knows of a pull request: read through the API as data, never checked out.

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  path: string;
  /** The name before a rename. */
  previousPath?: string;
  status: FileStatus;
  /** The unified-diff hunks; absent for binary files and diffs GitHub finds too large. */
  patch?: string;
}

export interface PullRequestData {
  repository: string;
  number: number;
  title: string;
  body: string;
  url: string;
  baseRef: string;
  baseSha: string;
  headSha: string;
  /** Files of the whole pull request (base...head). */
  files: ChangedFile[];
}

/** What the pipeline reads through the API (a port: GitHub in a workflow, the event file and a fake in tests). */
export interface PullRequestSource {
  pull(): Promise<PullRequestData>;
  /** Files changed between two commits (compare API); undefined when `base` is no ancestor of `head` (force push). */
  compare(base: string, head: string): Promise<ChangedFile[] | undefined>;
  /** A file's text at a commit; undefined when it is not text or not there. */
  contents(path: string, ref: string): Promise<string | undefined>;
}
