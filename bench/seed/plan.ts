// What the benchmark database holds: users, categories, tags, and for every ticket id a
// deterministic plan (status, people, times, comments, tags, timeline) and its text. Pure
// functions of the ticket id and the seed's shape: nothing here touches the database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/api';
import { between, mulberry32, Random, seedOf, weighted, Zipf } from './random';

/** Bumped whenever the seeded data changes shape: an older bench database is then seeded again. */
export const SEED_VERSION = 5;
export const PASSWORD = 'bench-password-1';

export const ADMINS = 3;
export const AGENTS = 50;
export const REQUESTERS = 5_000;
export const CATEGORY_COUNT = 20;
export const TAG_COUNT = 200;
/** Id strides: ticket t owns comment ids (t-1)*5+1.. and event ids (t-1)*16+1.. (gaps are fine). */
export const MAX_COMMENTS = 5;
export const EVENT_STRIDE = 16;

export type Role = 'admin' | 'agent' | 'user';
export const adminId = (i: number) => 1 + i;
export const agentId = (i: number) => 1 + ADMINS + i;
export const requesterId = (i: number) => 1 + ADMINS + AGENTS + i;
export const emailOf = (role: Role, i: number) => `${role === 'user' ? 'user' : role}${i + 1}@bench.test`;

export const STATUSES = ['open', 'in_progress', 'pending', 'escalated', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The migration's default SLA policies, in minutes: [first response, resolution]. */
const SLA_MINUTES: Record<Priority, [number, number]> = {
  urgent: [60, 240],
  high: [120, 1440],
  medium: [480, 2880],
  low: [1440, 4320],
};

const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ben', 'Carla', 'Chen', 'Dara', 'Diego', 'Elena', 'Emeka', 'Farah', 'Felix',
  'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jonas', 'Kai', 'Lena', 'Luca', 'Maya', 'Mina', 'Nadia',
  'Noah', 'Olga', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Sofia', 'Tariq', 'Uma', 'Vera', 'Wen',
  'Yara', 'Yusuf', 'Zoe', 'Zane',
]; // prettier-ignore
const LAST_NAMES = [
  'Adams', 'Baker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen',
  'Kowalski', 'Lopez', 'Mensah', 'Novak', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Silva', 'Tanaka',
  'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang',
]; // prettier-ignore

export function personName(userId: number): string {
  return `${FIRST_NAMES[userId % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(userId / FIRST_NAMES.length) % LAST_NAMES.length]}`;
}

export const CATEGORIES: Array<{ name: string; color: string }> = [
  'Billing', 'Login & access', 'Hardware', 'Network', 'Email', 'Printing', 'Mobile app', 'Web app',
  'Payments', 'Shipping', 'Returns', 'Security', 'Accounts', 'Integrations', 'Reports', 'Data export',
  'Onboarding', 'Licensing', 'Feature request', 'Other',
].map((name, i) => ({ name, color: `#${((i * 0x2f5a17 + 0x1b6fa3) & 0xffffff).toString(16).padStart(6, '0')}` })); // prettier-ignore

const TAG_AREAS = [
  'billing', 'login', 'vpn', 'printer', 'email', 'wifi', 'laptop', 'mobile', 'payments', 'shipping',
  'account', 'security', 'network', 'storage', 'backup', 'calendar', 'browser', 'database', 'reports', 'api',
]; // prettier-ignore
const TAG_ASPECTS = ['bug', 'howto', 'outage', 'question', 'request', 'regression', 'setup', 'access', 'slow', 'data'];
/** 200 tags, `area-aspect`; tag id i+1 is TAGS[i]. */
export const TAGS: string[] = TAG_AREAS.flatMap((area) => TAG_ASPECTS.map((aspect) => `${area}-${aspect}`));

