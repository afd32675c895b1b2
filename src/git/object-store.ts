// The object folder of our own bare repository: blobs written from bytes we read ourselves (no git filter, no
// attribute, no hook can touch them on the way), the user's objects reachable as an alternate, and our new objects
// copied into the user's repository for its local branch.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export class ObjectStore {
  constructor(
    /** `<own bare repository>/objects`. */
    readonly dir: string,
    /** sha1 or sha256, as the user's repository uses. */
    private readonly algorithm: 'sha1' | 'sha256',
  ) {}

  /** Lets git find the user's objects (the starting commit and its history) from our repository, read-only. */
  async linkAlternate(userObjectsDir: string): Promise<void> {
    await mkdir(join(this.dir, 'info'), { recursive: true });
    await writeFile(join(this.dir, 'info', 'alternates'), `${userObjectsDir}\n`);
  }

  /** Writes `data` as a loose blob object and returns its id: exactly these bytes, nothing converted. */
  async writeBlob(data: Buffer): Promise<string> {
    const object = Buffer.concat([Buffer.from(`blob ${data.length}\0`, 'utf8'), data]);
    const id = createHash(this.algorithm).update(object).digest('hex');
    const folder = join(this.dir, id.slice(0, 2));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, id.slice(2)), deflateSync(object), { flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    return id;
  }

  /**
   * Copies our loose objects (the relay's blobs, trees and commit) into the user's object folder, so that a local
   * branch there stays whole after our folder is gone. Never through a symlink: a fan-out folder that is not a real
   * folder is refused, and files are created exclusively.
   */
  async copyInto(userObjectsDir: string): Promise<void> {
    for (const fan of await readdir(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      const target = join(userObjectsDir, fan);
      const stat = await lstat(target).catch(() => undefined);
      if (stat && !stat.isDirectory())
        throw new Error(`${target} is not a folder; the relay does not write through it`);
      if (!stat) await mkdir(target);
      for (const name of await readdir(join(this.dir, fan))) {
        await copyFile(join(this.dir, fan, name), join(target, name), constants.COPYFILE_EXCL).catch(
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EEXIST') throw error;
          },
        );
      }
    }
  }
}
