// The scenarios of `npm run bench`: what each one sends, to which server, what it must answer, and
// the budget for it (at a million tickets, on the 2-core machine, load generator included).
import autocannon from 'autocannon';
import { databaseUrl, sql } from '../lib/pg';
import { CATEGORY_COUNT, isDeletedTicket, PASSWORD, TAGS, TextMaker } from '../seed/plan';
import { SeedInfo } from '../seed/seed';
import { Measured } from './drive';

export interface Budget {
  rps?: number;
  p99?: number;
  /** Throughput as a share of the baseline scenario's. */
  ratio?: number;
  /** For claim: successful claim requests per second. */
  text?: string;
}

export interface Context {
  database: string;
  seed: SeedInfo;
  api: string;
  runId: string;
  agents: Array<{ id: number; token: string }>;
  admin: string;
  /** Requesters whose tokens the load uses (heavy and light ones). */
  requesters: string[];
  requesterEmails: string[];
  text: TextMaker;
}

export interface Check {
  /** Extra numbers for the report (claimed tickets, double assignments, ...). */
  details: Record<string, number | string>;
  /** A broken invariant: fails the run like an error does. */
  failure?: string;
  /** Worth reading beside the numbers, but not a failure. */
  note?: string;
}

export interface Scenario {
  key: string;
  title: string;
  server: 'api' | 'baseline';
  expect: number;
  budget?: Budget;
  /** The baseline scenario this one is compared with. */
  baselineKey?: string;
  /** Sets up one phase (warm-up, then the measured run) and returns what autocannon sends. */
  phase(ctx: Context, measured: boolean): Promise<Partial<autocannon.Options>>;
  /** After the measured run: invariants and extra numbers. */
  check?(ctx: Context, result: Measured): Promise<Check>;
}

type Req = autocannon.Request;

/** Round-robin over a list. */
function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

const bearer = (token: string) => `Bearer ${token}`;

/** A live (not soft-deleted) seeded ticket, uniformly at random. */
function randomTicket(seed: SeedInfo): number {
  for (;;) {
    const id = 1 + Math.floor(Math.random() * seed.max_ticket_id);
    if (!isDeletedTicket(id)) return id;
  }
}

/**
 * One kind of request, as autocannon takes it: `setupRequest` builds each one afresh, `onResponse`
 * sees its answer (`context` is the connection's, so with one request in flight per connection it
 * belongs to that request). The scenarios drive one kind alone; bench/desk-day.ts mixes them.
 */
export interface RequestKind extends Req {
  setupRequest: (req: Req, context: object) => Req;
  onResponse?: (status: number, body: string, context: object) => void;
}

/** What autocannon sends when one kind of request is all of the load. */
const only = (kind: RequestKind): Partial<autocannon.Options> => ({ requests: [kind] });

function agentGet(ctx: Context, path: () => string): RequestKind {
  const agent = cycle(ctx.agents);
  return {
    setupRequest: (req: Req) => ({
      ...req,
      path: path(),
      headers: { ...req.headers, authorization: bearer(agent().token) },
    }),
  };
}

/** Each a status and a priority filter, narrow to broad (the broad ones reach the 10,000 cap). */
export const LIST_FILTERS = [
  'status=open&priority=high',
  'status=open,in_progress&priority=urgent,high',
  'status=pending&priority=medium',
  'status=in_progress&priority=low,medium',
  'status=escalated&priority=urgent',
  'status=resolved&priority=high',
  'status=closed&priority=low,medium',
  'status=open,pending,in_progress&priority=low',
];

/** GET /tickets/:id of a live seeded ticket, as an agent. */
export const getTicketRequest = (ctx: Context) => agentGet(ctx, () => `/api/v1/tickets/${randomTicket(ctx.seed)}`);

/** GET /tickets with LIST_FILTERS in turn, as an agent. */
export function filteredListRequest(ctx: Context): RequestKind {
  const filter = cycle(LIST_FILTERS);
  return agentGet(ctx, () => `/api/v1/tickets?${filter()}`);
}

