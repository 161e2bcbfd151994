import { newMessageId } from '../message-ids';
import type { MailAddress } from './inbound-message';
import { LoopFacts, loopReason } from './loop-rules';

const DOMAIN = 'desk.test';

function facts(
  headers: Record<string, string | string[]>,
  from: string | null = 'bob@example.com',
  messageId = '<m1@example.com>',
): LoopFacts {
  const fields = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), ([] as string[]).concat(value)]),
  );
  const sender: MailAddress | null = from === null ? null : { address: from, name: '' };
  return { headers: fields, from: sender, messageId };
}

const reason = (headers: Record<string, string | string[]>, from?: string | null, messageId?: string) =>
  loopReason(facts(headers, from, messageId), DOMAIN);

describe('loopReason', () => {
  it('lets an ordinary message through', () => {
    expect(reason({ subject: 'Help', 'content-type': 'text/plain; charset=utf-8', 'auto-submitted': 'no' })).toBeNull();
    expect(reason({}, null)).toBeNull();
  });

  it('recognises the desk’s own Message-ID', () => {
    expect(reason({}, 'bob@example.com', newMessageId(DOMAIN))).toBe('own_message');
    expect(reason({}, 'bob@example.com', newMessageId('other.test'))).toBeNull();
  });

  it.each([
    ['MAILER-DAEMON sender', {}, 'mailer-daemon@mx.example.com'],
    ['postmaster sender', {}, 'postmaster@example.com'],
    [
      'delivery status report',
      { 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' },
      undefined,
    ],
    [
      'quoted report type',
      { 'content-type': 'Multipart/Report; boundary=x; report-type="Delivery-Status"' },
      undefined,
    ],
  ])('calls a %s a bounce', (_name, headers, from) => {
    expect(reason(headers, from)).toBe('bounce');
  });

  it.each([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated (with comment)', { 'auto-submitted': 'auto-generated (vacation)' }],
    ['Auto-Submitted with parameters', { 'auto-submitted': 'auto-notified; owner-email="x@example.com"' }],
    ['an empty Auto-Submitted', { 'auto-submitted': '' }],
    ['X-Autoreply: yes', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Out of office' }],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }],
    ['a read receipt', { 'content-type': 'multipart/report; report-type=disposition-notification' }],
  ])('calls %s automatic', (_name, headers) => {
    expect(reason(headers)).toBe('auto_submitted');
  });

  it.each([
    ['Auto-Submitted: no', { 'auto-submitted': 'No' }],
    ['X-Autoreply: no', { 'x-autoreply': 'no' }],
    // Outlook sends it on mail people write: a request not to auto-reply, not a sign of a robot.
    ['X-Auto-Response-Suppress: All', { 'x-auto-response-suppress': 'All' }],
    ['X-Auto-Response-Suppress: DR, OOF', { 'x-auto-response-suppress': 'DR, OOF' }],
    ['Precedence: first-class', { precedence: 'first-class' }],
    ['another report type', { 'content-type': 'multipart/report; report-type=feedback-report' }],
  ])('does not call %s anything', (_name, headers) => {
    expect(reason(headers)).toBeNull();
  });

  it.each([
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: junk', { precedence: 'JUNK' }],
    ['Precedence: list', { precedence: ' list ' }],
    ['a List-Id', { 'list-id': 'Users <users.lists.example.com>' }],
    ['a List-Unsubscribe', { 'list-unsubscribe': '<mailto:leave@example.com>' }],
  ])('calls a message with %s bulk', (_name, headers) => {
    expect(reason(headers)).toBe('bulk');
  });

  it('ranks own_message over bounce over auto_submitted over bulk', () => {
    const all = {
      'auto-submitted': 'auto-replied',
      precedence: 'bulk',
      'content-type': 'multipart/report; report-type=delivery-status',
    };
    expect(reason(all, 'postmaster@example.com', newMessageId(DOMAIN))).toBe('own_message');
    expect(reason(all, 'postmaster@example.com')).toBe('bounce');
    expect(reason({ 'auto-submitted': 'auto-replied', precedence: 'bulk' })).toBe('auto_submitted');
  });

  it('looks at every value of a repeated header', () => {
    expect(reason({ precedence: ['first-class', 'bulk'] })).toBe('bulk');
    expect(reason({ 'auto-submitted': ['no', 'auto-generated'] })).toBe('auto_submitted');
  });
});
