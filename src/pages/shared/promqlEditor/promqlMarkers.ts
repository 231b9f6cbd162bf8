// The problems shown under a PromQL field, as Monaco marker ranges in the field's text: the PromQL module's problems
// at their character range, the validator's errors for the field (no position in the query) over the whole text.
// Monaco counts lines and columns from 1, in UTF-16 code units, as JavaScript string offsets do.

export interface PositionedProblem {
  /** Offsets into the text, [from, to). */
  from: number;
  to: number;
  message: string;
}

export interface MarkerRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
}

/** Line and column (1-based) of an offset. */
export function positionAt(text: string, offset: number): { lineNumber: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { lineNumber: before.split('\n').length, column: before.length - lineStart + 1 };
}

/**
 * A visible span for [from, to): an empty range (an unexpected end, a missing bracket) covers the character after
 * it, or the one before it at the end of a line or of the text, so the squiggle is never zero-width.
 */
function visibleSpan(text: string, from: number, to: number): [number, number] {
  const start = Math.max(0, Math.min(from, text.length));
  const end = Math.max(start, Math.min(to, text.length));
  if (end > start) {
    return [start, end];
  }
  if (start < text.length && text[start] !== '\n') {
    return [start, start + 1];
  }
  return start > 0 && text[start - 1] !== '\n' ? [start - 1, start] : [start, start];
}

export function promqlMarkers(
  text: string,
  problems: readonly PositionedProblem[],
  fieldErrors: readonly string[] = []
): MarkerRange[] {
  const range = (from: number, to: number, message: string): MarkerRange => {
    const [a, b] = visibleSpan(text, from, to);
    const start = positionAt(text, a);
    const end = positionAt(text, b);
    return {
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
      message,
    };
  };
  return [
    ...problems.map((p) => range(p.from, p.to, p.message)),
    ...fieldErrors.map((message) => range(0, text.length, message)),
  ];
}
