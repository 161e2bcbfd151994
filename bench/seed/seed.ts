// Seeds the benchmark database with SQL: a fresh database migrated by the app itself, then users,
// categories, tags, and the planned tickets with their comments, tags and timelines, inserted in
// chunks over two connections with `INSERT ... SELECT FROM unnest(...)`. Foreign-key triggers are
// off for the load and the secondary indexes are dropped and re-created from their own definitions
// afterwards, which ends in exactly the migrated schema (checked). A database already seeded with
// the same shape is reused.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import argon2 from 'argon2';
import { Client } from 'pg';
import { benchApiEnv, ChildServer, freePort } from '../lib/api';
import { connect, databaseExists, databaseUrl, dropDatabase, sql } from '../lib/pg';
import { Progress } from '../lib/progress';
import { deleteKeys } from '../lib/redis';
import {
  ADMINS,
  adminId,
  AGENTS,
  agentId,
  CATEGORIES,
  emailOf,
  EVENT_STRIDE,
  loadWords,
  MAX_COMMENTS,
  PASSWORD,
  personName,
  REQUESTERS,
  requesterId,
  Role,
  SEED_VERSION,
  SeedShape,
  TAGS,
  TextMaker,
} from './plan';
import type { LoadJob, LoadProgress } from './load-worker';
import { Lexemes } from './tsvector';

const CHUNK = 4_000;
/** Tables whose secondary indexes are dropped during the load (users, tags and the rest are small). */
const LOADED_TABLES = ['tickets', 'ticket_search', 'comments', 'ticket_tags', 'ticket_events'];

export interface SeedInfo {
  seed_version: number;
  tickets: number;
  comments: number;
  events: number;
  max_ticket_id: number;
  max_comment_id: number;
  max_event_id: number;
  end_ms: number;
  seeded_at: string;
  seconds: number;
  phases: Record<string, number>;
  common_word: { word: string; tickets: number };
  rare_words: Array<{ word: string; tickets: number }>;
  complete: true;
}

export interface SeedOptions {
  database: string;
  tickets: number;
  reseed: boolean;
  log: (line: string) => void;
}

/** The seed this database holds, if it is complete and of the requested shape. */
async function existingSeed(database: string, tickets: number): Promise<SeedInfo | null> {
  if (!(await databaseExists(database))) return null;
  const [row] = await sql<{ comment: string | null }>(
    databaseUrl('postgres'),
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  try {
    const info = JSON.parse(row?.comment ?? '') as SeedInfo;
    return info.complete && info.seed_version === SEED_VERSION && info.tickets === tickets ? info : null;
  } catch {
    return null;
  }
}

export async function ensureSeeded(options: SeedOptions): Promise<{ info: SeedInfo; reused: boolean }> {
  if (!options.reseed) {
    const info = await existingSeed(options.database, options.tickets);
    if (info) return { info, reused: true };
  }
  return { info: await seed(options), reused: false };
}

/** A fresh database with the app's migrations, run the way production runs them: by starting the API. */
async function migrate(database: string): Promise<void> {
  await dropDatabase(database);
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(databaseUrl(database), 'bench_migrate', { LOG_LEVEL: 'warn' }),
  });
  try {
    await api.waitForHealth();
  } finally {
    await api.stop();
    await deleteKeys('bench_migrate'); // the queues' metadata, written at start
  }
}

interface IndexDef {
  name: string;
  table: string;
  def: string;
  /** What pg_get_indexdef leaves out: an expression column's statistics target (the migrations'). */
  statistics: string[];
  backsConstraint: boolean;
}

async function indexes(client: Client): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(`
    SELECT i.relname AS name, t.relname AS "table", pg_get_indexdef(i.oid) AS def,
           ARRAY(SELECT format('ALTER INDEX %I ALTER COLUMN %s SET STATISTICS %s', i.relname, a.attnum, a.attstattarget)
                   FROM pg_attribute a WHERE a.attrelid = i.oid AND a.attstattarget > 0 ORDER BY a.attnum) AS statistics,
           EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) AS "backsConstraint"
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public'
     ORDER BY t.relname, i.relname`);
  return rows;
}

/** Runs `tasks` on the connections, each connection taking the next task when it is free. */
async function onEach<T>(clients: Client[], tasks: T[], run: (client: Client, task: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < tasks.length) await run(client, tasks[next++]);
    }),
  );
}

async function timed<T>(phases: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    phases[name] = Math.round((Date.now() - started) / 100) / 10;
  }
}

