// One of the seed's loaders, in a worker thread: plans its share of the tickets and COPYs them,
// with their comments, tags and timelines, over its own connection. Generating the next chunk
// while Postgres takes the previous one keeps both busy; two of these keep both cores busy.
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { copyIn, field, row, time } from './copy';
import { loadWords, planTicket, SeedShape, TextMaker, TicketPlan } from './plan';
import { Lexemes } from './tsvector';

export interface LoadJob {
  url: string;
  shape: SeedShape;
  lexemes: Array<string | null>;
  /** Ticket id ranges [first, last], one per chunk. */
  chunks: Array<[number, number]>;
}

export interface LoadProgress {
  tickets: number;
  comments: number;
  events: number;
}

const TICKET_COLUMNS = [
  'id', 'title', 'description', 'status', 'priority', 'category_id', 'requester_id', 'assignee_id', 'version',
  'comment_count', 'public_comment_count', 'first_response_due_at', 'resolution_due_at', 'first_responded_at',
  'paused_at', 'paused_seconds', 'escalation_level', 'escalated_at', 'first_response_escalated_at',
  'resolution_escalated_at', 'resolved_at', 'closed_at', 'created_at', 'updated_at', 'deleted_at',
  'status_changed_at',
]; // prettier-ignore
const SEARCH_COLUMNS = [
  'ticket_id', 'created_at', 'requester_id', 'deleted_at', 'content', 'public_comments', 'internal_comments',
]; // prettier-ignore
const COMMENT_COLUMNS = ['id', 'ticket_id', 'parent_id', 'author_id', 'body', 'is_internal', 'created_at'];
const EVENT_COLUMNS = ['id', 'ticket_id', 'type', 'actor_id', 'is_internal', 'data', 'created_at'];

function ticketRow(p: TicketPlan): string {
  return row([
    String(p.id),
    field(p.title),
    field(p.description),
    p.status,
    p.priority,
    field(p.categoryId),
    String(p.requesterId),
    field(p.assigneeId),
    String(p.version),
    String(p.commentCount),
    String(p.publicCommentCount),
    time(p.firstResponseDueAt),
    time(p.resolutionDueAt),
    time(p.firstRespondedAt),
    time(p.pausedAt),
    String(p.pausedSeconds),
    String(p.escalationLevel),
    time(p.escalatedAt),
    time(p.firstResponseEscalatedAt),
    time(p.resolutionEscalatedAt),
    time(p.resolvedAt),
    time(p.closedAt),
    time(p.createdAt),
    time(p.updatedAt),
    time(p.deletedAt),
    // The last status change the plan made (automations' hours_in_status reads it).
    time(p.closedAt ?? p.resolvedAt ?? p.pausedAt ?? p.escalatedAt ?? p.createdAt),
  ]);
}

/** The ticket's `ticket_search` row, as the migration's trigger and TicketRepository would write it. */
function searchRow(p: TicketPlan, lexemes: Lexemes): string {
  const texts = (internal: boolean) => p.comments.filter((c) => c.isInternal === internal).map((c) => c.ranks);
  return row([
    String(p.id),
    time(p.createdAt),
    String(p.requesterId),
    time(p.deletedAt),
    lexemes.weighted([
      [p.titleRanks, 'A'],
      [p.descriptionRanks, 'B'],
    ]),
    lexemes.vector(texts(false)),
    lexemes.vector(texts(true)),
  ]);
}

type Rows = Record<'tickets' | 'search' | 'comments' | 'tags' | 'events', string[]>;

/**
 * The COPY lines of tickets first..last and everything that belongs to them. It yields to the event
 * loop now and then, so the previous chunk's statements go out one after another meanwhile.
 */
async function chunkRows(first: number, last: number, shape: SeedShape, text: TextMaker, lexemes: Lexemes) {
  const tickets: string[] = [];
  const search: string[] = [];
  const comments: string[] = [];
  const tags: string[] = [];
  const events: string[] = [];
  for (let id = first; id <= last; id++) {
    if (id % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    const p = planTicket(id, shape, text);
    tickets.push(ticketRow(p));
    search.push(searchRow(p, lexemes));
    for (const c of p.comments) {
      comments.push(
        row([
          String(c.id),
          String(id),
          field(c.parentId),
          String(c.authorId),
          field(c.body),
          String(c.isInternal),
          time(c.at),
        ]),
      );
    }
    for (const tagId of p.tagIds) tags.push(`${id}\t${tagId}`);
    for (const e of p.events) {
      events.push(
        row([
          String(e.id),
          String(id),
          e.type,
          field(e.actorId),
          String(e.isInternal),
          field(JSON.stringify(e.data)),
          time(e.at),
        ]),
      );
    }
  }
  return { tickets, search, comments, tags, events } satisfies Rows;
}

/** One chunk, in one transaction, each statement after the previous one (pg 9 allows no other way). */
async function send(client: Client, rows: Rows): Promise<void> {
  await client.query('BEGIN');
  await copyIn(client, 'tickets', TICKET_COLUMNS, rows.tickets);
  await copyIn(client, 'ticket_search', SEARCH_COLUMNS, rows.search);
  await copyIn(client, 'comments', COMMENT_COLUMNS, rows.comments);
  await copyIn(client, 'ticket_tags', ['ticket_id', 'tag_id'], rows.tags);
  await copyIn(client, 'ticket_events', EVENT_COLUMNS, rows.events);
  await client.query('COMMIT');
  const progress: LoadProgress = {
    tickets: rows.tickets.length,
    comments: rows.comments.length,
    events: rows.events.length,
  };
  parentPort!.postMessage(progress);
}

async function load(job: LoadJob): Promise<void> {
  const client = new Client({ connectionString: job.url });
  await client.connect();
  try {
    // Foreign keys are checked by triggers: off for the load (the plan keeps every reference valid,
    // and the seed checks afterwards). Nothing here needs to survive a crash.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET synchronous_commit = off`);
    const text = new TextMaker(loadWords());
    const lexemes = Lexemes.of(job.lexemes);
    let inFlight: Promise<void> | undefined;
    for (const [first, last] of job.chunks) {
      // The next chunk is planned while Postgres takes the previous one.
      const rows = await chunkRows(first, last, job.shape, text, lexemes);
      await inFlight;
      inFlight = send(client, rows);
      inFlight.catch(() => undefined); // it is awaited (and its error thrown) after the next chunk
    }
    await inFlight;
  } finally {
    await client.end();
  }
}

if (parentPort) {
  load(workerData as LoadJob).catch((error: unknown) => {
    // Rethrown asynchronously so the worker's 'error' event carries it to the seed.
    setImmediate(() => {
      throw error;
    });
  });
}
