import { bodyText, htmlToText, MAX_TEXT_CHARS } from './body-text';
import { decodeUnlabelled } from './charset-fallback';

describe('bodyText', () => {
  it('uses the plain text when there is some', () => {
    expect(bodyText('plain\r\ntext', '<p>html</p>')).toBe('plain\ntext');
  });

  it('turns the HTML into text when the plain text is missing or blank', () => {
    expect(bodyText(undefined, '<p>one</p><p>two</p>')).toBe('one\n\ntwo');
    expect(bodyText(' \n ', '<div>html</div>')).toBe('html');
    expect(bodyText(undefined, undefined)).toBe('');
  });

  it('removes control characters but keeps tabs and line breaks', () => {
    expect(bodyText('a\u0000b\u0007c\td\u009be\r\nf', undefined)).toBe('abc\tde\nf');
  });

  it('strips the quoted history of an HTML reply (blockquotes become quoted lines)', () => {
    const html =
      '<div>Works, thanks.</div><div class="gmail_quote"><div>On Tue, Jan 5, 2027 at 10:00 AM Desk &lt;support@desk.test&gt; wrote:</div>' +
      '<blockquote>Try again.</blockquote></div>';
    expect(bodyText(undefined, html)).toBe('Works, thanks.');
  });

  it('caps the text at 100,000 characters without splitting a surrogate pair', () => {
    const text = bodyText(`${'a'.repeat(MAX_TEXT_CHARS - 1)}😀 and more`, undefined);
    expect(text).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
  });
});

describe('htmlToText', () => {
  it('leaves out images and the head, and links that are their own text', () => {
    const html =
      '<html><head><title>T</title><style>p { color: red }</style></head>' +
      '<body><p>Logo <img src="cid:logo" alt="logo"></p><a href="https://example.com">https://example.com</a></body></html>';
    expect(htmlToText(html)).toBe('Logo\n\nhttps://example.com');
  });

  // The bound on the work is structural: htmlToText reads at most MAX_HTML_CHARS of its input and
  // nests at most MAX_HTML_DEPTH deep, so these inputs cost what 200k characters cost. The test's
  // own timeout catches a regression to walking all of them (minutes); no stopwatch here, which a
  // loaded CI machine would break.
  it('bounds the work on deeply nested or huge HTML', () => {
    for (const html of ['<b>'.repeat(1_000_000), '<div>'.repeat(500_000), `<p>${'x'.repeat(5_000_000)}</p>`]) {
      expect(htmlToText(html).length).toBeLessThanOrEqual(MAX_TEXT_CHARS * 2);
    }
  }, 30_000);
});

describe('decodeUnlabelled', () => {
  it('reads valid UTF-8 as UTF-8 and anything else as Windows-1252', () => {
    expect(decodeUnlabelled(Buffer.from('Grüße €', 'utf8'))).toBe('Grüße €');
    expect(decodeUnlabelled(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x80, 0x93, 0x94]))).toBe('Grüße €“”');
  });
});
