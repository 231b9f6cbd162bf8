// Where each character of a YAML string value sits in the source, for every scalar style (plain, quoted with
// escapes, block | and >), so a problem found inside a PromQL expression points at the right line and column.
// YAML only rewrites whitespace (folding, indentation) and escapes, so the value's other characters appear in the
// source in the same order: align them one by one; whitespace maps to the next source character.

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

interface SourceChar {
  /** The value text this source piece stands for ('' for a line continuation). */
  text: string;
  offset: number;
}

const DOUBLE_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The source pieces of a scalar, after quotes, escapes and block headers are taken apart. */
function sourceChars(raw: string, style: ScalarStyle): SourceChar[] {
  const out: SourceChar[] = [];
  switch (style) {
    case 'PLAIN':
      for (let i = 0; i < raw.length; i++) {
        out.push({ text: raw[i], offset: i });
      }
      return out;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const body = raw.indexOf('\n') + 1;
      for (let i = body; i > 0 && i < raw.length; i++) {
        out.push({ text: raw[i], offset: i });
      }
      return out;
    }
    case 'QUOTE_SINGLE':
      for (let i = 1; i < raw.length - 1; i++) {
        out.push({ text: raw[i], offset: i });
        if (raw[i] === "'") {
          i++; // '' stands for one quote
        }
      }
      return out;
    case 'QUOTE_DOUBLE':
      for (let i = 1; i < raw.length - 1; i++) {
        if (raw[i] !== '\\') {
          out.push({ text: raw[i], offset: i });
          continue;
        }
        const e = raw[i + 1];
        const hex = DOUBLE_ESCAPE_LENGTH[e];
        if (hex) {
          const code = parseInt(raw.slice(i + 2, i + 2 + hex), 16);
          out.push({ text: Number.isNaN(code) ? '' : String.fromCodePoint(code), offset: i });
          i += 1 + hex;
        } else if (e === '\n' || e === '\r') {
          out.push({ text: '', offset: i });
          i++;
        } else {
          // one-character escapes (\n, \t, \", \\, ...) stand for one character that is never folded away
          out.push({ text: '\u0000escape', offset: i });
          i++;
        }
      }
      return out;
  }
}

/**
 * Offsets into `raw` (the scalar's source text, quotes or block header included) of each UTF-16 unit of `value`,
 * or undefined when the two cannot be aligned (the caller then falls back to the scalar's own position).
 */
export function scalarOffsets(raw: string, value: string, style: ScalarStyle): number[] | undefined {
  const pieces = sourceChars(raw, style);
  const out: number[] = [];
  let p = 0;
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (/\s/.test(c)) {
      // folded or kept whitespace: the next source piece, without consuming non-whitespace
      while (p < pieces.length && pieces[p].text === '') {
        p++;
      }
      out.push(pieces[Math.min(p, pieces.length - 1)]?.offset ?? 0);
      if (p < pieces.length && (/^\s$/.test(pieces[p].text) || pieces[p].text === '\u0000escape')) {
        p++;
      }
      i++;
      continue;
    }
    while (p < pieces.length && (/^\s?$/.test(pieces[p].text) || pieces[p].text === '')) {
      p++;
    }
    const piece = pieces[p];
    if (!piece) {
      return undefined;
    }
    const text = piece.text === '\u0000escape' ? c : piece.text;
    if (value.slice(i, i + text.length) !== text) {
      return undefined;
    }
    for (let k = 0; k < text.length; k++) {
      out.push(piece.offset);
    }
    i += text.length;
    p++;
  }
  return out;
}
