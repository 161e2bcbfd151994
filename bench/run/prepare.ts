// The start of a run on the seeded database, shared by `npm run bench` and the desk day: seed it or
// reuse it, undo what the last run left, vacuum, and describe the machine for the report.
import { databaseUrl, sql } from '../lib/pg';
import { ensureSeeded, SeedInfo } from '../seed/seed';
import { machine, Machine } from './report';
import { restoreSeededState, settle } from './state';

/** The size `npm run bench` measures the budget at; its database is `helpdesk_bench`. */
export const FULL_SIZE = 1_000_000;

export interface PreparedRun {
  database: string;
  seed: SeedInfo;
  reused: boolean;
  postgres: string;
  host: Machine;
}

export async function prepareRun(options: {
  tickets: number;
  reseed: boolean;
  log: (line: string) => void;
}): Promise<PreparedRun> {
  const { tickets, reseed, log } = options;
  const database = tickets === FULL_SIZE ? 'helpdesk_bench' : `helpdesk_bench_${tickets}`;
  const { info: seed, reused } = await ensureSeeded({ database, tickets, reseed, log });
  if (reused) {
    log(
      `reusing ${database}: ${seed.tickets.toLocaleString('en-US')} tickets seeded ${seed.seeded_at} (--reseed to seed again)`,
    );
  }
  const restored = await restoreSeededState(database, seed);
  log(`vacuumed ${database} in ${await settle(database)} s (earlier runs' dead rows, the visibility map)`);
  if (restored.created_tickets || restored.unclaimed) {
    log(`undid the last run: ${restored.created_tickets} created tickets removed, ${restored.unclaimed} claims undone`);
  }
  const [{ server_version: postgres }] = await sql<{ server_version: string }>(
    databaseUrl(database),
    'SHOW server_version',
  );
  return { database, seed, reused, postgres, host: await machine(postgres) };
}
