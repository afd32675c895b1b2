// The dataset sink of the action and the local runner: files in a folder, published through an injected uploader.
import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DatasetSink, PublishResult } from './sink.js';

export type Uploader = (name: string, paths: string[], rootDirectory: string) => Promise<PublishResult>;

/** Whether `path` is `root` or below it (both absolute). */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export class FileDatasetSink implements DatasetSink {
  readonly dir: string;

  /** `root`: the folder `dir` must stay in once symbolic links are resolved (the workspace). */
  constructor(
    dir: string,
    private readonly upload: Uploader,
    private readonly root?: string,
  ) {
    this.dir = resolve(dir);
  }

  async write(fileName: string, text: string): Promise<string> {
    const path = resolve(this.dir, fileName);
    // File names are built from the repository name; make sure none climbs out of the folder.
    if (!inside(this.dir, path) || path === this.dir)
      throw new Error(`refusing to write ${fileName} outside ${this.dir}`);
    await mkdir(this.dir, { recursive: true });
    // A checkout (or an agent) may have made the folder a symbolic link to somewhere else.
    if (this.root && !inside(await realpath(this.root), await realpath(this.dir))) {
      throw new Error(
        `refusing to write datasets to ${this.dir}: it resolves to ${await realpath(this.dir)}, outside ${this.root}`,
      );
    }
    // Written aside and renamed into place: a symbolic link planted at the file's name is replaced, not followed.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, text, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
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
