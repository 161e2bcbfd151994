// A private STORAGE_DIR for one test app, and what the local driver left in it: content-addressed
// objects at `objects/<aa>/<bb>/<sha256>`, upload temporaries in `tmp/`.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './assertions';

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export class StorageDir {
  private constructor(readonly path: string) {}

  static async create(): Promise<StorageDir> {
    return new StorageDir(await mkdtemp(join(tmpdir(), 'helpdesk-attachments-')));
  }

  /** The app's variables for this directory (local driver). */
  get env(): Record<string, string> {
    return { STORAGE_DRIVER: 'local', STORAGE_DIR: this.path };
  }

  objectPath(sha256: string): string {
    return join(this.path, 'objects', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Every stored object's name (its sha256), sorted; anything else under `objects/` too, to be seen. */
  async objects(): Promise<string[]> {
    const found: string[] = [];
    const root = join(this.path, 'objects');
    for (const a of await entries(root)) {
      for (const b of await entries(join(root, a))) {
        for (const name of await entries(join(root, a, b))) found.push(name);
      }
    }
    return found.sort();
  }

  async hasObject(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.objectPath(sha256))).isFile();
    } catch {
      return false;
    }
  }

  readObject(sha256: string): Promise<Buffer> {
    return readFile(this.objectPath(sha256));
  }

  /** The temporaries of uploads in progress (or left behind). */
  temps(): Promise<string[]> {
    return entries(join(this.path, 'tmp'));
  }

  /** Until no temporary is left (cleanup may finish just after the answer is sent). */
  async noTempsLeft(timeoutMs = 10_000): Promise<void> {
    let last: string[] = [];
    try {
      await waitFor(
        async () => {
          last = await this.temps();
          return last.length === 0;
        },
        { timeoutMs },
      );
    } catch {
      throw new Error(`temporaries left in ${this.path}/tmp: ${last.join(', ')}`);
    }
  }

  remove(): Promise<void> {
    return rm(this.path, { recursive: true, force: true });
  }
}
