import { TicketPriority, TicketStatus } from '../common/ticket-enums';
import { UserRole } from '../common/user-role';
import { checkStatusChange } from '../tickets/write/ticket-status-machine';
import type { AutomationActions, AutomationConditions } from './automation.entity';
import {
  matches,
  ruleProblem,
  tagsAfter,
  TicketState,
  TransitionCheck,
  unreachableFrom,
  wouldLoop,
} from './automation-rules';

const { OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED, ESCALATED } = TicketStatus;
const NOW = new Date('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const desk: TransitionCheck = (from, to) =>
  checkStatusChange(from, to, { role: UserRole.ADMIN, isRequester: false }).kind !== 'invalid';

function ticket(overrides: Partial<TicketState> = {}): TicketState {
  return {
    status: OPEN,
    priority: TicketPriority.MEDIUM,
    categoryId: null,
    tags: [],
    updatedAt: NOW,
    statusChangedAt: NOW,
    ...overrides,
  };
}

describe('matches', () => {
  it('needs the status to be one of the listed ones', () => {
    expect(matches({ status: [OPEN, PENDING] }, ticket({ status: PENDING }), NOW)).toBe(true);
    expect(matches({ status: [OPEN] }, ticket({ status: RESOLVED }), NOW)).toBe(false);
  });

  it('checks priority and category only when given; a ticket without a category matches no category list', () => {
    const c: AutomationConditions = { status: [OPEN], priority: [TicketPriority.HIGH], category_id: [3] };
    expect(matches(c, ticket({ priority: TicketPriority.HIGH, categoryId: 3 }), NOW)).toBe(true);
    expect(matches(c, ticket({ priority: TicketPriority.LOW, categoryId: 3 }), NOW)).toBe(false);
    expect(matches(c, ticket({ priority: TicketPriority.HIGH, categoryId: 4 }), NOW)).toBe(false);
    expect(matches(c, ticket({ priority: TicketPriority.HIGH, categoryId: null }), NOW)).toBe(false);
    expect(matches({ status: [OPEN] }, ticket({ priority: TicketPriority.URGENT, categoryId: 9 }), NOW)).toBe(true);
  });

  it('needs every tag of tags_all and none of tags_none', () => {
    const c: AutomationConditions = { status: [OPEN], tags_all: ['vip', 'billing'], tags_none: ['spam'] };
    expect(matches(c, ticket({ tags: ['billing', 'vip', 'x'] }), NOW)).toBe(true);
    expect(matches(c, ticket({ tags: ['vip'] }), NOW)).toBe(false);
    expect(matches(c, ticket({ tags: ['billing', 'vip', 'spam'] }), NOW)).toBe(false);
  });

  it('counts hours (fractions too) from updated_at and status_changed_at, inclusive', () => {
    const c: AutomationConditions = { status: [RESOLVED], hours_in_status: 72 };
    expect(matches(c, ticket({ status: RESOLVED, statusChangedAt: hoursAgo(72) }), NOW)).toBe(true);
    expect(matches(c, ticket({ status: RESOLVED, statusChangedAt: hoursAgo(71.99) }), NOW)).toBe(false);
    const fraction: AutomationConditions = { status: [OPEN], hours_since_update: 0.01 };
    expect(matches(fraction, ticket({ updatedAt: new Date(NOW.getTime() - 36_000) }), NOW)).toBe(true);
    expect(matches(fraction, ticket({ updatedAt: new Date(NOW.getTime() - 35_999) }), NOW)).toBe(false);
    expect(matches({ status: [OPEN], hours_in_status: 0 }, ticket(), NOW)).toBe(true);
  });
});

describe('tagsAfter', () => {
  it('adds, then removes, and keeps the canonical order', () => {
    expect(tagsAfter(['b', 'a'], { add_tags: ['c', 'a'], remove_tags: ['b'] })).toEqual(['a', 'c']);
    expect(tagsAfter(['x'], {})).toEqual(['x']);
  });
});

describe('wouldLoop', () => {
  const cases: Array<[string, AutomationConditions, AutomationActions, boolean]> = [
    ['a priority change the conditions do not look at', { status: [OPEN] }, { priority: TicketPriority.HIGH }, true],
    ['a status out of the conditions', { status: [OPEN] }, { status: PENDING }, false],
    ['a status into the conditions', { status: [OPEN, PENDING] }, { status: PENDING }, true],
    ['the seeded close rule', { status: [RESOLVED], hours_in_status: 72 }, { status: CLOSED }, false],
    [
      'a priority out of the conditions',
      { status: [OPEN], priority: [TicketPriority.LOW] },
      { priority: TicketPriority.HIGH },
      false,
    ],
    [
      'a priority within the conditions',
      { status: [OPEN], priority: [TicketPriority.LOW, TicketPriority.HIGH] },
      { priority: TicketPriority.HIGH },
      true,
    ],
    ['removing a required tag', { status: [OPEN], tags_all: ['vip'] }, { remove_tags: ['vip'] }, false],
    ['removing another tag', { status: [OPEN], tags_all: ['vip'] }, { remove_tags: ['x'] }, true],
    ['adding an excluded tag', { status: [OPEN], tags_none: ['seen'] }, { add_tags: ['seen'] }, false],
    ['adding another tag', { status: [OPEN], tags_none: ['seen'] }, { add_tags: ['other'] }, true],
    ['a comment alone', { status: [OPEN] }, { comment: { body: 'hi', is_internal: true } }, true],
    ['an assignment alone', { status: [OPEN], category_id: [1] }, { assignee_id: 5 }, true],
    [
      'time conditions do not break the match',
      { status: [PENDING], hours_since_update: 24 },
      { add_tags: ['x'] },
      true,
    ],
  ];
  it.each(cases)('%s', (_name, conditions, actions, loops) => {
    expect(wouldLoop(conditions, actions)).toBe(loops);
  });
});

describe('unreachableFrom', () => {
  it('lists the statuses the machine does not leave for the action status', () => {
    expect(unreachableFrom({ status: [OPEN, RESOLVED, CLOSED] }, { status: PENDING }, desk)).toEqual([
      RESOLVED,
      CLOSED,
    ]);
    expect(unreachableFrom({ status: [RESOLVED] }, { status: CLOSED }, desk)).toEqual([]);
    expect(unreachableFrom({ status: [ESCALATED, OPEN] }, { status: IN_PROGRESS }, desk)).toEqual([]);
    expect(unreachableFrom({ status: [CLOSED] }, {}, desk)).toEqual([]);
  });

  it('treats the same status as reachable', () => {
    expect(unreachableFrom({ status: [OPEN, PENDING] }, { status: PENDING }, desk)).toEqual([]);
  });
});

describe('ruleProblem', () => {
  const problem = (c: AutomationConditions, a: AutomationActions) => ruleProblem(c, a, desk);

  it('accepts the seeded rules', () => {
    expect(problem({ status: [RESOLVED], hours_in_status: 72 }, { status: CLOSED })).toBeNull();
    expect(problem({ status: [PENDING], hours_since_update: 168 }, { status: RESOLVED })).toBeNull();
  });

  it('names the field of each problem', () => {
    expect(problem({ status: [OPEN] }, {})?.field).toBe('actions');
    expect(problem({ status: [OPEN] }, { status: ESCALATED })?.field).toBe('actions.status');
    expect(problem({ status: [OPEN, CLOSED] }, { status: PENDING })).toMatchObject({
      field: 'actions.status',
      problem: expect.stringContaining('closed'),
    });
    expect(problem({ status: [CLOSED] }, { status: OPEN, add_tags: ['x'] })?.field).toBe('conditions.status');
    expect(problem({ status: [OPEN] }, { status: PENDING, add_tags: ['x'], remove_tags: ['x'] })?.field).toBe(
      'actions.add_tags',
    );
    expect(problem({ status: [OPEN], tags_all: ['a'], tags_none: ['a'] }, { status: PENDING })?.field).toBe(
      'conditions.tags_none',
    );
    expect(problem({ status: [OPEN] }, { priority: TicketPriority.HIGH })).toMatchObject({
      field: 'actions',
      problem: expect.stringContaining('keep matching'),
    });
  });

  it('lets a closed ticket be reopened, assigned or commented on', () => {
    expect(problem({ status: [CLOSED] }, { status: OPEN, assignee_id: null })).toBeNull();
  });
});
