// Prometheus duration strings <-> milliseconds: [Ny][Nw][Nd][Nh][Nm][Ns][Nms], y = 365d, w = 7d (docs/semantics.md section 10).

const UNIT_MS: ReadonlyArray<[unit: string, ms: number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

// Each unit at most once, largest first, integers only: the grammar Prometheus accepts for `[5m]` and `for: 1h30m`.
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses `5m`, `28d`, `1h30m`, `500ms` (and the bare `0`) into milliseconds; undefined when not a Prometheus duration. */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  if (text === '0') {
    return 0;
  }
  const match = DURATION_RE.exec(text);
  if (!match || text === '') {
    return undefined;
  }
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const count = match[i + 1];
    if (count !== undefined) {
      total += Number(count) * UNIT_MS[i][1];
    }
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Formats milliseconds with the units d h m s ms (never w or y, so `28d` stays `28d`): 5400000 -> `1h30m`.
 * Rounds to whole milliseconds; 0 -> `0s`. Negative input gets a leading `-`, which parseDuration rejects.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`cannot format ${ms} as a duration`);
  }
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) {
    return '0s';
  }
  let out = '';
  for (const [unit, size] of UNIT_MS) {
    if (unit === 'y' || unit === 'w') {
      continue;
    }
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return ms < 0 ? `-${out}` : out;
}