/** GET /tickets as the requesters in turn: each sees only their own. */
export function ownTicketsRequest(ctx: Context): RequestKind {
  const requester = cycle(ctx.requesters);
  return {
    setupRequest: (req: Req) => ({
      ...req,
      path: '/api/v1/tickets',
      headers: { ...req.headers, authorization: bearer(requester()) },
    }),
  };
}

/** The seed's rare words, each in about 0.1% of the tickets. */
export const rareWords = (ctx: Context) => ctx.seed.rare_words.map((w) => w.word);

/** GET /tickets?q= with `words` in turn, as an agent. */
export function searchRequest(ctx: Context, words: string[]): RequestKind {
  const word = cycle(words);
  return agentGet(ctx, () => `/api/v1/tickets?q=${word()}`);
}

/** POST /tickets as the requesters in turn, with 1–3 tags and the Idempotency-Key `<keyPrefix>-<n>`. */
export function createTicketRequest(ctx: Context, keyPrefix: string): RequestKind {
  const requester = cycle(ctx.requesters);
  let n = 0;
  const random = Math.random;
  return {
    method: 'POST',
    path: '/api/v1/tickets',
    setupRequest: (req: Req) => {
      const tags = new Set(Array.from({ length: 1 + (n % 3) }, () => TAGS[Math.floor(random() ** 2 * 200)]));
      return {
        ...req,
        headers: {
          ...req.headers,
          authorization: bearer(requester()),
          'content-type': 'application/json',
          'idempotency-key': `${keyPrefix}-${++n}`,
        },
        body: JSON.stringify({
          title: ctx.text.title(random),
          description: ctx.text.prose(random, 8 + Math.floor(random() * 25)),
          priority: ['low', 'medium', 'medium', 'high', 'urgent'][n % 5],
          category_id: 1 + (n % CATEGORY_COUNT),
          tags: [...tags],
        }),
      };
    },
  };
}

/** POST /tickets/:id/comments on a live seeded ticket, as an agent. */
export function commentRequest(ctx: Context): RequestKind {
  const agent = cycle(ctx.agents);
  const random = Math.random;
  return {
    method: 'POST',
    setupRequest: (req: Req) => ({
      ...req,
      path: `/api/v1/tickets/${randomTicket(ctx.seed)}/comments`,
      headers: { ...req.headers, authorization: bearer(agent().token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: ctx.text.prose(random, 4 + Math.floor(random() * 20)) }),
    }),
  };
}

/** Tickets in progress or pending, each changed by one request at a time, walking between the two. */
export interface Patchable {
  id: number;
  version: number;
  status: string;
}

/** Up to 20,000 seeded tickets in progress or pending, in a fixed shuffled order, with their versions. */
export function loadPatchQueue(ctx: Context): Promise<Patchable[]> {
  return sql<Patchable>(
    databaseUrl(ctx.database),
    `SELECT id, version, status::text FROM tickets
      WHERE status IN ('in_progress', 'pending') AND deleted_at IS NULL AND id <= $1
      ORDER BY md5(id::text) LIMIT 20000`,
    [ctx.seed.max_ticket_id],
  );
}

/**
 * PATCH /tickets/:id status with version, as an agent. Each ticket is in one request at a time
 * (taken from `queue`, put back with the version the answer carries), so no request can meet a
 * concurrent change: a 409 would be a real error. The caller keeps the queue from running dry.
 */
export function patchRequest(ctx: Context, queue: Patchable[]): RequestKind {
  const agent = cycle(ctx.agents);
  return {
    method: 'PATCH',
    setupRequest: (req: Req, context: object) => {
      const ticket = queue.shift();
      if (!ticket) throw new Error('every ticket of the PATCH queue is in a request already');
      (context as { ticket?: Patchable }).ticket = ticket;
      return {
        ...req,
        path: `/api/v1/tickets/${ticket.id}`,
        headers: { ...req.headers, authorization: bearer(agent().token), 'content-type': 'application/json' },
        body: JSON.stringify({
          version: ticket.version,
          status: ticket.status === 'pending' ? 'in_progress' : 'pending',
        }),
      };
    },
    onResponse: (status: number, body: string, context: object) => {
      const ticket = (context as { ticket?: Patchable }).ticket;
      if (!ticket) return;
      if (status === 200) {
        const changed = JSON.parse(body) as Patchable;
        ticket.version = changed.version;
        ticket.status = changed.status;
      }
      // A failed one goes back too (its state unknown): the next try shows the error again.
      queue.push(ticket);
    },
  };
}

