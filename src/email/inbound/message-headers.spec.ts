import fc from 'fast-check';
import {
  headerFields,
  headerText,
  mailAddress,
  MAX_MESSAGE_ID_LENGTH,
  MAX_RECIPIENTS,
  MAX_THREAD_IDS,
  messageIdList,
  normalizeMessageId,
  recipients,
  returnPath,
  threadIds,
} from './message-headers';

const fields = (...lines: string[]) =>
  headerFields(lines.map((line) => ({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line })));

describe('headerFields', () => {
  it('unfolds, trims and groups values by lower-cased name', () => {
    const parsed = fields('Received: from a\r\n\tby b', 'Subject:  Hello\r\n  world ', 'received: from c');
    expect(parsed.get('received')).toEqual(['from a\tby b', 'from c']);
    expect(parsed.get('subject')).toEqual(['Hello  world']);
  });

  it('leaves out lines without a field name', () => {
    expect(headerFields([{ key: '', line: '\u0000\u0001garbage' }]).size).toBe(0);
  });
});

describe('headerText', () => {
  it('decodes, removes controls and collapses whitespace', () => {
    expect(headerText('  =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\t\u0000 aus\r\n  Köln  ')).toBe('Grüße aus Köln');
    expect(headerText('')).toBe('');
  });
});

describe('normalizeMessageId', () => {
  it.each([
    ['<a@b>', '<a@b>'],
    ['  <a@b>  ', '<a@b>'],
    ['a@b', '<a@b>'],
    ['<a@b> (comment)', '<a@b>'],
    ['<< a@b >>', '<a@b>'],
    ['junk <a@b> <c@d>', '<a@b>'],
  ])('%j → %j', (raw, id) => {
    expect(normalizeMessageId(raw)).toBe(id);
  });

  it.each(['', '   ', '<>', '<a b@c>', 'a b', '<a\u0000@b>', `<${'x'.repeat(MAX_MESSAGE_ID_LENGTH - 1)}>`])(
    'refuses %j',
    (raw) => {
      expect(normalizeMessageId(raw)).toBeNull();
    },
  );

  it('keeps an id of exactly 998 characters', () => {
    const id = `<${'x'.repeat(MAX_MESSAGE_ID_LENGTH - 2)}>`;
    expect(normalizeMessageId(id)).toBe(id);
  });

  it('always gives null or one bracketed id of at most 998 characters without whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1200 }), (raw) => {
        const id = normalizeMessageId(raw);
        if (id === null) return;
        expect(id.length).toBeLessThanOrEqual(MAX_MESSAGE_ID_LENGTH);
        expect(id).toMatch(/^<[^<>\s]+>$/);
      }),
    );
  });
});

describe('messageIdList and threadIds', () => {
  it('reads bracketed ids, or whitespace- and comma-separated bare ones', () => {
    expect(messageIdList(['<a@b> <c@d>\t<e@f>', 'g@h, i@j', '<k@l>junk<m@n>'])).toEqual([
      '<a@b>',
      '<c@d>',
      '<e@f>',
      '<g@h>',
      '<i@j>',
      '<k@l>',
      '<m@n>',
    ]);
  });

  it('deduplicates across both headers and keeps the newest references', () => {
    const refs = Array.from({ length: 60 }, (_, i) => `<r${i}@x>`);
    const ids = threadIds(['<r59@x> <r59@x>'], [refs.join(' '), '<r0@x>']);
    expect(ids.inReplyTo).toEqual(['<r59@x>']);
    expect(ids.references).toEqual(refs.slice(10, 59));
  });

  it('keeps at most 50 ids in all, In-Reply-To first', () => {
    const many = Array.from({ length: 70 }, (_, i) => `<i${i}@x>`).join(' ');
    const ids = threadIds([many], ['<r@x>']);
    expect(ids.inReplyTo).toHaveLength(MAX_THREAD_IDS);
    expect(ids.references).toEqual([]);
  });
});

describe('addresses', () => {
  it('lower-cases a usable address and cleans the name', () => {
    expect(mailAddress({ address: ' Bob@Example.COM ', name: ' Bob\u0000  Example ' })).toEqual({
      address: 'bob@example.com',
      name: 'Bob Example',
    });
  });

  it.each(['', 'bob', '@example.com', 'bob@', 'a b@example.com', `${'x'.repeat(250)}@example.com`, 'bob@[127.0.0.1]'])(
    'refuses %j',
    (address) => {
      expect(mailAddress({ address, name: '' })).toBeNull();
    },
  );

  it('keeps at most 100 recipients, deduplicated', () => {
    const to = Array.from({ length: 150 }, (_, i) => `u${i}@example.com`).join(', ');
    const found = recipients(fields(`To: ${to}`, 'Cc: U0@example.com'));
    expect(found).toHaveLength(MAX_RECIPIENTS);
    expect(new Set(found).size).toBe(MAX_RECIPIENTS);
  });

  it('reads a very long address header only up to 64 KiB', () => {
    const to = Array.from({ length: 20_000 }, (_, i) => `u${i}@example.com`).join(', ');
    expect(recipients(fields(`To: ${to}`))).toHaveLength(MAX_RECIPIENTS);
  });

  it('keeps the ASCII form of an internationalised domain', () => {
    expect(recipients(fields('To: support@xn--bcher-kva.example'))).toEqual(['support@xn--bcher-kva.example']);
  });

  it('reads Return-Path', () => {
    expect(returnPath(fields('Return-Path: <>'))).toBe('');
    expect(returnPath(fields('Return-Path: < >'))).toBe('');
    expect(returnPath(fields('Return-Path: <A@B.example>'))).toBe('a@b.example');
    expect(returnPath(fields('Return-Path: garbage'))).toBeUndefined();
    expect(returnPath(fields('From: a@b.example'))).toBeUndefined();
  });
});
