// The dataset sink of the action and the local runner: files in a folder, published through an injected uploader.
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { DatasetSink, PublishResult } from './sink.js';

export type Uploader = (name: string, paths: string[], rootDirectory: string) => Promise<PublishResult>;

export class FileDatasetSink implements DatasetSink {
  readonly dir: string;

  constructor(
    dir: string,
    private readonly upload: Uploader,
  ) {
    this.dir = resolve(dir);
  }

  async write(fileName: string, text: string): Promise<string> {
    const path = resolve(this.dir, fileName);
    // File names are built from the repository name; make sure none climbs out of the folder.
    if (relative(this.dir, path).startsWith('..')) throw new Error(`refusing to write ${fileName} outside ${this.dir}`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(path, text);
    return path;
  }

  async publish(name: string, paths: string[]): Promise<PublishResult> {
    try {
      return await this.upload(name, paths, this.dir);
    } catch (error) {
      return { status: 'failed', name, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** An uploader for runs outside a workflow (the local CLI): the files stay where they are. */
export const keepLocally: Uploader = async (name) => ({
  status: 'skipped',
  name,
  reason: 'a local run has no artifact service',
});
