// A request-scoped transaction without a request-scoped provider: the open EntityManager travels
// in AsyncLocalStorage, and every service asks this class for "the current manager". When the
// idempotency interceptor has opened a transaction, the service's writes, the timeline events and
// the idempotency record commit (or roll back) together; otherwise each service call gets its own.
// (nestjs-cls + @nestjs-cls/transactional would do the same in more code and two ESM-era deps.)
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type AfterCommitCallback = () => void | Promise<void>;

/** What travels with an open transaction: its manager, and what to do once it has committed. */
interface TransactionStore {
  manager: EntityManager;
  afterCommit: AfterCommitCallback[];
}

@Injectable()
export class TransactionContext {
  private readonly logger = new Logger(TransactionContext.name);
  private readonly storage = new AsyncLocalStorage<TransactionStore>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The open transaction's manager, or the pool's when none is open. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.db.manager;
  }

  /**
   * The pool's manager even inside a transaction: for bookkeeping that must stand whatever the
   * current transaction does (a failed relay's attempt counter), and for housekeeping.
   */
  get pool(): EntityManager {
    return this.db.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `fn` in the current transaction if there is one, else in a new one. */
  run<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    return current ? fn(current.manager) : this.begin(fn);
  }

  /** Opens a new transaction that every `run` inside `fn` (however deep) joins. */
  async begin<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const callbacks: AfterCommitCallback[] = [];
    const result = await this.db.transaction((manager) =>
      this.storage.run({ manager, afterCommit: callbacks }, () => fn(manager)),
    );
    // Only reached once the transaction committed; a rollback rejected above and drops them.
    this.runAfterCommit(callbacks);
    return result;
  }

  /**
   * Side effects that must only follow committed data (websocket fan-out, ...). Inside a
   * transaction, `fn` runs once the transaction this code runs in commits: for a `run` that
   * joined a request's transaction, the outer one. It never runs if that transaction rolls back.
   * Outside a transaction (the change auto-committed) it runs at once, on a later tick. It never
   * delays or fails the caller: errors are logged. Background work that follows no change is
   * `detached`.
   */
  afterCommit(fn: AfterCommitCallback): void {
    const current = this.storage.getStore();
    if (current) current.afterCommit.push(fn);
    else this.runAfterCommit([fn]);
  }

  /**
   * Background work started by a request that must not delay its answer (the password-reset mail
   * that must not reveal whether the account exists): runs on a later tick, outside any
   * transaction (its statements open their own), and never fails the caller; a failure is logged
   * with `name`. Not tied to a commit: for effects of a change, use `afterCommit`.
   */
  detached(name: string, fn: () => Promise<void>): void {
    this.storage.exit(() => {
      void Promise.resolve()
        .then(fn)
        .catch((error: unknown) => this.logger.error({ err: error, work: name }, `Detached work "${name}" failed`));
    });
  }

  private runAfterCommit(callbacks: AfterCommitCallback[]): void {
    if (!callbacks.length) return;
    // Outside any transaction's context: a callback that writes opens its own, never a stale one.
    this.storage.exit(() => {
      for (const callback of callbacks) {
        void Promise.resolve()
          .then(callback)
          .catch((error: unknown) => this.logger.error({ err: error }, 'An after-commit callback failed'));
      }
    });
  }
}
