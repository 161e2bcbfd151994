// The floor `npm run bench` measures the API against: bare node:http + pg serving the two hottest
// reads, GET /api/v1/tickets/:id and the filtered GET /api/v1/tickets, with the SQL the app sends
// (TypeORM's text, captured from the running app, sent as named prepared statements with the app's
// random_page_cost, and counts past the cap reused for 10 s, as the app does), the app's JWT check (HS256 through jsonwebtoken,
// as passport-jwt does, then the user looked up with a 5-second cache) and the app's JSON. Nothing
// else: no framework, validation, rate limit, access log, request id or security headers; that
// difference is what the bench's ratio shows. Run as a child process by bench/main.ts.
// Env: PORT, DATABASE_URL, JWT_SECRET, DATABASE_POOL_SIZE (the app's default, 10).
import { createHash } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // The app's pool settings (src/database/data-source-options.ts).
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  connectionTimeoutMillis: 3_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  application_name: 'helpdesk-baseline',
  options: '-c random_page_cost=1.1',
});

/**
 * The app's ticket reads are named prepared statements (src/database/prepared-statements.ts):
 * parsed once per connection, planned generically once Postgres settles on it.
 */
function prepared<R extends object>(text: string, values: unknown[]) {
  return pool.query<R>({ name: `b_${createHash('sha1').update(text).digest('base64url')}`, text, values });
}
const SECRET = process.env.JWT_SECRET ?? '';
const TOTAL_CAP = 10_000;
const TIMELINE_ON_TICKET = 100;

interface Caller {
  id: number;
  role: 'user' | 'agent' | 'admin';
}

// --- authentication: the same token check and user lookup as src/auth/jwt.strategy.ts ----------

const AUTHORIZATION = /^(?:Bearer|JWT)\s+([A-Za-z0-9._~+/=-]+)\s*$/i;
const USER_SQL = `SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."name" AS "User_name", "User"."role" AS "User_role", "User"."is_active" AS "User_is_active", "User"."email_verified_at" AS "User_email_verified_at", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" FROM "users" "User" WHERE (("User"."id" = $1)) LIMIT 1`;
const userCache = new Map<number, { user: { User_id: number; User_role: Caller['role']; User_is_active: boolean } | null; expiresAt: number }>(); // prettier-ignore

