import { isOwnMessageId, newMessageId } from './message-ids';
import {
  isDeskAddress,
  isSupportRecipient,
  replyAddress,
  SupportMailbox,
  ticketOfReplyAddress,
  ticketOfSubject,
} from './reply-address';

const mailbox: SupportMailbox = {
  supportLocalPart: 'support',
  supportDomain: 'desk.example',
  replyAddressKey: Buffer.from('k'.repeat(32)),
  fromAddress: 'helpdesk@support.test',
};

describe('reply addresses', () => {
  it('round-trips a ticket id through its reply address', () => {
    const address = replyAddress(42, mailbox);
    expect(address).toMatch(/^support\+t42-[0-9a-f]{16}@desk\.example$/);
    expect(ticketOfReplyAddress(address, mailbox)).toBe(42);
    expect(ticketOfReplyAddress(address.toUpperCase(), mailbox)).toBe(42);
  });

  it('refuses a guessed or borrowed token', () => {
    const theirs = replyAddress(41, mailbox);
    const token = /-([0-9a-f]+)@/.exec(theirs)![1];
    expect(ticketOfReplyAddress(`support+t42-${token}@desk.example`, mailbox)).toBeNull();
    expect(ticketOfReplyAddress('support+t42-0000000000000000@desk.example', mailbox)).toBeNull();
    expect(
      ticketOfReplyAddress(replyAddress(42, { ...mailbox, replyAddressKey: Buffer.from('other') }), mailbox),
    ).toBeNull();
  });

  it('refuses other mailboxes, domains and malformed tags', () => {
    const token = /-([0-9a-f]+)@/.exec(replyAddress(42, mailbox))![1];
    for (const address of [
      `sales+t42-${token}@desk.example`,
      `support+t42-${token}@other.example`,
      `support+t042-${token}@desk.example`,
      `support+t99999999999-${token}@desk.example`,
      'support@desk.example',
      'not-an-address',
    ]) {
      expect({ address, ticket: ticketOfReplyAddress(address, mailbox) }).toEqual({ address, ticket: null });
    }
  });

  it('takes the support address and its plus-addresses only', () => {
    expect(isSupportRecipient('support@desk.example', mailbox)).toBe(true);
    expect(isSupportRecipient('Support+anything@Desk.Example', mailbox)).toBe(true);
    expect(isSupportRecipient('supportx@desk.example', mailbox)).toBe(false);
    expect(isSupportRecipient('support@desk.example.evil', mailbox)).toBe(false);
    expect(isSupportRecipient('postmaster@desk.example', mailbox)).toBe(false);
  });

  it("counts MAIL_FROM's address among the desk's own, beside the support addresses", () => {
    expect(isDeskAddress('Helpdesk@Support.test', mailbox)).toBe(true);
    expect(isDeskAddress('support+t1-x@desk.example', mailbox)).toBe(true);
    expect(isDeskAddress('customer@example.com', mailbox)).toBe(false);
  });

  it('reads [#id] from a subject', () => {
    expect(ticketOfSubject('Re: [#17] Printer on fire')).toBe(17);
    expect(ticketOfSubject('[#0] nothing')).toBeNull();
    expect(ticketOfSubject('[# 17] spaced')).toBeNull();
    expect(ticketOfSubject('[#99999999999] too big')).toBeNull();
  });
});

describe('message ids', () => {
  it('recognises the ones the desk made, for its own domain only', () => {
    const id = newMessageId('desk.example');
    expect(id).toMatch(/^<helpdesk\.[0-9a-f]{32}@desk\.example>$/);
    expect(isOwnMessageId(id, 'desk.example')).toBe(true);
    expect(isOwnMessageId(id.slice(1, -1), 'DESK.example')).toBe(true);
    expect(isOwnMessageId(id, 'other.example')).toBe(false);
    expect(isOwnMessageId('<helpdesk.nothex@desk.example>', 'desk.example')).toBe(false);
    expect(isOwnMessageId('<abc@desk.example>', 'desk.example')).toBe(false);
  });
});
