import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });

  it('encodes the characters RFC 8187 does not allow bare', () => {
    expect(contentDisposition('inline', "a'b(c)*.png")).toBe(
      `inline; filename="a'b(c)*.png"; filename*=UTF-8''a%27b%28c%29%2A.png`,
    );
  });

  it('keeps header-breaking characters out of both forms', () => {
    const header = contentDisposition('attachment', 'x\\y%z;.txt');
    expect(header).toBe(`attachment; filename="x_y_z;.txt"; filename*=UTF-8''x%5Cy%25z%3B.txt`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});
