// The life of stored objects next to the rows that name them. Rows and objects cannot change in
// one transaction, so a per-digest advisory lock orders the three things that touch an object:
// an upload makes it (shared lock, held from the promote until its rows commit), a delete frees
// it and the orphan sweep removes it (exclusive lock, then "does a row name it?"). Either the
// remover runs first and the upload's promote writes the object again, or the upload commits
// first and the remover sees its row: no row ever names a removed object.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { AttachmentRepository } from './attachment.repository';
import { OBJECT_STORAGE, ObjectStorage } from './storage/object-storage';

/** An object no row names is removed once it is this old (API: after 24 h). */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

const SWEEP_BATCH = 200;

/** A stored upload waiting for its rows: the temporary object and the digest it becomes. */
export interface PendingObject {
  tempId: string;
  sha256: string;
}

const lockKey = (digest: string) => `attachment-object:${digest}`;

@Injectable()
export class AttachmentObjects {
  private readonly logger = new Logger(AttachmentObjects.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly rows: AttachmentRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /**
   * Inside the transaction that will insert the rows: takes each digest's shared lock (in digest
   * order, so concurrent uploads cannot deadlock) and turns the temporaries into their objects.
   */
  async promote(pending: PendingObject[]): Promise<void> {
    const sorted = [...pending].sort((a, b) => a.sha256.localeCompare(b.sha256));
    for (const object of sorted) {
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [
        lockKey(object.sha256),
      ]);
      await this.storage.promote(object.tempId, object.sha256);
    }
  }

  /** Removes temporaries of an upload that was refused (best effort: the sweep gets the rest). */
  async discard(tempIds: string[]): Promise<void> {
    await Promise.all(
      tempIds.map((tempId) =>
        this.storage
          .discardTemp(tempId)
          .catch((error: unknown) => this.logger.warn({ err: error, tempId }, 'Could not remove an upload temporary')),
      ),
    );
  }

  /**
   * After rows naming `digests` were deleted and committed: removes each object no row names any
   * more. Never fails the caller; an object left behind is an orphan for the sweep.
   */
  async release(digests: string[]): Promise<void> {
    for (const digest of new Set(digests)) {
      try {
        await this.removeIfUnused(digest);
      } catch (error) {
        this.logger.warn({ err: error, sha256: digest }, 'Could not remove a released object; the sweep will');
      }
    }
  }

  /**
   * Removes the objects no row names that were last written before `before` (and temporaries of
   * uploads that never finished). Returns how many objects and temporaries it removed.
   */
  async sweepOrphans(before: Date = new Date(Date.now() - ORPHAN_AGE_MS)): Promise<number> {
    let removed = 0;
    let batch: string[] = [];
    const flush = async () => {
      const used = await this.rows.digestsInUse(batch);
      for (const digest of batch.filter((d) => !used.has(d))) {
        if (await this.removeIfUnused(digest, before)) removed++;
      }
      batch = [];
    };
    for await (const entry of this.storage.listOlderThan(before)) {
      if (entry.kind === 'temp') {
        await this.storage.discardTemp(entry.key);
        removed++;
        continue;
      }
      batch.push(entry.key);
      if (batch.length >= SWEEP_BATCH) await flush();
    }
    if (batch.length) await flush();
    return removed;
  }

  /** Under the digest's exclusive lock: removes the object if no row names it (and, for the sweep, it is still old). */
  private removeIfUnused(digest: string, olderThan?: Date): Promise<boolean> {
    return this.tx.begin(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey(digest)]);
      if ((await this.rows.digestsInUse([digest])).size) return false;
      if (olderThan) {
        // An upload may have written it again since it was listed.
        const stat = await this.storage.stat(digest);
        if (!stat || stat.lastModified >= olderThan) return false;
      }
      await this.storage.remove(digest);
      return true;
    });
  }
}
