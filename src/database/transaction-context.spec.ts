import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionContext } from './transaction-context';

/** A DataSource whose transactions "commit" when `fn` resolves and "roll back" when it rejects. */
function fakeDataSource(log: string[]) {
  let n = 0;
  const db = {
    manager: { name: 'pool' },
    async transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
      const name = `tx${++n}`;
      try {
        const result = await fn({ name } as unknown as EntityManager);
        log.push(`commit ${name}`);
        return result;
      } catch (error) {
        log.push(`rollback ${name}`);
        throw error;
      }
    },
  };
  return db as unknown as DataSource;
}

/** Resolves once every callback queued so far (and their promise chains) had a chance to run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TransactionContext.afterCommit', () => {
  let log: string[];
  let tx: TransactionContext;

  beforeEach(() => {
    log = [];
    tx = new TransactionContext(fakeDataSource(log));
  });

  it('runs after the transaction commits, never inside it', async () => {
    await tx.run(async () => {
      tx.afterCommit(() => void log.push('published'));
      await settle();
      log.push('still in the transaction');
    });
    await settle();
    expect(log).toEqual(['still in the transaction', 'commit tx1', 'published']);
  });

  it('waits for the outermost transaction when an inner run joins it', async () => {
    await tx.begin(async () => {
      await tx.run(async () => tx.afterCommit(() => void log.push('published')));
      await settle();
      log.push('inner run returned');
    });
    await settle();
    expect(log).toEqual(['inner run returned', 'commit tx1', 'published']);
  });

  it('drops the callbacks of a transaction that rolls back', async () => {
    await expect(
      tx.begin(async () => {
        await tx.run(async () => tx.afterCommit(() => void log.push('published')));
        throw new Error('conflict');
      }),
    ).rejects.toThrow('conflict');
    await settle();
    expect(log).toEqual(['rollback tx1']);
  });

  it('runs at once (on a later tick) outside a transaction, and outside any transaction context', async () => {
    let sawTransaction: boolean | undefined;
    tx.afterCommit(() => {
      sawTransaction = tx.inTransaction;
      log.push('published');
    });
    expect(log).toEqual([]);
    await settle();
    expect(log).toEqual(['published']);
    expect(sawTransaction).toBe(false);
  });

  it('logs a failing callback without failing the request or the other callbacks', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const result = await tx.run(async () => {
        tx.afterCommit(() => {
          throw new Error('boom');
        });
        tx.afterCommit(async () => Promise.reject(new Error('async boom')));
        tx.afterCommit(() => void log.push('published'));
        return 42;
      });
      await settle();
      expect(result).toBe(42);
      expect(log).toEqual(['commit tx1', 'published']);
      expect(errors).toHaveBeenCalledTimes(2);
    } finally {
      errors.mockRestore();
    }
  });

  it('runs detached work later, outside the transaction it was started in, and logs its failure by name', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      let sawTransaction: boolean | undefined;
      await tx.run(async () => {
        tx.detached('probe', async () => {
          sawTransaction = tx.inTransaction;
          log.push('detached');
        });
        tx.detached('failing', async () => Promise.reject(new Error('boom')));
        expect(log).toEqual([]);
      });
      await settle();
      expect(log).toContain('detached');
      expect(sawTransaction).toBe(false);
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({ work: 'failing' }),
        expect.stringContaining('failing'),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('keeps the manager API: the open transaction inside, the pool outside', async () => {
    expect((tx.manager as unknown as { name: string }).name).toBe('pool');
    expect(tx.inTransaction).toBe(false);
    await tx.run(async (manager) => {
      expect(tx.manager).toBe(manager);
      expect(tx.inTransaction).toBe(true);
    });
  });
});