/** POST /tickets/claim `{limit: 15}` by the first 32 agents in turn; `claimed` hears each 200's ticket count. */
export function claimRequest(ctx: Context, claimed: (tickets: number) => void = () => {}): RequestKind {
  const agent = cycle(ctx.agents.slice(0, 32));
  return {
    method: 'POST',
    path: '/api/v1/tickets/claim',
    setupRequest: (req: Req) => ({
      ...req,
      headers: { ...req.headers, authorization: bearer(agent().token), 'content-type': 'application/json' },
      body: '{"limit":15}',
    }),
    onResponse: (status: number, body: string) => {
      if (status === 200) claimed((JSON.parse(body) as { items: unknown[] }).items.length);
    },
  };
}

export interface ClaimAudit {
  /** Tickets claimed since the seed (the seed has no claims, earlier runs' were undone). */
  tickets: number;
  /** Tickets claimed more than once. */
  doubles: number;
  /** Claimed tickets whose assignee is not their claimer. */
  mismatched: number;
  /** Tickets still in the claim queue. */
  left: number;
}

/** What the database shows of every claim since the seed: none may be double or mismatched. */
export async function auditClaims(ctx: Context): Promise<ClaimAudit> {
  const [row] = await sql<ClaimAudit & Record<string, number>>(
    databaseUrl(ctx.database),
    `WITH claimed AS (
       SELECT id, ticket_id, actor_id FROM ticket_events
        WHERE id > $1 AND type = 'assignee.changed' AND data @> '{"claimed": true}')
     SELECT count(DISTINCT ticket_id)::int AS tickets,
            (SELECT count(*)::int FROM (SELECT 1 FROM claimed GROUP BY ticket_id HAVING count(*) > 1) d) AS doubles,
            (SELECT count(*)::int FROM claimed c JOIN tickets t ON t.id = c.ticket_id
              WHERE t.assignee_id IS DISTINCT FROM c.actor_id) AS mismatched,
            (SELECT count(*)::int FROM tickets WHERE assignee_id IS NULL AND status IN ('open', 'escalated')
                AND deleted_at IS NULL) AS left
       FROM claimed`,
    [ctx.seed.max_event_id],
  );
  return row;
}

/** Tickets in the measured run's successful claim answers. */
let ticketsClaimed = 0;
let patchQueue: Patchable[] | undefined;

