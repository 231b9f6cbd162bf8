// PromQL string literals and names: Go-style unquoting as Prometheus' lexer does, and escaping for double-quoted output.

export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Escape a label value for a double-quoted PromQL string: the value can never end the string or change the query. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function quoteString(value: string): string {
  return `"${escapeLabelValue(value)}"`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

export type Unquoted = { value: string } | { error: string; at: number };

/**
 * The value of a PromQL string literal (with its quotes), following Go's strconv.Unquote as Prometheus does:
 * backquotes are raw, '...' and "..." know \a \b \f \n \r \t \v \\ \' \" \xHH \ooo \uHHHH \UHHHHHHHH.
 * `at` is the offset of a problem within the literal.
 */
export function unquoteString(literal: string): Unquoted {
  const q = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== q || (q !== '`' && endsInEscape(literal))) {
    return { error: 'unterminated quoted string', at: 0 };
  }
  const body = literal.slice(1, -1);
  if (q === '`') {
    return { value: body };
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\n') {
      return { error: 'unterminated quoted string', at: 0 };
    }
    if (c === q) {
      return { error: 'unterminated quoted string', at: 0 };
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
    } else if (e === q) {
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
        return { error: `invalid escape sequence \\${e}${hex}`, at: i };
      }
      const code = parseInt(hex, 16);
      if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code < 0xe000))) {
        return { error: `invalid Unicode code point in escape sequence \\${e}${hex}`, at: i };
      }
      // \xHH is a byte in Go; bytes >= 0x80 alone are not valid UTF-8, which Prometheus refuses
      if (e === 'x' && code >= 0x80) {
        return { error: `escape \\x${hex} is not valid UTF-8 on its own`, at: i };
      }
      out += String.fromCodePoint(code);
      i += len;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 0x7f) {
        return { error: `invalid escape sequence \\${oct}`, at: i };
      }
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      return { error: `unknown escape sequence \\${e ?? ''}`, at: i };
    }
  }
  return { value: out };
}

/** True when the closing quote is itself escaped (`"a\"`): an odd run of backslashes before it. */
function endsInEscape(literal: string): boolean {
  let n = 0;
  for (let i = literal.length - 2; i > 0 && literal[i] === '\\'; i--) {
    n++;
  }
  return n % 2 === 1;
}

/** Index of the first lone UTF-16 surrogate (text that is not valid Unicode), or -1. */
export function loneSurrogateIndex(text: string): number {
  const m = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  return m ? m.index : -1;
}
