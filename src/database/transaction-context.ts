// A request-scoped transaction without a request-scoped provider: the open EntityManager travels
// in AsyncLocalStorage, and every service asks this class for "the current manager". When the
// idempotency interceptor has opened a transaction, the service's writes, the timeline events and
// the idempotency record commit (or roll back) together; otherwise each service call gets its own.
// (nestjs-cls + @nestjs-cls/transactional would do the same in more code and two ESM-era deps.)
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The open transaction's manager, or the pool's when none is open. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.db.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `fn` in the current transaction if there is one, else in a new one. */
  run<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    return current ? fn(current) : this.begin(fn);
  }

  /** Opens a new transaction that every `run` inside `fn` (however deep) joins. */
  begin<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => this.storage.run(manager, () => fn(manager)));
  }
}