export const SCENARIOS: Scenario[] = [
  {
    key: 'login',
    title: 'login (argon2id)',
    server: 'api',
    expect: 200,
    phase: async (ctx) => {
      const email = cycle(ctx.requesterEmails);
      return only({
        method: 'POST',
        path: '/api/v1/auth/login',
        setupRequest: (req: Req) => ({
          ...req,
          headers: { ...req.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ email: email(), password: PASSWORD }),
        }),
      });
    },
  },
  {
    key: 'get',
    title: 'get ticket by id (agent)',
    server: 'api',
    expect: 200,
    budget: { rps: 2500, p99: 40 },
    baselineKey: 'get-baseline',
    phase: async (ctx) => only(getTicketRequest(ctx)),
  },
  {
    key: 'get-baseline',
    title: '  baseline: node:http + pg',
    server: 'baseline',
    expect: 200,
    phase: async (ctx) => only(getTicketRequest(ctx)),
  },
  {
    key: 'list',
    title: 'list, status+priority filter (agent)',
    server: 'api',
    expect: 200,
    budget: { rps: 1200, p99: 60 },
    baselineKey: 'list-baseline',
    phase: async (ctx) => only(filteredListRequest(ctx)),
  },
  {
    key: 'list-baseline',
    title: '  baseline: node:http + pg',
    server: 'baseline',
    expect: 200,
    phase: async (ctx) => only(filteredListRequest(ctx)),
  },
  {
    key: 'own',
    title: 'list own tickets (user)',
    server: 'api',
    expect: 200,
    budget: { rps: 1200, p99: 60 },
    phase: async (ctx) => only(ownTicketsRequest(ctx)),
  },
  {
    key: 'search-rare',
    title: 'search, rare word (agent)',
    server: 'api',
    expect: 200,
    budget: { rps: 600, p99: 100 },
    phase: async (ctx) => only(searchRequest(ctx, rareWords(ctx))),
  },
  {
    key: 'search-common',
    title: 'search, word in most tickets (agent)',
    server: 'api',
    expect: 200,
    budget: { p99: 150 },
    phase: async (ctx) => only(searchRequest(ctx, [ctx.seed.common_word.word])),
  },
  {
    key: 'stats',
    title: 'reports stats (admin)',
    server: 'api',
    expect: 200,
    budget: { p99: 500 },
    phase: async (ctx) => ({ url: `${ctx.api}/api/v1/reports/stats`, headers: { authorization: bearer(ctx.admin) } }),
  },
  {
    key: 'create',
    title: 'create ticket (user, tags, Idempotency-Key)',
    server: 'api',
    expect: 201,
    budget: { rps: 800, p99: 100 },
    phase: async (ctx, measured) => only(createTicketRequest(ctx, `bench-${ctx.runId}-${measured ? 'm' : 'w'}`)),
  },
  {
    key: 'comment',
    title: 'add comment (agent)',
    server: 'api',
    expect: 201,
    budget: { rps: 1000, p99: 80 },
    phase: async (ctx) => only(commentRequest(ctx)),
  },
  {
    key: 'patch',
    title: 'PATCH status with version (agent)',
    server: 'api',
    expect: 200,
    budget: { rps: 800 },
    phase: async (ctx, measured) => {
      // The measured run continues the warm-up's queue: a request the warm-up left unanswered
      // takes its ticket out of the queue for good (its version is unknown).
      if (!measured || !patchQueue) patchQueue = await loadPatchQueue(ctx);
      if (patchQueue.length < 64) throw new Error(`only ${patchQueue.length} tickets in progress or pending to PATCH`);
      return only(patchRequest(ctx, patchQueue));
    },
  },
  {
    key: 'claim',
    title: 'claim 15 (32 agents)',
    server: 'api',
    expect: 200,
    budget: { rps: 300, text: 'no double assignment' },
    phase: async (ctx, measured) => {
      // 32 agents pressing "claim 15" again and again, in turn over the connections.
      const [{ n }] = await sql<{ n: number }>(
        databaseUrl(ctx.database),
        `SELECT count(*)::int AS n FROM tickets
          WHERE assignee_id IS NULL AND status IN ('open', 'escalated') AND deleted_at IS NULL`,
      );
      if (measured) ticketsClaimed = 0;
      // Stop before the queue runs dry, so every measured claim is a full one (at small sizes it may still).
      const claims = Math.floor(n / 15) - 64;
      const share = measured ? 1 : 0.2;
      return {
        ...only(claimRequest(ctx, (tickets) => (ticketsClaimed += measured ? tickets : 0))),
        maxOverallRequests: Math.max(32, Math.floor(claims * share)),
      };
    },
    check: async (ctx, result) => {
      // Every claim of this run, warm-up included (the seed has none, earlier runs' were undone).
      const row = await auditClaims(ctx);
      const details = {
        tickets_claimed_per_s: Math.round(ticketsClaimed / result.seconds),
        tickets_per_claim: Math.round((ticketsClaimed / Math.max(1, result.ok)) * 10) / 10,
        tickets_claimed_in_run: row.tickets,
        double_assignments: row.doubles,
        assignee_mismatches: row.mismatched,
        still_claimable: row.left,
      };
      if (row.doubles || row.mismatched) {
        return {
          details,
          failure: `${row.doubles} tickets claimed twice, ${row.mismatched} assigned to another agent`,
        };
      }
      return { details };
    },
  },
];
