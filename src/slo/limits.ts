// Limits on SLO file input, checked before any YAML parsing so hostile input fails fast with a position
// (docs/semantics.md section 10: SLO files; errors carry file:line:col). Pure: bytes and strings in, SloError out.
import type { SloError } from './types';

/** Largest SLO file accepted: real files hold a few dozen SLOs in a few KB; 1 MiB leaves room for thousands. */
export const MAX_SLO_FILE_BYTES = 1024 * 1024;

/** 1-based line and column of a character offset in text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line and column of a byte offset in (possibly invalid) UTF-8: columns count bytes on that line. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

function error(file: string | undefined, pos: { line: number; column: number }, message: string): SloError {
  return { file, line: pos.line, column: pos.column, path: '', message };
}

/** A size error; `atLeastBytes` is the size from stat, or what was read before giving up (the rest is never read). */
export function tooLargeError(file: string | undefined, atLeastBytes: number, limit = MAX_SLO_FILE_BYTES): SloError {
  return error(
    file,
    { line: 1, column: 1 },
    `file too large: at least ${mib(atLeastBytes)}, over the ${mib(limit)} limit for an SLO file`
  );
}

/**
 * Raw bytes: the size limit, NUL bytes (binary input) and invalid UTF-8, each with the position of the first offence.
 * Returns the decoded text when all is well.
 */
export function decodeSloBytes(
  bytes: Uint8Array,
  file?: string,
  limit = MAX_SLO_FILE_BYTES
): { text: string; error?: undefined } | { text?: undefined; error: SloError } {
  if (bytes.length > limit) {
    return { error: tooLargeError(file, bytes.length, limit) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      error: error(file, bytePosition(bytes, nul), 'binary data (a NUL byte): an SLO file is YAML or JSON text'),
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { error: error(file, bytePosition(bytes, bad), 'not UTF-8 text: an SLO file is YAML or JSON in UTF-8') };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) {
        return i;
      }
    }
    // Overlongs, surrogates and > U+10FFFF are invalid too.
    if (
      (b === 0xe0 && bytes[i + 1] < 0xa0) ||
      (b === 0xed && bytes[i + 1] > 0x9f) ||
      (b === 0xf0 && bytes[i + 1] < 0x90) ||
      (b === 0xf4 && bytes[i + 1] > 0x8f)
    ) {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

// C0 controls except tab, LF and CR; DEL; C1 controls. YAML forbids them in a document, and they must never reach a terminal.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Text (also from the app's settings page): the size limit and control characters, with the first offence's position. */
export function checkSloText(text: string, file?: string, limit = MAX_SLO_FILE_BYTES): SloError | undefined {
  // UTF-16 length <= UTF-8 byte length, so this never refuses a file decodeSloBytes accepted.
  if (text.length > limit) {
    return tooLargeError(file, text.length, limit);
  }
  const m = FORBIDDEN_CONTROL.exec(text);
  if (m) {
    const what = m[0] === '\u0000' ? 'binary data (a NUL byte)' : `a control character (${escapeControl(m[0])})`;
    return error(file, positionAt(text, m.index), `${what}: an SLO file is YAML or JSON text`);
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escapes every control character (C0, DEL, C1) and the Unicode line/paragraph separators and bidi overrides, so a
 * message quoting hostile input stays one line and cannot move the cursor or recolour a terminal.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (ESCAPES[c]) {
      return ESCAPES[c];
    }
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