/** The seeded text's vocabulary, most frequent first (bench/words.txt). */
export function loadWords(): string[] {
  return readFileSync(join(repoRoot(), 'bench', 'words.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export interface SeedShape {
  tickets: number;
  /** Epoch ms of the newest seeded moment (a few minutes before the seed ran). */
  endMs: number;
}

/** Soft-deleted tickets (0.2%): fixed ids, so the bench never asks for one by accident. */
export const isDeletedTicket = (id: number) => id % 500 === 250;

const DAY_MS = 86_400_000;
const SPAN_MS = 730 * DAY_MS;

/**
 * The oldest tickets that are open and unassigned whatever else holds, so `claim` has a queue of
 * at least min(30% of the tickets, 60,000) at any size (at a million the natural share suffices).
 */
function claimReserve(tickets: number): number {
  const natural = 0.08 * tickets;
  return Math.max(0, Math.min(0.3 * tickets, 60_000) - natural) / tickets;
}

export interface CommentPlan {
  id: number;
  parentId: number | null;
  authorId: number;
  isInternal: boolean;
  at: number;
  body: string;
  /** The vocabulary rank of each word of the body, in order (for its search vector). */
  ranks: number[];
}

export interface EventPlan {
  id: number;
  type: string;
  actorId: number | null;
  isInternal: boolean;
  data: Record<string, unknown>;
  at: number;
}

export interface TicketPlan {
  id: number;
  title: string;
  description: string;
  /** The vocabulary rank of each word of the title, then of the description (for `ticket_search.content`). */
  titleRanks: number[];
  descriptionRanks: number[];
  status: Status;
  priority: Priority;
  categoryId: number | null;
  requesterId: number;
  assigneeId: number | null;
  version: number;
  commentCount: number;
  publicCommentCount: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  firstRespondedAt: number | null;
  pausedAt: number | null;
  pausedSeconds: number;
  escalationLevel: number;
  escalatedAt: number | null;
  firstResponseEscalatedAt: number | null;
  resolutionEscalatedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  tagIds: number[];
  comments: CommentPlan[];
  events: EventPlan[];
}

const COMMENT_COUNT_WEIGHTS = [0.15, 0.25, 0.27, 0.17, 0.1, 0.06]; // 0..5, two on average
const TAG_COUNT_WEIGHTS = [0.3, 0.35, 0.25, 0.1]; // 0..3
const PRIORITY_WEIGHTS = [0.3, 0.45, 0.18, 0.07];
const ACTIVE_WEIGHTS = [0.4, 0.25, 0.2, 0.15]; // open, in_progress, pending, escalated
const STREAM_PLAN = 1;
const STREAM_TEXT = 2;

/** Text drawn from the vocabulary with Zipf's law. */
export class TextMaker {
  private readonly zipf: Zipf;

  constructor(readonly words: string[]) {
    this.zipf = new Zipf(words.length);
  }

  /** The share of words that are the word of this rank. */
  probability(rank: number): number {
    return this.zipf.probability(rank);
  }

  /** `count` words, the first capitalised, separated by spaces; their ranks go to `ranks` if given. */
  private phrase(random: Random, count: number, ranks?: number[]): string {
    let out = '';
    for (let i = 0; i < count; i++) {
      const rank = this.zipf.draw(random);
      ranks?.push(rank);
      const word = this.words[rank];
      out += i === 0 ? word[0].toUpperCase() + word.slice(1) : ' ' + word;
    }
    return out;
  }

  title(random: Random, ranks?: number[]): string {
    return this.phrase(random, between(random, 3, 7), ranks);
  }

  /** Sentences of 6 to 14 words, about `count` words in all (their ranks pushed to `ranks`). */
  prose(random: Random, count: number, ranks?: number[]): string {
    let out = '';
    for (let left = count; left > 0;) {
      const length = Math.min(left, between(random, 6, 14));
      out += (out ? ' ' : '') + this.phrase(random, length, ranks) + '.';
      left -= length;
    }
    return out;
  }
}

/** Everything about ticket `id`; the same id always gives the same plan. */
export function planTicket(id: number, shape: SeedShape, text: TextMaker): TicketPlan {
  const random = mulberry32(seedOf(id, STREAM_PLAN));
  const words = mulberry32(seedOf(id, STREAM_TEXT));
  const { tickets: n, endMs } = shape;
  const age = (id - 1 + random()) / n; // 0 = the oldest ticket, 1 = the newest
  const createdAt = Math.round(endMs - SPAN_MS * (1 - age)) - 1_000;
  const clamp = (at: number) => Math.min(endMs, Math.round(at));

  const priority = PRIORITIES[weighted(random, PRIORITY_WEIGHTS)];
  const categoryId = random() < 0.05 ? null : 1 + Math.floor(CATEGORY_COUNT * random() ** 1.6);
  const requester = requesterId(Math.floor(REQUESTERS * random() ** 1.5));
  const agent = agentId(Math.floor(AGENTS * random()));

  // Recent tickets are mostly still being worked on; old ones are mostly done.
  const reserved = age < claimReserve(n);
  const active = reserved || random() < Math.min(0.95, 0.12 + 0.9 * age ** 8);
  const status: Status = reserved
    ? 'open'
    : active
      ? (['open', 'in_progress', 'pending', 'escalated'] as const)[weighted(random, ACTIVE_WEIGHTS)]
      : random() < 0.25
        ? 'resolved'
        : 'closed';
  const assigned =
    !reserved &&
    (status === 'open'
      ? random() < 0.25
      : status === 'escalated'
        ? random() < 0.5
        : status === 'in_progress' || status === 'pending' || random() < 0.95);
  const assigneeId = assigned ? agent : null;

  const pausedSeconds = status !== 'pending' && random() < 0.2 ? Math.floor(random() * 2 * 86_400) : 0;
  const [firstMinutes, resolutionMinutes] = SLA_MINUTES[priority];
  const firstResponseDueAt = createdAt + firstMinutes * 60_000 + pausedSeconds * 1000;
  const resolutionDueAt = createdAt + resolutionMinutes * 60_000 + pausedSeconds * 1000;
  const done = status === 'resolved' || status === 'closed';
  const resolvedAt = done ? clamp(createdAt + (0.5 + 200 * random() ** 3) * 3_600_000) : null;
  const closedAt = status === 'closed' ? clamp(resolvedAt! + random() * 72 * 3_600_000) : null;
  const pausedAt = status === 'pending' ? clamp(createdAt + (endMs - createdAt) * (0.3 + 0.7 * random())) : null;
  const lastActivity = closedAt ?? resolvedAt ?? endMs;
  const assignedAt = assigneeId ? clamp(createdAt + random() * Math.min(2 * 3_600_000, lastActivity - createdAt)) : 0;

  // Comments, oldest first: requesters and staff take turns, staff write some internal notes.
  const comments: CommentPlan[] = [];
  const commentCount = weighted(random, COMMENT_COUNT_WEIGHTS);
  const times = Array.from({ length: commentCount }, () => clamp(createdAt + random() * (lastActivity - createdAt)));
  times.sort((a, b) => a - b);
  for (let k = 0; k < commentCount; k++) {
    const staff = random() < 0.55;
    const isInternal = staff && random() < 0.25;
    const previous = comments[k - 1];
    const reply = previous && random() < 0.3 && (isInternal || !previous.isInternal);
    const ranks: number[] = [];
    comments.push({
      id: (id - 1) * MAX_COMMENTS + k + 1,
      parentId: reply ? previous.id : null,
      authorId: staff ? (assigneeId ?? agent) : requester,
      isInternal,
      at: times[k],
      body: text.prose(words, between(random, 4, 24), ranks),
      ranks,
    });
  }
  const publicComments = comments.filter((c) => !c.isInternal);
  const firstResponse = publicComments.find((c) => c.authorId !== requester);

  let escalationLevel = 0;
  let escalatedAt: number | null = null;
  let firstResponseEscalatedAt: number | null = null;
  let resolutionEscalatedAt: number | null = null;
  const escalations: Array<{ kind: string; at: number }> = [];
  if (status === 'escalated' || (done && random() < 0.03)) {
    const at = (due: number) => clamp(Math.min(due + random() * 600_000, lastActivity));
    if (status === 'escalated' || random() < 0.5) {
      firstResponseEscalatedAt = at(firstResponseDueAt);
      escalations.push({ kind: 'first_response', at: firstResponseEscalatedAt });
    }
    if (escalations.length === 0 || random() < 0.3) {
      resolutionEscalatedAt = at(resolutionDueAt);
      escalations.push({ kind: 'resolution', at: resolutionEscalatedAt });
    }
    escalationLevel = escalations.length;
    escalatedAt = Math.max(...escalations.map((e) => e.at));
  }

  const titleRanks: number[] = [];
  const title = text.title(words, titleRanks);
  const tagIds = [
    ...new Set(
      Array.from({ length: weighted(random, TAG_COUNT_WEIGHTS) }, () => 1 + Math.floor(TAG_COUNT * random() ** 2)),
    ),
  ].sort((a, b) => a - b);
  const descriptionRanks: number[] = [];
  const description = text.prose(words, between(random, 8, 32), descriptionRanks);

  // The timeline, in the order things happened.
  const events: EventPlan[] = [
    {
      id: 0,
      type: 'ticket.created',
      actorId: requester,
      isInternal: false,
      at: createdAt,
      data: { title, priority, category_id: categoryId, tags: tagIds.map((t) => TAGS[t - 1]).sort() },
    },
  ];
  if (assigneeId) {
    events.push({
      id: 0,
      type: 'assignee.changed',
      actorId: assigneeId,
      isInternal: false,
      at: assignedAt,
      data: { from: null, to: assigneeId },
    });
  }
  for (const c of comments) {
    events.push({
      id: 0,
      type: 'comment.created',
      actorId: c.authorId,
      isInternal: c.isInternal,
      at: c.at,
      data: { comment_id: c.id, is_internal: c.isInternal },
    });
  }
  const statusChange = (from: Status, to: Status, at: number, actorId: number) =>
    events.push({ id: 0, type: 'status.changed', actorId, isInternal: false, at, data: { from, to } });
  const worker = assigneeId ?? agent;
  if (status === 'in_progress')
    statusChange('open', 'in_progress', clamp(Math.max(assignedAt, createdAt) + 60_000), worker);
  if (status === 'pending') statusChange('open', 'pending', pausedAt!, worker);
  if (done) statusChange('open', 'resolved', resolvedAt!, worker);
  if (status === 'closed') statusChange('resolved', 'closed', closedAt!, random() < 0.5 ? requester : worker);
  escalations.forEach((e, i) => {
    events.push({ id: 0, type: 'sla.breached', actorId: null, isInternal: false, at: e.at, data: { kind: e.kind } });
    events.push({
      id: 0,
      type: 'ticket.escalated',
      actorId: null,
      isInternal: false,
      at: e.at,
      data: { kind: e.kind, level: i + 1 },
    });
  });
  events.sort((a, b) => a.at - b.at);
  events.forEach((event, k) => (event.id = (id - 1) * EVENT_STRIDE + k + 1));

  const changes = events.filter((e) => e.type !== 'ticket.created' && e.type !== 'comment.created').length;
  const visibleActivity = events.filter((e) => !e.isInternal).map((e) => e.at);
  return {
    id,
    title,
    description,
    titleRanks,
    descriptionRanks,
    status,
    priority,
    categoryId,
    requesterId: requester,
    assigneeId,
    version: 1 + changes,
    commentCount: comments.length,
    publicCommentCount: publicComments.length,
    firstResponseDueAt,
    resolutionDueAt,
    firstRespondedAt: firstResponse?.at ?? null,
    pausedAt,
    pausedSeconds,
    escalationLevel,
    escalatedAt,
    firstResponseEscalatedAt,
    resolutionEscalatedAt,
    resolvedAt,
    closedAt,
    createdAt,
    updatedAt: Math.max(createdAt, ...visibleActivity),
    deletedAt: isDeletedTicket(id) ? clamp(lastActivity + 3_600_000) : null,
    tagIds,
    comments,
    events,
  };
}
