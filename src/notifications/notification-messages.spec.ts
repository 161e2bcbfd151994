import { AuthUser } from '../common/auth-user';
import { UserRole } from '../common/user-role';
import {
  formatAccountMessage,
  parseAccountMessage,
  parsePublished,
  PublishedNotification,
  toClientMessage,
} from '../realtime/realtime-message';
import { mayReceive } from './notification-audience';
import { socketAccessToken } from './notifications.gateway';

const as = (role: UserRole, id: number): AuthUser => ({ id, role, email: 'x@y.z', name: role });

describe('mayReceive (the role table, per event)', () => {
  const cases: Array<[string, AuthUser, { requester_id: number; internal: boolean }, boolean]> = [
    ['requester, own ticket, public', as(UserRole.USER, 1), { requester_id: 1, internal: false }, true],
    ['requester, own ticket, internal note', as(UserRole.USER, 1), { requester_id: 1, internal: true }, false],
    ["requester, someone else's ticket", as(UserRole.USER, 2), { requester_id: 1, internal: false }, false],
    ['agent, any ticket, internal note', as(UserRole.AGENT, 3), { requester_id: 1, internal: true }, true],
    ['admin, any ticket, public', as(UserRole.ADMIN, 4), { requester_id: 1, internal: false }, true],
  ];
  it.each(cases)('%s → %s', (_name, viewer, audience, expected) => {
    expect(mayReceive(viewer, audience)).toBe(expected);
  });
});

describe('parsePublished', () => {
  const message: PublishedNotification = {
    type: 'comment.created',
    ticket_id: 7,
    data: { comment_id: 3, is_internal: true },
    at: '2030-01-01T00:00:00.000Z',
    audience: { requester_id: 1, internal: true },
  };

  it('accepts our messages, and the client sees them without the audience', () => {
    const parsed = parsePublished(JSON.stringify(message))!;
    expect(parsed).toEqual(message);
    expect(toClientMessage(parsed)).toEqual({
      type: 'comment.created',
      ticket_id: 7,
      data: { comment_id: 3, is_internal: true },
      at: '2030-01-01T00:00:00.000Z',
    });
  });

  it.each([
    'not json',
    'null',
    '42',
    JSON.stringify({ ...message, type: 'ticket.exploded' }),
    JSON.stringify({ ...message, ticket_id: '7' }),
    JSON.stringify({ ...message, audience: undefined }),
    JSON.stringify({ ...message, audience: { requester_id: 1 } }),
  ])('rejects %s', (raw) => {
    expect(parsePublished(raw)).toBeNull();
  });
});

describe('socketAccessToken', () => {
  it('reads the Authorization header first, then ?token=', () => {
    expect(
      socketAccessToken({ headers: { authorization: 'Bearer a.b.c' }, url: '/ws/notifications?token=x.y.z' }),
    ).toBe('a.b.c');
    expect(socketAccessToken({ headers: { authorization: 'JWT a.b.c' }, url: '/ws/notifications' })).toBe('a.b.c');
    expect(socketAccessToken({ headers: {}, url: '/ws/notifications?x=1&token=x.y.z' })).toBe('x.y.z');
    expect(socketAccessToken({ headers: {}, url: '/ws/notifications?token=' })).toBeNull();
    expect(socketAccessToken({ headers: {}, url: '/ws/notifications' })).toBeNull();
    expect(
      socketAccessToken({ headers: { authorization: 'Basic Zm9vOmJhcg==' }, url: '/ws/notifications' }),
    ).toBeNull();
  });
});

describe('parseAccountMessage', () => {
  const sid = '0b6c2f8e-4a51-4c8e-9d2f-6c3b1a7e5d90';

  it('reads every message we publish, round trip', () => {
    for (const message of [
      { kind: 'account-changed', userId: 42 },
      { kind: 'session-ended', userId: 42, sessionId: sid },
      { kind: 'sessions-ended', userId: 42 },
    ] as const) {
      expect(parseAccountMessage(formatAccountMessage(message))).toEqual(message);
    }
    // The account-changed form is the bare id that instances from before sessions publish and read.
    expect(formatAccountMessage({ kind: 'account-changed', userId: 42 })).toBe('42');
  });

  it('reads nothing else', () => {
    for (const raw of ['', '0', '-1', '4.2', '042', '1e3', ' 42', '42 ', 'abc', '{"id":42}', '9007199254740993']) {
      expect(parseAccountMessage(raw)).toBeNull();
    }
    for (const raw of [
      '42 session',
      '42 session x',
      `42 session ${sid} x`,
      `42 sessions ${sid}`,
      '42 other',
      `x session ${sid}`,
    ]) {
      expect(parseAccountMessage(raw)).toBeNull();
    }
  });
});
