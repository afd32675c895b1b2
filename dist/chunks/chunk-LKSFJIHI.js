import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/dataset/file-sink.ts
import { randomBytes } from "node:crypto";
import { mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
function inside(root, path) {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
var FileDatasetSink = class {
  /** `root`: the folder `dir` must stay in once symbolic links are resolved (the workspace). */
  constructor(dir, upload, root) {
    this.upload = upload;
    this.root = root;
    this.dir = resolve(dir);
  }
  upload;
  root;
  dir;
  async write(fileName, text) {
    const path = resolve(this.dir, fileName);
    if (!inside(this.dir, path) || path === this.dir)
      throw new Error(`refusing to write ${fileName} outside ${this.dir}`);
    await mkdir(this.dir, { recursive: true });
    if (this.root && !inside(await realpath(this.root), await realpath(this.dir))) {
      throw new Error(
        `refusing to write datasets to ${this.dir}: it resolves to ${await realpath(this.dir)}, outside ${this.root}`
      );
    }
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, text, { flag: "wx" });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return path;
  }
  async publish(name, paths) {
    try {
      return await this.upload(name, paths, this.dir);
    } catch (error) {
      return { status: "failed", name, error: error instanceof Error ? error.message : String(error) };
    }
  }
};
var keepLocally = async (name) => ({
  status: "skipped",
  name,
  reason: "a local run has no artifact service"
});

export {
  FileDatasetSink,
  keepLocally
};
