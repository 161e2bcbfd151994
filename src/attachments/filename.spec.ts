import fc from 'fast-check';
import { cleanFilename, MAX_FILENAME_BYTES } from './filename';

describe('cleanFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['a\u0000b.txt', 'ab.txt'],
    ['in\u202evoice.exe.pdf', 'invoice.exe.pdf'],
    ['\u2066x\u2069.png', 'x.png'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['tab\there.log', 'tabhere.log'],
    ['Cafe\u0301.txt', 'Café.txt'],
    ['.bashrc', '.bashrc'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanFilename(raw)).toBe(expected);
  });

  it.each(['', '   ', '..', '.', 'dir/', '\u0000\u0001', '../..'])('refuses %j', (raw) => {
    expect(cleanFilename(raw)).toBeNull();
  });

  it('shortens a long name to 255 bytes and keeps its extension', () => {
    const cleaned = cleanFilename('é'.repeat(300) + '.tar.gz')!;
    expect(Buffer.byteLength(cleaned)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(cleaned.endsWith('.gz')).toBe(true);
    expect(cleaned.startsWith('éé')).toBe(true);
  });

  it('never returns more than 255 bytes, a slash, or a control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const cleaned = cleanFilename(raw);
        if (cleaned === null) return;
        expect(Buffer.byteLength(cleaned)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
        // eslint-disable-next-line no-control-regex -- none may remain
        expect(cleaned).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e]/);
        expect(cleaned.length).toBeGreaterThan(0);
      }),
    );
  });
});
