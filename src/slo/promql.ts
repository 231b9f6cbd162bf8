// A light syntactic check of PromQL text: non-empty, brackets balanced and quotes closed outside strings and comments (DESIGN.md section 10). The query layer does the real building.

export interface PromqlProblem {
  /** 0-based index into the expression where the problem shows. */
  index: number;
  message: string;
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Returns the first problem found, or undefined when the expression looks syntactically plausible. */
export function checkPromqlSyntax(expr: string): PromqlProblem | undefined {
  if (expr.trim() === '') {
    return { index: 0, message: 'empty PromQL expression' };
  }
  const open: Array<{ char: string; index: number }> = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      while (i < expr.length && expr[i] !== c) {
        i += expr[i] === '\\' && c !== '`' ? 2 : 1;
      }
      if (i >= expr.length) {
        return { index: start, message: `unterminated string: ${c} at character ${start + 1} is never closed` };
      }
    } else if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') {
        i++;
      }
    } else if (c === '(' || c === '[' || c === '{') {
      open.push({ char: c, index: i });
    } else if (c in CLOSERS) {
      const top = open.pop();
      if (!top) {
        return { index: i, message: `unbalanced ${c} at character ${i + 1}: nothing to close` };
      }
      if (top.char !== CLOSERS[c]) {
        return {
          index: i,
          message: `${c} at character ${i + 1} closes ${top.char} opened at character ${top.index + 1}`,
        };
      }
    }
    i++;
  }
  const unclosed = open.pop();
  if (unclosed) {
    return {
      index: unclosed.index,
      message: `unbalanced ${unclosed.char} at character ${unclosed.index + 1} is never closed`,
    };
  }
  return undefined;
}