async function seed(options: SeedOptions): Promise<SeedInfo> {
  const { database, tickets, log } = options;
  const started = Date.now();
  const phases: Record<string, number> = {};
  const shape: SeedShape = { tickets, endMs: Date.now() - 5 * 60_000 };
  const text = new TextMaker(loadWords());
  log(
    `seeding ${database}: ${tickets.toLocaleString('en-US')} tickets, about ${(2 * tickets).toLocaleString('en-US')} comments`,
  );

  await timed(phases, 'migrate', () => migrate(database));
  const url = databaseUrl(database);
  const clients = [await connect(url), await connect(url)];
  try {
    for (const client of clients) {
      // Foreign keys are checked by triggers: off for the load (the plan keeps every reference valid,
      // and the counts at the end say so). Nothing here needs to survive a crash.
      await client.query(`SET session_replication_role = replica`);
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET maintenance_work_mem = '1GB'`);
      await client.query(`SET work_mem = '64MB'`);
    }
    const [db] = clients;
    const migrated = await indexes(db);
    const dropped = migrated.filter((index) => LOADED_TABLES.includes(index.table) && !index.backsConstraint);
    for (const index of dropped) await db.query(`DROP INDEX "${index.name}"`);

    await timed(phases, 'users', () => insertPeople(db));
    const lexemes = await Lexemes.load(db, text.words);
    const counts = await timed(phases, 'load', () => loadTickets(url, shape, lexemes));

    const build = new Progress('indexes', dropped.length);
    // The big GIN index first: it takes longest, the others fill the other connection meanwhile.
    const order = [...dropped].sort((a, b) => rank(a) - rank(b));
    await timed(phases, 'indexes', () =>
      onEach(clients, order, async (client, index) => {
        await client.query(index.def);
        for (const statement of index.statistics) await client.query(statement);
        build.add(1);
      }),
    );
    build.finish();

    for (const table of ['users', 'categories', 'tags', 'tickets', 'comments', 'ticket_events']) {
      await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM "${table}"))`, [table]);
    }
    // VACUUM sets the visibility map (the reports' index-only scans need it) and hint bits, so the
    // first benchmark reads do not pay for writing them; ANALYZE gives the planner its statistics.
    const vacuum = new Progress('vacuum', 2);
    await timed(phases, 'vacuum', () =>
      onEach(
        clients,
        ['tickets, ticket_search', 'comments, ticket_events, ticket_tags, users, categories, tags'],
        async (c, t) => {
          await c.query(`VACUUM (ANALYZE) ${t}`);
          vacuum.add(1);
        },
      ),
    );
    vacuum.finish();

    const after = await indexes(db);
    const describe = (list: IndexDef[]) =>
      list.map((index) => `${index.table} ${index.def} ${index.statistics.join('; ')}`).sort();
    if (JSON.stringify(describe(after)) !== JSON.stringify(describe(migrated))) {
      throw new Error('the seeded schema differs from the migrated one: indexes do not match');
    }
    await timed(phases, 'check', () => checkReferences(db));
    const words = await timed(phases, 'words', () => wordStats(db, text));

    const info: SeedInfo = {
      seed_version: SEED_VERSION,
      tickets,
      comments: counts.comments,
      events: counts.events,
      max_ticket_id: tickets,
      max_comment_id: tickets * MAX_COMMENTS,
      max_event_id: tickets * EVENT_STRIDE,
      end_ms: shape.endMs,
      seeded_at: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      phases,
      ...words,
      complete: true,
    };
    await db.query(`COMMENT ON DATABASE "${database}" IS '${JSON.stringify(info).replace(/'/g, "''")}'`);
    log(
      `seeded in ${info.seconds} s (${Object.entries(phases)
        .map(([name, s]) => `${name} ${s} s`)
        .join(
          ', ',
        )}): ${counts.comments.toLocaleString('en-US')} comments, ${counts.events.toLocaleString('en-US')} events`,
    );
    return info;
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

function rank(index: IndexDef): number {
  if (index.def.includes('USING gin (((content || public_comments)))')) return 0;
  return { ticket_events: 1, tickets: 2, ticket_search: 3, comments: 4, ticket_tags: 5 }[index.table] ?? 6;
}

/** Admins, agents and requesters, all with one real argon2 hash of PASSWORD (the app's settings). */
async function insertPeople(db: Client): Promise<void> {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const people: Array<{ id: number; role: Role; i: number }> = [
    ...Array.from({ length: ADMINS }, (_, i) => ({ id: adminId(i), role: 'admin' as const, i })),
    ...Array.from({ length: AGENTS }, (_, i) => ({ id: agentId(i), role: 'agent' as const, i })),
    ...Array.from({ length: REQUESTERS }, (_, i) => ({ id: requesterId(i), role: 'user' as const, i })),
  ];
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, email_verified_at, created_at, updated_at)
     SELECT id, email, name, role, $5, now() - interval '800 days', now() - interval '800 days', now() - interval '800 days'
       FROM unnest($1::int[], $2::text[], $3::text[], $4::user_role[]) AS u(id, email, name, role)`,
    [
      people.map((p) => p.id),
      people.map((p) => emailOf(p.role, p.i)),
      people.map((p) => personName(p.id)),
      people.map((p) => p.role),
      hash,
    ],
  );
  await db.query(
    `INSERT INTO categories (id, name, description, color)
     SELECT ordinality, name, 'Questions about ' || lower(name), color FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c(name, color)`,
    [CATEGORIES.map((c) => c.name), CATEGORIES.map((c) => c.color)],
  );
  await db.query(
    `INSERT INTO tags (id, name) SELECT ordinality, name FROM unnest($1::text[]) WITH ORDINALITY AS t(name)`,
    [TAGS],
  );
}

/** Plans and COPYs every ticket with two loader threads; returns how many comments and events that made. */
async function loadTickets(
  url: string,
  shape: SeedShape,
  lexemes: Lexemes,
): Promise<{ comments: number; events: number }> {
  const chunks: Array<[number, number]> = [];
  for (let first = 1; first <= shape.tickets; first += CHUNK) {
    chunks.push([first, Math.min(shape.tickets, first + CHUNK - 1)]);
  }
  const progress = new Progress('tickets', shape.tickets, ' tickets');
  let comments = 0;
  let events = 0;
  await Promise.all(
    [0, 1].map(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const job: LoadJob = { url, shape, lexemes: lexemes.list(), chunks: chunks.filter((_, i) => i % 2 === n) };
          const worker = new Worker(join(__dirname, 'load-worker.js'), { workerData: job });
          worker.on('message', (done: LoadProgress) => {
            comments += done.comments;
            events += done.events;
            progress.add(done.tickets);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`loader exited with ${code}`))));
        }),
    ),
  );
  progress.finish();
  return { comments, events };
}

/** The load ran without foreign-key triggers: prove no row points at nothing. */
async function checkReferences(db: Client): Promise<void> {
  const { rows } = await db.query<{ dangling: number }>(`
    SELECT (SELECT count(*) FROM comments c WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id))
         + (SELECT count(*) FROM comments c WHERE c.parent_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.ticket_id = c.ticket_id))
         + (SELECT count(*) FROM ticket_events e WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id))
         + (SELECT count(*) FROM ticket_tags g WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = g.ticket_id))
         + (SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.requester_id))
         + (SELECT count(*) FROM tickets t WHERE t.assignee_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.assignee_id))
         + (SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = t.id))
         + (SELECT count(*) FROM ticket_search s WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = s.ticket_id))
         AS dangling`);
  if (Number(rows[0].dangling)) throw new Error(`${rows[0].dangling} seeded rows reference rows that do not exist`);
  // The search rows are built here, not by the trigger the load bypassed: they must be what the trigger writes.
  const { rows: differ } = await db.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id
     WHERE t.id % 997 = 0 AND (s.content <> setweight(to_tsvector('english', t.title), 'A') ||
                                            setweight(to_tsvector('english', t.description), 'B')
                               OR s.created_at <> t.created_at OR s.requester_id <> t.requester_id
                               OR s.deleted_at IS DISTINCT FROM t.deleted_at)`);
  if (differ[0].n) throw new Error(`${differ[0].n} sampled ticket_search rows differ from what the trigger writes`);
}

