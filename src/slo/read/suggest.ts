// Did-you-mean for unknown field names and enum values: the single closest candidate by edit distance.

/** `; did you mean "x"?` for the single closest candidate within a small edit distance (case ignored), else ''. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const lower = word.toLowerCase();
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = [candidate];
      bestDistance = d;
    } else if (d === bestDistance) {
      best.push(candidate);
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  // Ties (e.g. "=" is one edit from six operators) suggest nothing rather than a guess.
  return best.length === 1 && bestDistance <= limit && best[0] !== word ? `; did you mean "${best[0]}"?` : '';
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