async function authenticate(header: string | undefined): Promise<Caller | null> {
  const token = AUTHORIZATION.exec(header ?? '')?.[1];
  if (!token) return null;
  let sub: unknown;
  try {
    sub = (jwt.verify(token, SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload).sub;
  } catch {
    return null;
  }
  if (typeof sub !== 'number' || !Number.isInteger(sub)) return null;
  const now = Date.now();
  let hit = userCache.get(sub);
  if (!hit || hit.expiresAt <= now) {
    const { rows } = await pool.query(USER_SQL, [sub]);
    if (userCache.size >= 10_000) userCache.clear();
    hit = { user: rows[0] ?? null, expiresAt: now + 5_000 };
    userCache.set(sub, hit);
  }
  return hit.user?.User_is_active ? { id: hit.user.User_id, role: hit.user.User_role } : null;
}

// --- tickets: TypeORM's SQL for the entity, and the presenter's JSON --------------------------

const TICKET_SELECT = `SELECT "t"."id" AS "t_id", "t"."title" AS "t_title", "t"."description" AS "t_description", "t"."status" AS "t_status", "t"."priority" AS "t_priority", "t"."category_id" AS "t_category_id", "t"."source" AS "t_source", "t"."requester_id" AS "t_requester_id", "t"."assignee_id" AS "t_assignee_id", "t"."version" AS "t_version", "t"."comment_count" AS "t_comment_count", "t"."public_comment_count" AS "t_public_comment_count", "t"."first_response_due_at" AS "t_first_response_due_at", "t"."resolution_due_at" AS "t_resolution_due_at", "t"."first_responded_at" AS "t_first_responded_at", "t"."paused_at" AS "t_paused_at", "t"."paused_seconds" AS "t_paused_seconds", "t"."escalation_level" AS "t_escalation_level", "t"."escalated_at" AS "t_escalated_at", "t"."first_response_escalated_at" AS "t_first_response_escalated_at", "t"."resolution_escalated_at" AS "t_resolution_escalated_at", "t"."resolved_at" AS "t_resolved_at", "t"."closed_at" AS "t_closed_at", "t"."created_at" AS "t_created_at", "t"."updated_at" AS "t_updated_at", "t"."deleted_at" AS "t_deleted_at" FROM "tickets" "t"`;
// The relation and timeline columns src/tickets/ticket-reader.ts adds to the ticket query.
const REL_SELECT = `(SELECT json_build_object('id', c.id, 'name', c.name, 'color', c.color) FROM categories c WHERE c.id = "t"."category_id") AS "rel_category", (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = "t"."requester_id") AS "rel_requester", (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = "t"."assignee_id") AS "rel_assignee", ARRAY(SELECT g.name FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = "t"."id" ORDER BY g.name) AS "rel_tags"`;
const TIMELINE_SELECT = (
  internal: boolean,
) => `(SELECT coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'actor_id', e.actor_id,
            'actor_name', a.name, 'data', e.data, 'created_ms', floor(extract(epoch FROM e.created_at) * 1000))
            ORDER BY e.id), '[]'::json)
     FROM (SELECT * FROM ticket_events WHERE ticket_id = "t"."id" ${internal ? '' : 'AND NOT is_internal'}
            ORDER BY id DESC LIMIT $1) e
     LEFT JOIN users a ON a.id = e.actor_id) AS "rel_timeline"`;
const WITH_RELATIONS = TICKET_SELECT.replace(' FROM "tickets" "t"', `, ${REL_SELECT} FROM "tickets" "t"`);
const WITH_TIMELINE = (internal: boolean) =>
  TICKET_SELECT.replace(' FROM "tickets" "t"', `, ${TIMELINE_SELECT(internal)}, ${REL_SELECT} FROM "tickets" "t"`);

interface TicketRow {
  t_id: number;
  t_title: string;
  t_description: string;
  t_status: string;
  t_priority: string;
  t_category_id: number | null;
  t_source: string;
  t_requester_id: number;
  t_assignee_id: number | null;
  t_version: number;
  t_comment_count: number;
  t_public_comment_count: number;
  t_first_response_due_at: Date;
  t_resolution_due_at: Date;
  t_first_responded_at: Date | null;
  t_paused_at: Date | null;
  t_escalation_level: number;
  t_escalated_at: Date | null;
  t_resolved_at: Date | null;
  t_closed_at: Date | null;
  t_created_at: Date;
  t_updated_at: Date;
}

type PresentedRow = TicketRow & RelationColumns;

type UserRef = { id: number; name: string; email: string };

interface RelationColumns {
  rel_category: { id: number; name: string; color: string } | null;
  rel_requester: UserRef;
  rel_assignee: UserRef | null;
  rel_tags: string[];
  rel_timeline?: Array<{
    id: number;
    type: string;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
    created_ms: number;
  }>;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** src/sla/sla.ts `isBreached`: either target missed, the clock stopped while pending. */
function isBreached(t: TicketRow, now: number): boolean {
  const clock = (t.t_paused_at ?? new Date(now)).getTime();
  const answeredAt = t.t_first_responded_at?.getTime() ?? t.t_resolved_at?.getTime() ?? clock;
  const doneAt = t.t_resolved_at?.getTime() ?? clock;
  return answeredAt > t.t_first_response_due_at.getTime() || doneAt > t.t_resolution_due_at.getTime();
}

/** src/tickets/ticket.presenter.ts, from a row with the reader's relation columns. */
function present(tickets: PresentedRow[], caller: Caller) {
  const now = Date.now();
  const staff = caller.role !== 'user';
  return tickets.map((t) => ({
    id: t.t_id,
    title: t.t_title,
    description: t.t_description,
    status: t.t_status,
    priority: t.t_priority,
    source: t.t_source,
    category: t.rel_category,
    tags: t.rel_tags,
    requester: t.rel_requester,
    assignee: t.rel_assignee,
    version: t.t_version,
    comment_count: staff ? t.t_comment_count : t.t_public_comment_count,
    first_response_due_at: t.t_first_response_due_at.toISOString(),
    resolution_due_at: t.t_resolution_due_at.toISOString(),
    first_responded_at: iso(t.t_first_responded_at),
    is_breached: isBreached(t, now),
    escalation_level: t.t_escalation_level,
    escalated_at: iso(t.t_escalated_at),
    resolved_at: iso(t.t_resolved_at),
    closed_at: iso(t.t_closed_at),
    created_at: t.t_created_at.toISOString(),
    updated_at: t.t_updated_at.toISOString(),
  }));
}

/** One statement: the ticket, its relations and its latest events (as the app sends it). */
async function getTicket(caller: Caller, id: number): Promise<[number, unknown]> {
  const visible = caller.role === 'user';
  const { rows } = await prepared<PresentedRow>(
    `${WITH_TIMELINE(!visible)} WHERE ${visible ? '( "t"."requester_id" = $2 ) AND ( "t"."id" = $3 )' : '( "t"."id" = $2 )'} AND ( "t"."deleted_at" IS NULL )`,
    visible ? [TIMELINE_ON_TICKET, caller.id, id] : [TIMELINE_ON_TICKET, id],
  );
  if (!rows.length) return [404, { error: { code: 'NOT_FOUND', message: 'Ticket not found' } }];
  const [json] = present(rows, caller);
  const timeline = (rows[0].rel_timeline ?? []).map((e) => ({
    id: Number(e.id),
    type: e.type,
    actor: e.actor_id === null ? null : { id: e.actor_id, name: e.actor_name ?? '' },
    data: e.data,
    created_at: new Date(e.created_ms).toISOString(),
  }));
  // The ticket's own files, as AttachmentsService.looseOf reads them (a second statement in the app too).
  const { rows: files } = await prepared<{ id: number }>(
    `SELECT "a"."id" FROM "attachments" "a" WHERE "a"."ticket_id" = $1 AND "a"."comment_id" IS NULL${
      caller.role === 'user' ? ' AND "a"."is_internal" = false' : ''
    } ORDER BY "a"."id" ASC`,
    [id],
  );
  return [200, { ...json, timeline, attachments: files }];
}

const STATUSES = new Set(['open', 'in_progress', 'pending', 'escalated', 'resolved', 'closed']);
const PRIORITIES = new Set(['low', 'medium', 'high', 'urgent']);

/** Counts past the cap are reused for 10 s, as the app's `countCapped` does (src/common/pagination). */
const cappedUntil = new Map<string, number>();

/** GET /tickets with `status`, `priority`, `limit`, `offset`, in the default order (-created_at). */
async function listTickets(caller: Caller, query: URLSearchParams): Promise<[number, unknown]> {
  const list = (name: string, allowed: Set<string>) => {
    const values = (query.get(name) ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    return values.every((v) => allowed.has(v)) ? values : null;
  };
  const statuses = list('status', STATUSES);
  const priorities = list('priority', PRIORITIES);
  const limit = Number(query.get('limit') ?? 20);
  const offset = Number(query.get('offset') ?? 0);
  if (!statuses || !priorities || !(limit >= 1 && limit <= 100) || !(offset >= 0 && offset <= 10_000)) {
    return [400, { error: { code: 'VALIDATION_FAILED', message: 'Bad query' } }];
  }
  const conditions: string[] = [];
  const params: unknown[] = [];
  const placeholders = (values: unknown[]) => values.map((v) => `$${params.push(v)}`).join(', ');
  if (caller.role === 'user') conditions.push(`"t"."requester_id" = ${placeholders([caller.id])}`);
  if (statuses.length) conditions.push(`"t"."status" IN (${placeholders(statuses)})`);
  if (priorities.length) conditions.push(`"t"."priority" IN (${placeholders(priorities)})`);
  const where = `${conditions.length ? `( ${conditions.join(' AND ')} ) AND ` : ''}( "t"."deleted_at" IS NULL )`;
  const capped = `(SELECT 1 FROM "tickets" "t" WHERE ${where} LIMIT ${TOTAL_CAP + 1}) AS capped`;
  const countKey = `${capped}\0${JSON.stringify(params)}`;
  const pageSql = (withCount: boolean) =>
    `${withCount ? WITH_RELATIONS.replace(' FROM "tickets" "t"', `, (SELECT count(*) FROM ${capped}) AS "rel_total" FROM "tickets" "t"`) : WITH_RELATIONS} WHERE ${where} ORDER BY "t"."created_at" DESC, "t"."id" DESC LIMIT ${limit} OFFSET ${offset}`;
  // As the app: a count known to be past the cap is not run again; otherwise it is a column of the
  // page (one statement), and only an empty page past the first needs its own count.
  const knownCapped = (cappedUntil.get(countKey) ?? 0) > Date.now();
  const page = await prepared<PresentedRow & { rel_total?: string }>(pageSql(!knownCapped), params);
  let n: number;
  if (knownCapped) n = TOTAL_CAP + 1;
  else if (page.rows.length) n = Number(page.rows[0].rel_total);
  else if (offset === 0) n = 0;
  else n = Number((await prepared<{ n: string }>(`SELECT count(*) AS n FROM ${capped}`, params)).rows[0].n);
  if (n > TOTAL_CAP && !knownCapped) {
    if (cappedUntil.size >= 1_000) cappedUntil.clear();
    cappedUntil.set(countKey, Date.now() + 10_000);
  }
  const total = Math.min(n, TOTAL_CAP);
  const items = present(page.rows, caller);
  const end = offset + limit;
  const more = items.length === limit && (end < total || (n > TOTAL_CAP && end <= 10_000));
  return [200, { items, total, total_capped: n > TOTAL_CAP, limit, offset, next_offset: more ? end : null }];
}

// --- the server -------------------------------------------------------------------------------

const TICKET_PATH = /^\/api\/v1\/tickets\/([1-9]\d{0,9})$/;

async function route(req: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname === '/health') return [200, { status: 'ok' }];
  if (req.method !== 'GET') return [404, { error: { code: 'NOT_FOUND', message: 'Not found' } }];
  const caller = await authenticate(req.headers.authorization);
  if (!caller) return [401, { error: { code: 'UNAUTHENTICATED', message: 'Invalid token' } }];
  if (url.pathname === '/api/v1/tickets') return listTickets(caller, url.searchParams);
  const id = TICKET_PATH.exec(url.pathname)?.[1];
  if (id && Number(id) <= 2_147_483_647) return getTicket(caller, Number(id));
  return [404, { error: { code: 'NOT_FOUND', message: 'Not found' } }];
}

const server = http.createServer((req, res) => {
  route(req)
    .catch((error: Error): [number, unknown] => {
      console.error(error);
      return [500, { error: { code: 'INTERNAL', message: 'Internal error' } }];
    })
    .then(([status, body]) => {
      const json = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    })
    .catch((error: unknown) => {
      // Writing the answer failed (e.g. a body that does not serialise): drop this request, keep serving.
      console.error(error);
      res.destroy();
    });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
