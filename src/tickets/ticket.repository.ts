// Every statement on `tickets`, `ticket_tags` and `ticket_events` that changes them, and the locked
// reads writers start from. Other modules (comments, escalation) change tickets only through
// this class; the query layer that presents tickets is read/. Statements run in the ambient
// transaction (TransactionContext), so a caller's `tx.run` makes them one unit.
import { Injectable, Optional } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { mapConstraintErrors } from '../database/database-errors';
import { markPrepared, PREPARED } from '../database/prepared-statements';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';
import type { TicketPriority } from '../common/ticket-enums';
import type { BreachKind } from '../sla/sla';
import { TagsService } from '../tags/tags.service';
import { TICKET_ALIAS as T, visibleTicketSql, visibleTickets } from './read/ticket-visibility';
import {
  AutomationCandidate,
  automationCandidatesSql,
  AutomationCursor,
  lockForAutomationSql,
  ResolvedTicketMatch,
  TicketMatch,
} from './ticket-automation-sql';
import { breachedPageSql, escalateSql } from './ticket-escalation-sql';
import { markWarnedSql } from './ticket-warning-sql';
import { TicketEvent, TicketEventType } from './ticket-event.entity';
import { EventSubject, TicketEventSinks } from './ticket-event-sink';
import type { TicketSnapshot } from './ticket-notifications';
import { appendCommentToSearchSet } from './ticket-search-sql';
import { Ticket } from './ticket.entity';

export interface NewEvent {
  type: TicketEventType;
  data?: Record<string, unknown>;
  isInternal?: boolean;
  /** Handed on to the sinks with the event, never stored (see EventSubject). */
  subject?: EventSubject;
}

/** The ticket a new comment was recorded on (what its writer and the sinks need of it). */
export interface CommentedTicket {
  id: number;
  title: string;
  requesterId: number;
}

/** What escalating a ticket changed (the row after the update, and its status before). */
export interface EscalatedTicket {
  id: number;
  title: string;
  priority: string;
  status: string;
  previous_status: string;
  assignee_id: number | null;
  requester_id: number;
  escalation_level: number;
  due_at: Date;
}

/** A ticket just marked as warned for a breach kind. */
export interface WarnedTicket {
  id: number;
  title: string;
  priority: string;
  status: string;
  assignee_id: number | null;
  requester_id: number;
  due_at: Date;
}

/** A ticket's SLA clock, read under its row lock. */
export interface LockedClock {
  priority: TicketPriority;
  pausedAt: Date | null;
  pausedSeconds: number;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** What leaving a pause does to the clock: the seconds paused, and both shifted due dates. */
export interface PauseResume {
  pausedSeconds: number;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** The columns a new ticket is inserted with. */
export type NewTicket = Pick<
  Ticket,
  | 'title'
  | 'description'
  | 'priority'
  | 'categoryId'
  | 'requesterId'
  | 'source'
  | 'createdAt'
  | 'updatedAt'
  | 'statusChangedAt'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
>;

/** Tickets read (and jobs added) per page of the escalation sweep. */
export const SWEEP_PAGE_SIZE = 500;

/** The constraints of `tickets` a client's input can violate, as the errors the client sees. */
const toClientError = mapConstraintErrors({
  tickets_category_id_fkey: () => AppException.unprocessable('No such category', { category_id: ['does not exist'] }),
});

@Injectable()
export class TicketRepository {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tags: TagsService,
    @Optional() private readonly sink?: TicketEventSinks,
  ) {}

  private get manager(): EntityManager {
    return this.tx.manager;
  }

  /** The ticket if the caller may see it (locked FOR UPDATE when `lock`); else the 404 of a missing one. */
  async findVisible(caller: AuthUser, id: number, lock = false): Promise<Ticket> {
    const qb = visibleTickets(this.manager, caller).andWhere(`${T}.id = :id`, { id }).comment(PREPARED);
    if (lock) qb.setLock('pessimistic_write');
    const ticket = await qb.getOne();
    if (!ticket) throw AppException.notFound('Ticket');
    return ticket;
  }

