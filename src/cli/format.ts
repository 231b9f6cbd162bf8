// Rendering SLO statuses for people (an aligned table with percentages) and for programs (JSON with fractions and RFC3339).
import type { Exhaustion } from '../engine';
import type { SloStatus } from '../query';

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** ISO 8601 duration (PnDTnHnMnS), whole seconds. */
export function isoDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  if (s <= 0) {
    return 'PT0S';
  }
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const time = `${h ? h + 'H' : ''}${m ? m + 'M' : ''}${s ? s + 'S' : ''}`;
  return `P${d ? d + 'D' : ''}${time ? 'T' + time : ''}`;
}

/** JSON: exhausted -> "PT0S", projected -> its duration, otherwise null (not this period, not burning, no data). */
export function exhaustionJson(e: Exhaustion): string | null {
  return e.inMs === null ? null : isoDuration(e.inMs);
}

export function statusJson(s: SloStatus): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    window: { start: rfc3339(s.window.start), end: rfc3339(s.window.end) },
    good: s.good,
    bad: s.bad,
    total: s.total,
    sli: s.sli,
    remaining: s.remaining,
    consumed: s.consumed,
    burnRates: s.burnRates,
    timeToExhaustion: exhaustionJson(s.timeToExhaustion),
    policy: s.policy?.name ?? null,
  };
  if (Object.keys(s.group).length > 0) {
    out.group = s.group;
  }
  return out;
}

function pct(x: number | null, digits = 2): string {
  return x === null ? '-' : `${(x * 100).toFixed(digits)}%`;
}

function rate(x: number | null): string {
  return x === null ? '-' : `${x.toFixed(2)}x`;
}

function humanDuration(ms: number): string {
  const min = Math.round(ms / 60000);
  if (min < 60) {
    return `${min}m`;
  }
  const h = Math.floor(min / 60);
  if (h < 48) {
    return `${h}h ${min % 60}m`;
  }
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function exhaustionText(e: Exhaustion): string {
  switch (e.state) {
    case 'exhausted':
      return 'exhausted';
    case 'projected':
      return `in ${humanDuration(e.inMs)}`;
    case 'not-this-period':
      return 'not this period';
    case 'never':
      return 'not at this rate';
    case 'not-burning':
      return 'not burning';
    case 'unknown':
      return '-';
  }
}

export function statusTable(statuses: readonly SloStatus[]): string {
  const header = ['SLO', 'WINDOW', 'SLI', 'REMAINING', 'CONSUMED', 'BURN 1h', '6h', '1d', '3d', 'EXHAUSTION', 'POLICY'];
  const rows = statuses.map((s) => {
    const group = Object.entries(s.group)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',');
    const id = group ? `${s.id}{${group}}` : s.id;
    const window = `${rfc3339(s.window.start)} .. ${rfc3339(s.window.end)}`;
    if (s.noData) {
      return [id, window, 'no data', 'no data', '-', '-', '-', '-', '-', '-', s.policy?.name ?? '-'];
    }
    return [
      id,
      window,
      pct(s.sli, 3),
      pct(s.remaining),
      pct(s.consumed),
      rate(s.burnRates['1h']),
      rate(s.burnRates['6h']),
      rate(s.burnRates['1d']),
      rate(s.burnRates['3d']),
      exhaustionText(s.timeToExhaustion),
      (s.policy?.name ?? '-') + (s.partial ? ' (partial data)' : ''),
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  return all
    .map((r) =>
      r
        .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}
