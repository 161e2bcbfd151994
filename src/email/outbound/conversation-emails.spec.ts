import { SupportMailbox } from '../reply-address';
import {
  acknowledgementEmail,
  conversationSubject,
  escapeHtml,
  formatSize,
  isMailableAddress,
  mailKindOf,
  MAX_REFERENCES,
  replyEmail,
  resolvedEmail,
  Threading,
  trimReferences,
} from './conversation-emails';

const ticket = { id: 42, title: 'VPN & "Wi-Fi" <down>\r\nBcc: someone@evil.test' };
const requester = { email: 'ann@example.test', name: 'Ann <Requester>' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `<m${i + 1}@example.test>`);
const threading = (thread: string[], inReplyTo?: string): Threading => ({
  messageId: '<helpdesk.0123@support.test>',
  replyTo: 'support+t42-0123456789abcdef@support.test',
  thread,
  inReplyTo,
});
const mailbox: SupportMailbox = {
  supportLocalPart: 'support',
  supportDomain: 'support.test',
  replyAddressKey: Buffer.alloc(32),
  fromAddress: 'helpdesk@support.test',
};

describe('conversationSubject', () => {
  it('is "[#<id>] <title>" on one line, with "Re: " for an email that continues the thread', () => {
    expect(conversationSubject(ticket, false)).toBe('[#42] VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(conversationSubject(ticket, true)).toBe('Re: [#42] VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(conversationSubject({ id: 1, title: 'a\u0000\tb\u007f c' }, false)).toBe('[#1] a b c');
  });
});

describe('trimReferences', () => {
  it('keeps a thread of up to MAX_REFERENCES ids whole, oldest first', () => {
    expect(trimReferences([])).toEqual([]);
    expect(trimReferences(ids(3))).toEqual(ids(3));
    expect(trimReferences(ids(MAX_REFERENCES))).toEqual(ids(MAX_REFERENCES));
  });

  it('keeps the first id and the newest MAX_REFERENCES - 1 of a longer thread', () => {
    const thread = ids(MAX_REFERENCES + 5);
    const trimmed = trimReferences(thread);
    expect(trimmed).toHaveLength(MAX_REFERENCES);
    expect(trimmed[0]).toBe(thread[0]);
    expect(trimmed.slice(1)).toEqual(thread.slice(-(MAX_REFERENCES - 1)));
    expect(trimReferences(ids(5), 3)).toEqual(['<m1@example.test>', '<m4@example.test>', '<m5@example.test>']);
  });

  it('does not change the thread it was given', () => {
    const thread = ids(30);
    trimReferences(thread);
    expect(thread).toEqual(ids(30));
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('formatSize', () => {
  it('reads like a person would write it', () => {
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(12_595)).toBe('12.3 KB');
    expect(formatSize(4 * 1024 ** 2)).toBe('4.0 MB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3.0 GB');
  });
});

describe('mailKindOf', () => {
  it('mails public comments and resolutions, nothing else', () => {
    const event = (type: string, data: Record<string, unknown>, isInternal = false) => ({ type, data, isInternal });
    expect(mailKindOf(event('comment.created', { comment_id: 1, is_internal: false }))).toBe('reply');
    expect(mailKindOf(event('comment.created', { comment_id: 1, is_internal: true }, true))).toBeNull();
    expect(mailKindOf(event('comment.created', { comment_id: 1, is_internal: false }, true))).toBeNull();
    expect(mailKindOf(event('status.changed', { from: 'open', to: 'resolved' }))).toBe('resolved');
    expect(mailKindOf(event('status.changed', { from: 'resolved', to: 'closed' }))).toBeNull();
    expect(mailKindOf(event('email.sent', { kind: 'reply' }))).toBeNull();
    expect(mailKindOf(event('assignee.changed', { from: null, to: 3 }))).toBeNull();
  });
});

describe('isMailableAddress', () => {
  it('takes a plain address that is not one of the desk’s own', () => {
    expect(isMailableAddress('ann@example.test', mailbox)).toBe(true);
    expect(isMailableAddress('', mailbox)).toBe(false);
    expect(isMailableAddress('Ann <ann@example.test>', mailbox)).toBe(false);
    expect(isMailableAddress('ann@example.test, bob@example.test', mailbox)).toBe(false);
    expect(isMailableAddress('support@support.test', mailbox)).toBe(false);
    expect(isMailableAddress('Support+t1-abc@Support.test', mailbox)).toBe(false);
  });
});

describe('threading headers', () => {
  it('answer the newest message of the thread and reference the thread, oldest first', () => {
    const mail = resolvedEmail(requester, ticket, threading(ids(3)));
    expect(mail).toMatchObject({
      messageId: '<helpdesk.0123@support.test>',
      replyTo: 'support+t42-0123456789abcdef@support.test',
      inReplyTo: '<m3@example.test>',
      references: ids(3),
    });
  });

  it('name no earlier message when the thread is empty', () => {
    const mail = replyEmail(requester, ticket, { body: 'Hi', files: [] }, threading([]));
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
  });

  it('reference a bounded thread', () => {
    const mail = replyEmail(requester, ticket, { body: 'Hi', files: [] }, threading(ids(45)));
    expect(mail.references).toEqual(trimReferences(ids(45)));
    expect(mail.inReplyTo).toBe('<m45@example.test>');
  });

  it('answer the message given, referencing it even when the thread does not hold it yet', () => {
    const mail = acknowledgementEmail(requester, ticket, threading(ids(1), '<new@example.test>'));
    expect(mail.inReplyTo).toBe('<new@example.test>');
    expect(mail.references).toEqual([...ids(1), '<new@example.test>']);
  });
});

describe('acknowledgementEmail', () => {
  const mail = acknowledgementEmail(requester, ticket, threading(['<received@example.test>']));

  it('is an auto-reply "[#<id>] <title>" to the requester', () => {
    expect(mail.to).toBe('ann@example.test');
    expect(mail.subject).toBe('[#42] VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(mail.autoSubmitted).toBe('auto-replied');
    expect(mail.inReplyTo).toBe('<received@example.test>');
  });

  it('says the request was received as #id and that replying adds to it', () => {
    expect(mail.text).toContain('as #42');
    expect(mail.text).toMatch(/Replying to this email adds to it/);
    expect(mail.text).toMatch(/Reply to this email to add to request #42\.$/);
  });
});

describe('replyEmail', () => {
  const comment = {
    body: 'Try <b>this</b> & that:\r\n\r\n1. restart\n2. "reconnect"',
    files: [
      { filename: 'log <1>.txt', size: 2048 },
      { filename: 'shot.png', size: 10 },
    ],
  };
  const mail = replyEmail(requester, ticket, comment, threading(ids(2)));

  it('is "Re: [#<id>] <title>", written by a person (no Auto-Submitted)', () => {
    expect(mail.subject).toBe('Re: [#42] VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(mail.autoSubmitted).toBeUndefined();
  });

  it('carries the comment text, its files by name and size, and the footer', () => {
    expect(mail.text).toContain('Try <b>this</b> & that:\n\n1. restart\n2. "reconnect"');
    expect(mail.text).toContain('- log <1>.txt (2.0 KB)\n- shot.png (10 bytes)');
    expect(mail.text).toMatch(/\n-- \nReply to this email to add to request #42\.$/);
  });

  it('escapes everything in the HTML body, keeps line breaks and loads nothing remote', () => {
    expect(mail.html).toContain('<p>Try &lt;b&gt;this&lt;/b&gt; &amp; that:</p>');
    expect(mail.html).toContain('<p>1. restart<br>\n2. &quot;reconnect&quot;</p>');
    expect(mail.html).toContain('<li>log &lt;1&gt;.txt (2.0 KB)</li>');
    expect(mail.html).toContain('Reply to this email to add to request #42.');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).not.toMatch(/<img|src=|url\(/i);
  });

  it('lists no files when the comment has none', () => {
    const plain = replyEmail(requester, ticket, { body: 'Fixed.', files: [] }, threading([]));
    expect(plain.text).toBe('Fixed.\n\n-- \nReply to this email to add to request #42.');
    expect(plain.html).not.toContain('<ul>');
  });
});

describe('resolvedEmail', () => {
  const mail = resolvedEmail(requester, ticket, threading(ids(1)));

  it('is "Re: [#<id>] <title>", generated by the desk (Auto-Submitted: auto-generated)', () => {
    expect(mail.subject).toBe('Re: [#42] VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(mail.autoSubmitted).toBe('auto-generated');
  });

  it('says the request was resolved and that replying reopens it, names escaped in HTML', () => {
    expect(mail.text).toMatch(/^Hello Ann <Requester>,/);
    expect(mail.text).toContain('was resolved');
    expect(mail.text).toContain('reply to this email and the request will be reopened');
    expect(mail.html).toContain('Hello Ann &lt;Requester&gt;,');
    expect(mail.html).toContain('&quot;VPN &amp; &quot;Wi-Fi&quot; &lt;down&gt; Bcc: someone@evil.test&quot;');
  });
});