  /** The tickets of `ids` the caller may see, locked in id order (so overlapping callers cannot deadlock). */
  lockVisible(caller: AuthUser, ids: number[]): Promise<Ticket[]> {
    return visibleTickets(this.manager, caller)
      .andWhere(`${T}.id IN (:...ids)`, { ids })
      .orderBy(`${T}.id`, 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  findById(id: number): Promise<Ticket> {
    return this.manager.findOneByOrFail(Ticket, { id });
  }

  /** Ticket `id` unless it is missing or soft-deleted (then null), unlocked. */
  findLive(id: number): Promise<Ticket | null> {
    return this.manager.findOneBy(Ticket, { id });
  }

  /** A query of the tickets `ids`, oldest first, for the reader to present. */
  selectByIds(ids: number[]): SelectQueryBuilder<Ticket> {
    return this.manager
      .getRepository(Ticket)
      .createQueryBuilder(T)
      .whereInIds(ids)
      .orderBy(`${T}.createdAt`, 'ASC')
      .addOrderBy(`${T}.id`, 'ASC')
      .comment(PREPARED);
  }

  /**
   * Inserts a new ticket with its existing tags and its `ticket.created` event, in one statement
   * (the event then reaches the sinks), and returns its id. The category is checked by its foreign
   * key: no lookup before. A tag that does not exist yet is created and linked after (three more
   * statements, see `addTags`).
   */
  async insertCreated(ticket: NewTicket, tags: string[], actorId: number, event: NewEvent): Promise<number> {
    const rows: Array<{ id: number; linked: number }> = await this.manager
      .query(
        markPrepared(`WITH created AS (
           INSERT INTO tickets (title, description, priority, category_id, requester_id, source, created_at,
                                updated_at, status_changed_at, first_response_due_at, resolution_due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           RETURNING id),
         linked AS (
           INSERT INTO ticket_tags (ticket_id, tag_id)
           SELECT created.id, g.id FROM created, tags g WHERE g.name = ANY($12::text[])
           RETURNING tag_id),
         recorded AS (
           INSERT INTO ticket_events (ticket_id, type, actor_id, is_internal, data)
           SELECT created.id, $13, $14, false, $15::jsonb FROM created)
         SELECT id, (SELECT count(*)::int FROM linked) AS linked FROM created`),
        [
          ticket.title,
          ticket.description,
          ticket.priority,
          ticket.categoryId,
          ticket.requesterId,
          ticket.source,
          ticket.createdAt,
          ticket.updatedAt,
          ticket.statusChangedAt,
          ticket.firstResponseDueAt,
          ticket.resolutionDueAt,
          tags,
          event.type,
          actorId,
          JSON.stringify(event.data ?? {}),
        ],
      )
      .catch(toClientError);
    const [{ id, linked }] = rows;
    if (linked < tags.length) await this.addTags(id, tags);
    await this.handOn(id, actorId, [event]);
    return id;
  }

  /**
   * Writes `changes` to a ticket the caller holds locked at `version`, bumps the version, and
   * writes the change's timeline events in the same statement (then hands them to the sinks, as
   * `recordEvents` does).
   */
  async updateAndRecord(
    id: number,
    version: number,
    changes: Partial<Ticket>,
    now: Date,
    actorId: number | null,
    events: NewEvent[],
  ): Promise<void> {
    const [update, params] = this.manager
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND version = :version', { id, version })
      .getQueryAndParameters();
    const n = params.length;
    await this.manager
      .query(
        `WITH changed AS (${update} RETURNING id)
         INSERT INTO ticket_events (ticket_id, type, actor_id, is_internal, data)
         SELECT changed.id, e.type, $${n + 1}::int, e.is_internal, e.data
           FROM changed, unnest($${n + 2}::text[], $${n + 3}::boolean[], $${n + 4}::jsonb[])
                         WITH ORDINALITY AS e(type, is_internal, data, position)
          ORDER BY e.position`,
        [
          ...params,
          actorId,
          events.map((event) => event.type),
          events.map((event) => event.isInternal ?? false),
          events.map((event) => JSON.stringify(event.data ?? {})),
        ],
      )
      .catch(toClientError);
    await this.handOn(id, actorId, events);
  }

  /** Soft delete; null when there is no live ticket `id`. */
  async softDelete(id: number): Promise<TicketSnapshot | null> {
    const result = (await this.manager.query(
      `UPDATE tickets SET deleted_at = now(), version = version + 1 WHERE id = $1 AND deleted_at IS NULL
       RETURNING id, requester_id AS "requesterId", status, priority, version`,
      [id],
    )) as [TicketSnapshot[], number];
    return result[0][0] ?? null;
  }

  /** Undoes a soft delete; false when there is no deleted ticket `id`. */
  async restore(id: number): Promise<boolean> {
    const result = (await this.manager.query(
      `UPDATE tickets SET deleted_at = NULL, version = version + 1, updated_at = now()
        WHERE id = $1 AND deleted_at IS NOT NULL RETURNING id`,
      [id],
    )) as [unknown[], number];
    return result[1] > 0;
  }

  async tagNames(ticketId: number): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.manager.query(
      `SELECT g.name FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = $1 ORDER BY g.name`,
      [ticketId],
    );
    return rows.map((row) => row.name);
  }

  /**
   * Links tags to a ticket that has none of them yet (a new ticket), creating tag rows as needed.
   * Usually every tag exists already, and one statement links them all. Otherwise two more, on
   * purpose: a tag another transaction is inserting at the same moment makes ON CONFLICT wait for
   * it, and only a statement started after that sees the committed row.
   */
  async addTags(ticketId: number, names: string[]): Promise<void> {
    if (!names.length) return;
    const link = `INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2::text[])
                  ON CONFLICT DO NOTHING RETURNING tag_id`;
    const linked: unknown[] = await this.manager.query(link, [ticketId, names]);
    if (linked.length === names.length) return;
    await this.tags.ensureExist(names);
    await this.manager.query(link, [ticketId, names]);
  }

  /** Replaces a ticket's tags, creating tag rows as needed (race-safe through ON CONFLICT). */
  async replaceTags(ticketId: number, names: string[]): Promise<void> {
    await this.manager.query(`DELETE FROM ticket_tags WHERE ticket_id = $1`, [ticketId]);
    await this.addTags(ticketId, names);
  }

  /**
   * Timeline events, in the transaction of the change they record: a change that rolls back
   * leaves no event, and no event exists without it.
   */
  async recordEvents(ticketId: number, actorId: number | null, events: NewEvent[]): Promise<void> {
    if (!events.length) return;
    const rows: Array<Partial<TicketEvent>> = events.map((event) => ({
      ticketId,
      actorId,
      type: event.type,
      data: event.data ?? {},
      isInternal: event.isInternal ?? false,
    }));
    // TypeORM's deep-partial type cannot express a jsonb column of unknown shape.
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(TicketEvent)
      .values(rows as object[])
      .comment(PREPARED)
      .execute();
    await this.handOn(ticketId, actorId, events);
  }

  /** Recorded events to the sinks, in the recording transaction (TicketEventSinks). */
  private async handOn(ticketId: number, actorId: number | null, events: NewEvent[]): Promise<void> {
    await this.sink?.recorded(
      ticketId,
      actorId,
      events.map((event) => ({
        type: event.type,
        data: event.data ?? {},
        isInternal: event.isInternal ?? false,
        subject: event.subject,
      })),
    );
  }

  /**
   * Hands the oldest unassigned open/escalated tickets to `assigneeId`: one statement picks, locks
   * (FOR UPDATE SKIP LOCKED: each row to exactly one of many concurrent claimers, nobody waits),
   * assigns and records the events; the partial index tickets_claimable_idx serves the scan.
   */
  async claim(assigneeId: number, limit: number): Promise<number[]> {
    const picked: Array<{ id: number }> = await this.manager.query(
      markPrepared(`WITH picked AS (
         SELECT id FROM tickets
          WHERE assignee_id IS NULL AND status IN ('open', 'escalated') AND deleted_at IS NULL
          ORDER BY created_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), assigned AS (
         UPDATE tickets t SET assignee_id = $1, version = t.version + 1, updated_at = now()
           FROM picked WHERE t.id = picked.id
         RETURNING t.id
       ), recorded AS (
         INSERT INTO ticket_events (ticket_id, type, actor_id, data)
         SELECT id, 'assignee.changed', $1, jsonb_build_object('from', NULL, 'to', $1::int, 'claimed', true)
           FROM assigned
       )
       SELECT id FROM assigned`),
      [assigneeId, limit],
    );
    const ids = picked.map((row) => row.id);
    // The events above were inserted by the statement itself, not by recordEvents: hand them on too.
    if (ids.length) {
      await this.sink?.recordedMany(
        ids.map((ticketId) => ({
          ticketId,
          actorId: assigneeId,
          type: 'assignee.changed' as const,
          data: { from: null, to: assigneeId, claimed: true },
          isInternal: false,
        })),
      );
    }
    return ids;
  }

  /**
   * A new comment's share of the ticket, in one statement: the row's counters, first response and
   * requester-visible activity time, and the comment's words appended to its search vectors.
   * For a ticket its writer holds locked already (see `recordNewComment` for one it does not).
   */
  async recordComment(
    ticketId: number,
    comment: { isInternal: boolean; isFirstResponse: boolean; body: string },
  ): Promise<void> {
    await this.manager.query(markPrepared(commentSql(comment.isInternal, 'id = $1')), [
      ticketId,
      comment.isInternal ? 0 : 1,
      comment.isFirstResponse,
      comment.body,
    ]);
  }

  /**
   * `recordComment` on ticket `ticketId` if `caller` may see it, else the 404 of a missing one; the
   * UPDATE is the row lock that orders concurrent comments, so there is no SELECT ... FOR UPDATE
   * before it. `mayAnswer` says whether the comment is a first response if the ticket has none
   * yet (decided under that lock). Returns the ticket.
   */
  async recordNewComment(
    caller: AuthUser,
    ticketId: number,
    comment: { isInternal: boolean; mayAnswer: boolean; body: string },
  ): Promise<CommentedTicket> {
    const visible = visibleTicketSql('tickets', caller, 5);
    const rows = rawRows<CommentedTicket>(
      await this.manager.query(markPrepared(commentSql(comment.isInternal, `id = $1 AND ${visible.sql}`)), [
        ticketId,
        comment.isInternal ? 0 : 1,
        comment.mayAnswer,
        comment.body,
        ...visible.params,
      ]),
    );
    if (!rows.length) throw AppException.notFound('Ticket');
    return rows[0];
  }

  /** A deleted comment leaves the counters (and, if public, counts as activity). */
  async forgetComment(ticketId: number, isInternal: boolean): Promise<void> {
    await this.manager.query(
      `UPDATE tickets SET comment_count = comment_count - 1, public_comment_count = public_comment_count - $2,
              updated_at = CASE WHEN $2 = 1 THEN now() ELSE updated_at END WHERE id = $1`,
      [ticketId, isInternal ? 0 : 1],
    );
  }

  /** Rebuilds both comment search vectors from the live comments' text (after an edit or a delete). */
  async setCommentSearchText(ticketId: number, text: { public: string; internal: string }): Promise<void> {
    await this.manager.query(
      `UPDATE ticket_search SET public_comments = setweight(to_tsvector('english', $2), 'C'),
              internal_comments = setweight(to_tsvector('english', $3), 'C') WHERE ticket_id = $1`,
      [ticketId, text.public, text.internal],
    );
  }

  /**
   * Escalates ticket `id` for `kind` if it is still breached for it and was never escalated for it
   * (the database decides, under the row lock: of any number of concurrent or repeated attempts,
   * exactly one gets a row). Null when nothing changed.
   */
  async escalate(id: number, kind: BreachKind, resume: PauseResume | null = null): Promise<EscalatedTicket | null> {
    const params = [
      id,
      resume?.pausedSeconds ?? null,
      resume?.firstResponseDueAt ?? null,
      resume?.resolutionDueAt ?? null,
    ];
    const [row] = rawRows<EscalatedTicket>(await this.manager.query(escalateSql(kind), params));
    return row ?? null;
  }

  /**
   * Locks live ticket `id` (FOR UPDATE, in the caller's transaction) and reads its SLA clock, so a
   * writer can compute what the clock becomes before a conditional update. Null when it is gone.
   */
  async lockClock(id: number): Promise<LockedClock | null> {
    const rows: LockedClock[] = await this.manager.query(
      `SELECT priority, paused_at AS "pausedAt", paused_seconds AS "pausedSeconds",
              first_response_due_at AS "firstResponseDueAt", resolution_due_at AS "resolutionDueAt"
         FROM tickets WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Marks up to `limit` tickets of `priority` as warned for `kind`: those not paused, still able to
   * escalate for it, never warned for it, and due within `minutes` (not yet due). Exactly once per
   * ticket and kind however many sweeps run it at once (see markWarnedSql); the caller writes the
   * warning's event and emails in the same transaction.
   */
  async markWarned(
    kind: BreachKind,
    priority: TicketPriority,
    minutes: number,
    limit: number,
  ): Promise<WarnedTicket[]> {
    return rawRows<WarnedTicket>(await this.manager.query(markWarnedSql(kind), [priority, minutes, limit]));
  }

  /**
   * The ids of the tickets breached for `kind` and not escalated for it, oldest due first, in pages
   * of `pageSize` (keyset pagination over the partial index: each page is one index range scan).
   */
  async *breachedPages(kind: BreachKind, pageSize = SWEEP_PAGE_SIZE): AsyncGenerator<number[]> {
    const sql = breachedPageSql(kind);
    let after: [string, number] = ['-infinity', 0];
    for (;;) {
      const rows: Array<{ id: number; due: string }> = await this.manager.query(sql, [...after, pageSize]);
      if (rows.length) yield rows.map((row) => row.id);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.due, last.id];
    }
  }

  /**
   * The automation worker's page of candidates: the live tickets matching `match` after `cursor`,
   * in the walk's order (see automationCandidatesSql). Empty when a required tag does not exist
   * (no ticket can carry it).
   */
  async automationCandidates(
    match: TicketMatch,
    cursor: AutomationCursor,
    limit: number,
  ): Promise<AutomationCandidate[]> {
    const resolved = await this.resolveTags(match);
    if (!resolved) return [];
    const { sql, params } = automationCandidatesSql(resolved, cursor, limit);
    return this.manager.query(sql, params);
  }

  /**
   * Ticket `id`, locked FOR UPDATE in the current transaction, if it is still at `version` and
   * still matches `match`; null when it changed, no longer matches, or another transaction holds
   * it (SKIP LOCKED: the worker moves on, that ticket is the other's).
   */
  async lockForAutomation(id: number, version: number, match: TicketMatch): Promise<Ticket | null> {
    const resolved = await this.resolveTags(match);
    if (!resolved) return null;
    const { sql, params } = lockForAutomationSql(resolved, id, version);
    const rows: Array<{ id: number }> = await this.manager.query(sql, params);
    return rows.length ? this.findById(id) : null;
  }

  /** `match` with tag names as tag ids; null when a required tag does not exist. */
  private async resolveTags(match: TicketMatch): Promise<ResolvedTicketMatch | null> {
    const { tagsAll = [], tagsNone = [], ...rest } = match;
    const names = [...new Set([...tagsAll, ...tagsNone])];
    if (!names.length) return rest;
    const rows: Array<{ id: number; name: string }> = await this.manager.query(
      `SELECT id, name FROM tags WHERE name = ANY($1::text[])`,
      [names],
    );
    const idOf = new Map(rows.map((row) => [row.name, row.id]));
    if (tagsAll.some((name) => !idOf.has(name))) return null;
    const known = (list: string[]) => list.filter((name) => idOf.has(name)).map((name) => idOf.get(name)!);
    return { ...rest, tagIdsAll: known(tagsAll), tagIdsNone: known(tagsNone) };
  }

  /** Auto-assignment's count: unresolved live tickets held by each of `assigneeIds` (absent = none). */
  async unresolvedCountsByAssignee(assigneeIds: number[]): Promise<Map<number, number>> {
    if (!assigneeIds.length) return new Map();
    const rows: Array<{ assignee_id: number; open: number }> = await this.manager.query(
      `SELECT assignee_id, count(*)::int AS open FROM tickets
        WHERE assignee_id = ANY($1::int[]) AND resolved_at IS NULL AND deleted_at IS NULL
        GROUP BY assignee_id`,
      [assigneeIds],
    );
    return new Map(rows.map((row) => [row.assignee_id, row.open]));
  }

  /**
   * Sets the assignee of a ticket inserted in this same transaction (auto-assignment at creation).
   * No version bump: nobody has seen the ticket yet, so it is created assigned, at version 1.
   */
  async assignNew(id: number, assigneeId: number): Promise<void> {
    await this.manager.query(markPrepared(`UPDATE tickets SET assignee_id = $2 WHERE id = $1`), [id, assigneeId]);
  }
}

/**
 * The UPDATE of a new comment on the ticket rows matching `where` ($1 the ticket id, $2 1 for a
 * public comment, $3 whether it answers a ticket not yet answered, $4 its text), with the words
 * appended to `ticket_search` in the same statement; returns the ticket's id, title and requester.
 */
function commentSql(isInternal: boolean, where: string): string {
  return `WITH commented AS (
     UPDATE tickets SET comment_count = comment_count + 1,
            public_comment_count = public_comment_count + $2,
            first_responded_at = CASE WHEN $3 AND first_responded_at IS NULL THEN now() ELSE first_responded_at END,
            -- an internal note is not activity the requester may notice (sort=-updated_at)
            updated_at = CASE WHEN $2 = 1 THEN now() ELSE updated_at END
      WHERE ${where}
      RETURNING id, title, requester_id),
   searchable AS (
     UPDATE ticket_search SET ${appendCommentToSearchSet(isInternal, '$4')}
      WHERE ticket_id = (SELECT id FROM commented))
   SELECT id, title, requester_id AS "requesterId" FROM commented`;
}