/** How many tickets the search scenarios' words find (as an agent sees them). */
async function wordStats(db: Client, text: TextMaker) {
  const count = async (word: string) => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ticket_search s
        WHERE ((s.content || s.public_comments) @@ websearch_to_tsquery('english', $1)
               OR s.internal_comments @@ websearch_to_tsquery('english', $1)) AND s.deleted_at IS NULL`,
      [word],
    );
    return Number(rows[0].n);
  };
  const common = text.words[0];
  // Rare: the least frequent words whose stem no other word of the vocabulary shares.
  const { rows } = await db.query<{ word: string; stem: string | null }>(
    `SELECT word, (tsvector_to_array(to_tsvector('english', word)))[1] AS stem
       FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n) ORDER BY n`,
    [text.words],
  );
  const stemUses = new Map<string, number>();
  for (const row of rows) if (row.stem) stemUses.set(row.stem, (stemUses.get(row.stem) ?? 0) + 1);
  const rare: Array<{ word: string; tickets: number }> = [];
  for (const row of rows.slice().reverse()) {
    if (!row.stem || stemUses.get(row.stem)! > 1) continue;
    rare.push({ word: row.word, tickets: await count(row.word) });
    if (rare.length === 8) break;
  }
  return { common_word: { word: common, tickets: await count(common) }, rare_words: rare };
}
