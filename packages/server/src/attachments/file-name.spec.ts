import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from './file-name';

describe('cleanFileName', () => {
  it('keeps the last path segment and drops control, bidi and reserved characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('a\u0000b\u202ec\nd.txt')).toBe('abc d.txt');
    expect(cleanFileName('...hidden')).toBe('hidden');
    expect(cleanFileName('a<b>:"c".txt')).toBe('a_b___c_.txt');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName('/')).toBe('file');
  });

  it('caps the length and keeps the extension', () => {
    const name = cleanFileName(`${'x'.repeat(500)}.jpeg`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.jpeg')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name as filename*', () => {
    expect(contentDisposition('attachment', 'résumé "final".pdf')).toBe(
      `attachment; filename="r_sum_ _final_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
    expect(contentDisposition('inline', "it's.png")).toBe(
      `inline; filename="it's.png"; filename*=UTF-8''it%27s.png`,
    );
  });
});
