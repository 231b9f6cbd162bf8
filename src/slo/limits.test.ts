import { checkSloText, decodeSloBytes, escapeControl, firstInvalidUtf8, MAX_SLO_FILE_BYTES } from './limits';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SLO input limits', () => {
  it('accepts ordinary UTF-8 text, with tabs, CRLF and non-ASCII', () => {
    const text = 'apiVersion: burndown/v1\r\nslos:\t[] # Zürich ✓ 😀\n';
    expect(decodeSloBytes(bytes(text), 'a.yaml')).toEqual({ text });
    expect(checkSloText(text, 'a.yaml')).toBeUndefined();
  });

  it('refuses more than the limit without decoding it', () => {
    const r = decodeSloBytes(new Uint8Array(MAX_SLO_FILE_BYTES + 1).fill(0x61), 'big.yaml');
    expect(r.error).toMatchObject({ file: 'big.yaml', line: 1, column: 1 });
    expect(r.error?.message).toMatch(/^file too large: at least 1\.0 MiB, over the 1\.0 MiB limit/);
  });

  it('points at the first NUL byte and the first invalid UTF-8 byte', () => {
    expect(decodeSloBytes(bytes('a: 1\nbb\u0000'), 'f').error).toMatchObject({ line: 2, column: 3 });
    const invalid = new Uint8Array([...bytes('a: 1\nxyz: '), 0xc3, 0x28]);
    expect(decodeSloBytes(invalid, 'f').error).toMatchObject({ line: 2, column: 6 });
    expect(decodeSloBytes(invalid, 'f').error?.message).toMatch(/not UTF-8/);
  });

  it('finds invalid UTF-8 exactly where the fatal decoder does', () => {
    for (const seq of [
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(firstInvalidUtf8(new Uint8Array([0x41, ...seq]))).toBe(1);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0x41, ...seq]))).toThrow();
    }
    expect(firstInvalidUtf8(bytes('€😀'))).toBe(7);
  });

  it('refuses control characters in text with their position', () => {
    expect(checkSloText('a: 1\nb: "\u001b[31m"', 'f')).toMatchObject({ line: 2, column: 5, path: '' });
    expect(checkSloText('a: 1\nb: "\u001b[31m"', 'f')?.message).toContain('\\x1b');
  });

  it('escapes control characters, line separators and bidi overrides to one printable line', () => {
    expect(escapeControl('a\nb\u001b[2J\u0007\u202e\u2028z')).toBe('a\\nb\\x1b[2J\\x07\\u202e\\u2028z');
  });
});
