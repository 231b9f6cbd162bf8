// Regex matchers (`=~`, `!~`) run in Go's RE2 inside Prometheus, not in JavaScript. The two disagree: JavaScript
// accepts lookarounds and backreferences that RE2 refuses ("invalid or unsupported Perl syntax"), so without this
// check such a selector would validate and then fail at query time. We scan for what RE2 refuses and for broken
// structure (unbalanced groups and classes); anything else is left to Prometheus rather than risk refusing a pattern
// RE2 accepts.

/** Why RE2 (as in Prometheus 2.42) refuses `pattern`, or undefined when it looks acceptable. */
export function re2Problem(pattern: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) {
        return 'trailing backslash at end of expression';
      }
      if (/[1-9]/.test(next)) {
        return `backreference \\${next} is not supported by Prometheus' regex engine (RE2)`;
      }
      if (next === 'k' && pattern[i + 2] === '<') {
        return "named backreference \\k<...> is not supported by Prometheus' regex engine (RE2)";
      }
      if (next === 'Q') {
        // \Q...\E quotes literally, up to \E or the end.
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) {
        return 'missing closing ] of a character class';
      }
      i = end + 1;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (rest.startsWith('=') || rest.startsWith('!')) {
          return "lookahead (?= or (?! is not supported by Prometheus' regex engine (RE2)";
        }
        if (rest.startsWith('<=') || rest.startsWith('<!')) {
          return "lookbehind (?<= or (?<! is not supported by Prometheus' regex engine (RE2)";
        }
        if (rest.startsWith('<')) {
          return "named group (?<name>...) is not supported by Prometheus 2.42's regex engine: write (?P<name>...)";
        }
        if (rest.startsWith('>')) {
          return "atomic group (?>...) is not supported by Prometheus' regex engine (RE2)";
        }
        const flags = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
        if (!rest.startsWith('P<') && !rest.startsWith(':') && flags) {
          const bad = `${flags[1]}${flags[2] ?? ''}`.replace(/[imsU]/g, '');
          if (bad) {
            return `flag ${bad[0]} in (?${flags[0]} is not supported by Prometheus' regex engine (RE2): use i, m, s or U`;
          }
        }
      }
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) {
        return 'unexpected ) without an opening (';
      }
      depth--;
      i++;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && (pattern[i + 1] === '+' || pattern[i + 1] === '*')) {
      // `a*+` (possessive) and `a**` are nested repetitions, which RE2 refuses.
      if (c !== '}' || isCountedRepetitionEnd(pattern, i)) {
        return `invalid nested repetition operator ${c}${pattern[i + 1]}`;
      }
    }
    i++;
  }
  return depth > 0 ? 'missing closing ) of a group' : undefined;
}

/** Index of the `]` that closes the class opened at `start`, or -1. `]` first in the class is a literal. */
function classEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '^') {
    i++;
  }
  if (p[i] === ']') {
    i++;
  }
  while (i < p.length) {
    if (p[i] === '\\') {
      i += 2;
      continue;
    }
    if (p[i] === '[' && p[i + 1] === ':') {
      // A POSIX class such as [:alpha:] inside the class.
      const end = p.indexOf(':]', i + 2);
      if (end >= 0) {
        i = end + 2;
        continue;
      }
    }
    if (p[i] === ']') {
      return i;
    }
    i++;
  }
  return -1;
}

/** Whether the `}` at `i` closes a counted repetition such as `{2,3}` (else it is a literal brace). */
function isCountedRepetitionEnd(p: string, i: number): boolean {
  const open = p.lastIndexOf('{', i);
  return open >= 0 && /^\{\d+(,\d*)?\}$/.test(p.slice(open, i + 1));
}
