import { createWriteStream, WriteStream } from 'node:fs';
import { FileHandle, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteRange, isObjectKey, ObjectKey, ObjectNotFoundError, ObjectStorage, StoredEntry } from './object-storage';
import { assertByteRange, assertObjectKey, assertTempId, isTempId, newTempId } from './storage-keys';

const HEX_PAIR = /^[0-9a-f]{2}$/;

/**
 * Attachment bytes on local disk under one root: objects at `objects/<aa>/<bb>/<sha256>` (the
 * digest's first two byte pairs as directories, so no directory grows past a few thousand
 * entries), upload temporaries at `tmp/<uuid>`. Both live on the same filesystem, so promoting a
 * temporary is one atomic rename. Directories are created on first use, not at construction, so
 * importing or wiring the module never touches the disk.
 */
export class LocalObjectStorage implements ObjectStorage {
  /** Absolute, so a later `process.chdir` cannot move the store. */
  readonly root: string;
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(dir: string) {
    this.root = resolve(dir);
    this.objectsDir = join(this.root, 'objects');
    this.tmpDir = join(this.root, 'tmp');
  }

  async putTemp(body: Readable): Promise<string> {
    const tempId = newTempId();
    const path = this.tempPath(tempId);
    let sink: WriteStream | undefined;
    try {
      await mkdir(this.tmpDir, { recursive: true });
      // flush: the file is fsynced before it is closed, and pipeline() resolves only after 'close'.
      sink = createWriteStream(path, { flags: 'wx', flush: true });
      await pipeline(body, sink);
      return tempId;
    } catch (error) {
      // pipeline() has already destroyed both streams when it ran; this covers a failed mkdir, so
      // the caller's stream is never left paused with nobody reading it.
      body.destroy();
      if (sink) {
        // The stream may still be opening or writing its file: unlinked before it has closed, the
        // file could be created (or written) again after the unlink.
        if (!sink.closed) await closeOf(sink);
        await unlinkIfPresent(path).catch(() => undefined);
      }
      // The error as raised (a size limit's, a client abort's, the disk's): callers map it by identity.
      throw error;
    }
  }

  async promote(tempId: string, key: ObjectKey): Promise<void> {
    const from = this.tempPath(tempId);
    const to = this.objectPath(key);
    const dir = dirname(to);
    const created = await mkdir(dir, { recursive: true });
    // rename(2) replaces an existing object atomically; readers holding the old file keep reading
    // the old inode, which has the same bytes.
    await rename(from, to);
    // The rename, and any directory mkdir just made, survive a crash only once their parent
    // directories are synced.
    const firstNew = created === undefined ? dir : dirname(created);
    for (const parent of parentsDownTo(firstNew, dir)) await syncDirectory(parent);
  }

  async discardTemp(tempId: string): Promise<void> {
    await unlinkIfPresent(this.tempPath(tempId));
  }

  async read(key: ObjectKey, range?: ByteRange): Promise<Readable> {
    const path = this.objectPath(key);
    if (range) assertByteRange(range);
    let file: FileHandle;
    try {
      // Opened here rather than by the stream, so a missing object rejects before the caller has
      // sent a status line, and a concurrent remove() cannot break a read that has started.
      file = await open(path, 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new ObjectNotFoundError(key);
      throw error;
    }
    // autoClose (the default): the handle is closed when the stream ends or is destroyed.
    return file.createReadStream(range && { start: range.start, end: range.end });
  }

  async stat(key: ObjectKey): Promise<{ size: number; lastModified: Date } | null> {
    try {
      const info = await stat(this.objectPath(key));
      return { size: info.size, lastModified: new Date(info.mtimeMs) };
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  async remove(key: ObjectKey): Promise<void> {
    await unlinkIfPresent(this.objectPath(key));
  }

  async *listOlderThan(before: Date): AsyncIterable<StoredEntry> {
    const cutoff = before.getTime();
    // Whole directory listings, read before anything is yielded: the sweep deletes while it
    // iterates, and no directory handle stays open across its (slow) per-entry work.
    for (const aa of await listNames(this.objectsDir)) {
      if (!HEX_PAIR.test(aa)) continue;
      for (const bb of await listNames(join(this.objectsDir, aa))) {
        if (!HEX_PAIR.test(bb)) continue;
        for (const name of await listNames(join(this.objectsDir, aa, bb))) {
          // A file in the wrong directory is not reachable by its key (remove() would miss it): skip it.
          if (!isObjectKey(name) || name.slice(0, 2) !== aa || name.slice(2, 4) !== bb) continue;
          const lastModified = await mtimeOf(join(this.objectsDir, aa, bb, name));
          if (lastModified && lastModified.getTime() < cutoff) yield { kind: 'object', key: name, lastModified };
        }
      }
    }
    for (const name of await listNames(this.tmpDir)) {
      if (!isTempId(name)) continue;
      const lastModified = await mtimeOf(join(this.tmpDir, name));
      if (lastModified && lastModified.getTime() < cutoff) yield { kind: 'temp', key: name, lastModified };
    }
  }

  private objectPath(key: ObjectKey): string {
    assertObjectKey(key);
    return join(this.objectsDir, key.slice(0, 2), key.slice(2, 4), key);
  }

  private tempPath(tempId: string): string {
    assertTempId(tempId);
    return join(this.tmpDir, tempId);
  }
}

// By `code`, not `instanceof Error`: errors from node's fs can come from another realm (Jest's
// sandbox, a worker), where that check fails.
function isErrno(error: unknown, ...codes: string[]): boolean {
  const code = typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  return code !== undefined && codes.includes(code);
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function closeOf(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.once('close', () => resolve()));
}

/** A directory's entries; none when it does not exist (yet, or any more). */
async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
}

/** A file's mtime, or null when it was removed since its directory was listed. */
async function mtimeOf(path: string): Promise<Date | null> {
  try {
    return new Date((await stat(path)).mtimeMs);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/** `from`, then each directory below it on the way to `to` (`to` included). */
function parentsDownTo(from: string, to: string): string[] {
  const dirs = [from];
  let current = from;
  for (const part of relative(from, to).split(sep).filter(Boolean)) {
    current = join(current, part);
    dirs.push(current);
  }
  return dirs;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
