import fc from 'fast-check';
import { visibleReplyText } from './reply-text';

const text = (...lines: string[]) => lines.join('\n');

describe('visibleReplyText', () => {
  it('keeps a message without history as it is, line breaks as LF, trimmed', () => {
    expect(visibleReplyText('\r\n  Hello,\r\n\r\nthe printer is broken.\r\n')).toBe('Hello,\n\nthe printer is broken.');
  });

  it('cuts at "On <date>, <name> wrote:" and drops the quote', () => {
    const reply = text(
      'Thanks!',
      '',
      'On Tue, Jan 5, 2027 at 10:00 AM Desk <support@desk.test> wrote:',
      '> Try again.',
      '> Desk',
    );
    expect(visibleReplyText(reply)).toBe('Thanks!');
  });

  it('cuts at an attribution Gmail wrapped over several lines', () => {
    const reply = text(
      'Works now.',
      '',
      'On Tue, Jan 5, 2027 at 10:00 AM Support Desk <',
      'support@desk.test> wrote:',
      '',
      '> old',
    );
    expect(visibleReplyText(reply)).toBe('Works now.');
    const three = text(
      'Yes.',
      'On Tue, 5 Jan 2027',
      'at 10:00, Support Desk',
      '<support@desk.test> wrote:',
      'old text',
    );
    expect(visibleReplyText(three)).toBe('Yes.');
  });

  it.each([
    ['German', 'Am 05.01.2027 um 10:00 schrieb Support Desk <support@desk.test>:'],
    ['German, name first', 'Am Di., 5. Jan. 2027 um 10:00 Uhr schrieb Support Desk:'],
    ['French', 'Le mar. 5 janv. 2027 à 10:00, Support Desk <support@desk.test> a écrit :'],
    ['Spanish', 'El mar, 5 ene 2027 a las 10:00, Support Desk (<support@desk.test>) escribió:'],
    ['Dutch', 'Op 5 jan. 2027 om 10:00 schreef Support Desk <support@desk.test>:'],
    ['Apple Mail', 'On 5 Jan 2027, at 10:00, Support Desk <support@desk.test> wrote:'],
  ])('cuts at a %s attribution', (_name, attribution) => {
    expect(visibleReplyText(text('Danke.', '', attribution, '', 'old text without quote marks'))).toBe('Danke.');
  });

  it('does not take a sentence for an attribution', () => {
    const plain = text('On Monday I wrote:', 'the server is down.');
    expect(visibleReplyText(plain)).toBe(plain);
  });

  it('drops the signature after "-- " and after "--"', () => {
    expect(visibleReplyText(text('Fixed, thanks.', '', '-- ', 'Bob Example', 'ACME Inc.'))).toBe('Fixed, thanks.');
    expect(visibleReplyText(text('Fixed, thanks.', '--', 'Bob'))).toBe('Fixed, thanks.');
  });

  it("cuts at Outlook's Original Message line", () => {
    const reply = text('See attached.', '', '-----Original Message-----', 'From: Desk', 'old');
    expect(visibleReplyText(reply)).toBe('See attached.');
    expect(visibleReplyText(text('Anbei.', '-----Ursprüngliche Nachricht-----', 'alt'))).toBe('Anbei.');
  });

  it("cuts at Outlook's header block, with the separator above it", () => {
    const reply = text(
      'Still broken.',
      '',
      '________________________________',
      'From: Support Desk <support@desk.test>',
      'Sent: Tuesday, January 5, 2027 10:00 AM',
      'To: Bob <bob@example.com>',
      'Subject: [#12] Printer',
      '',
      'Old answer',
    );
    expect(visibleReplyText(reply)).toBe('Still broken.');
    const german = text(
      'Geht nicht.',
      '',
      'Von: Support <support@desk.test>',
      'Gesendet: Dienstag, 5. Januar 2027 10:00',
      'alt',
    );
    expect(visibleReplyText(german)).toBe('Geht nicht.');
  });

  it('leaves a "From:" line alone when no "Sent:"/"Date:" line follows it', () => {
    const plain = text('From: the second floor', 'the printer is jammed again.');
    expect(visibleReplyText(plain)).toBe(plain);
  });

  it('drops quoted lines anywhere (inline replies) and collapses the blank lines left', () => {
    const reply = text('> Which model?', 'An LP-200.', '', '> Since when?', '', '', 'Since Monday.');
    expect(visibleReplyText(reply)).toBe(text('An LP-200.', '', 'Since Monday.'));
  });

  it('keeps forwarded content whole, even after a signature', () => {
    const forward = text(
      'Please look at this.',
      '-- ',
      'Bob',
      '',
      '---------- Forwarded message ---------',
      'From: Carol <carol@example.com>',
      'Date: Tue, 5 Jan 2027 at 10:00',
      '',
      '> quoted inside the forward',
      'The original problem.',
    );
    expect(visibleReplyText(forward)).toBe(
      text(
        'Please look at this.',
        '---------- Forwarded message ---------',
        'From: Carol <carol@example.com>',
        'Date: Tue, 5 Jan 2027 at 10:00',
        '',
        '> quoted inside the forward',
        'The original problem.',
      ),
    );
  });

  it('drops a trailing "Sent from my …" line but not one in the middle', () => {
    expect(
      visibleReplyText(text('Ok.', '', 'Sent from my iPhone', '', 'On 5 Jan 2027, at 10:00, X wrote:', '> q')),
    ).toBe('Ok.');
    expect(visibleReplyText(text('Ok.', 'Von meinem iPhone gesendet'))).toBe('Ok.');
    const middle = text('Sent from my office, the request was:', 'reset my password');
    expect(visibleReplyText(middle)).toBe(middle);
  });

  it('returns the whole text when stripping leaves nothing', () => {
    const onlyQuote = text('> just', '> a quote');
    expect(visibleReplyText(onlyQuote)).toBe(onlyQuote);
    const onlyHistory = text('On 5 Jan 2027, at 10:00, X wrote:', 'old');
    expect(visibleReplyText(onlyHistory)).toBe(onlyHistory);
    expect(visibleReplyText(text('-- ', 'only a signature'))).toBe(text('-- ', 'only a signature'));
    expect(visibleReplyText('  \r\n ')).toBe('');
  });

  it('stays linear on hostile input', () => {
    const hostile = [
      'x on at '.repeat(12_500),
      `On ${'a '.repeat(50_000)}`,
      'On 1\n'.repeat(20_000),
      'From: x\n'.repeat(12_500),
      `${'On 1 wrote '.repeat(9_000)}:`,
      '>'.repeat(100_000),
      '\n'.repeat(100_000),
    ];
    // No stopwatch (a loaded CI machine breaks one): each input is linear work, and the test's
    // timeout catches a regression to backtracking, which takes minutes on these inputs.
    for (const input of hostile) {
      expect(visibleReplyText(input).length).toBeLessThanOrEqual(input.length);
    }
  }, 30_000);

  it('never adds text, and never empties a text that has some', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '> quoted',
              '-- ',
              'On 5 Jan 2027, X wrote:',
              'From: a',
              'Sent: b',
              '-----Original Message-----',
              '',
            ),
          ),
          { maxLength: 20 },
        ),
        (lines) => {
          const input = lines.join('\n');
          const output = visibleReplyText(input);
          expect(output.length).toBeLessThanOrEqual(input.length);
          expect(output === '').toBe(input.trim() === '');
        },
      ),
    );
  });
});
