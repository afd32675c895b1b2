// Where a pipeline's datasets go: files in a folder, then published (a workflow artifact on GitHub).

/** What became of the upload of the written files. */
export type PublishResult =
  | { status: 'uploaded'; name: string; id?: number; url?: string; bytes?: number }
  /** Nothing to upload to (no artifact service outside a workflow run): not an error, the files are on disk. */
  | { status: 'skipped'; name: string; reason: string }
  | { status: 'failed'; name: string; error: string };

export interface DatasetSink {
  /** The folder the files are written to (the `dataset-dir` output). */
  readonly dir: string;
  /** Writes one file below `dir`, replacing an older one of that name; returns its path. */
  write(fileName: string, text: string): Promise<string>;
  /** Uploads written files together under `name`. Never throws: a failure is a result. */
  publish(name: string, paths: string[]): Promise<PublishResult>;
}
