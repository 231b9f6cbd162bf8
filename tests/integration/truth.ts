// Expected figures from the scenario's exact truth (docs/semantics.md sections 3-5 and 9), written independently of
// src/: each fixture SLO of tests/fixtures/scenario-slos.yaml restated as plain data, with its period starts
// listed by hand from the calendar.

import { buildScenario, HOUR_MS, DAY_MS, type TruthCounts } from '../generator/scenario.ts';

export const FIXTURE = 'tests/fixtures/scenario-slos.yaml';

export const scenario = buildScenario();

export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new Error(`bad time ${iso}`);
  }
  return ms;
};

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export type WindowRule =
  | { kind: 'calendar'; periodStarts: number[] }
  | { kind: 'rolling'; durationMs: number }
  | { kind: 'fixed'; from: number; to: number };

export interface ExpectedSlo {
  id: string;
  indicator: 'ratio' | 'latency';
  objective: number;
  window: WindowRule;
  exclusions: Array<{ from: number; to: number }>;
  /** Policy levels, least to most severe: active when remaining < below. */
  policy: Array<{ name: string; below: number }>;
}

const POLICY = [
  { name: 'notify', below: 0.5 },
  { name: 'freeze', below: 0.25 },
  { name: 'stop', below: 0 },
];

const days = (...isos: string[]) => isos.map(at);

const QUARTERS_UTC = days(
  '2026-04-01T00:00:00Z',
  '2026-07-01T00:00:00Z',
  '2026-10-01T00:00:00Z',
  '2027-01-01T00:00:00Z'
);

/** The fixture file, restated. Period starts cover the scenario span. */
export const SLOS: ExpectedSlo[] = [
  {
    id: 'checkout-q-utc',
    indicator: 'ratio',
    objective: 0.995,
    window: { kind: 'calendar', periodStarts: QUARTERS_UTC },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-q-berlin',
    indicator: 'ratio',
    objective: 0.995,
    // Midnight CEST (UTC+2) on Apr 1, Jul 1 and Oct 1 2026; CET (UTC+1) on Jan 1 2027.
    window: {
      kind: 'calendar',
      periodStarts: days(
        '2026-03-31T22:00:00Z',
        '2026-06-30T22:00:00Z',
        '2026-09-30T22:00:00Z',
        '2026-12-31T23:00:00Z'
      ),
    },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-fiscal',
    indicator: 'ratio',
    objective: 0.995,
    // startMonth 9: quarters start on Sep 1, Dec 1, Mar 1, Jun 1.
    window: {
      kind: 'calendar',
      periodStarts: days(
        '2026-03-01T00:00:00Z',
        '2026-06-01T00:00:00Z',
        '2026-09-01T00:00:00Z',
        '2026-12-01T00:00:00Z'
      ),
    },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-month',
    indicator: 'ratio',
    objective: 0.995,
    window: {
      kind: 'calendar',
      periodStarts: days(
        '2026-05-01T00:00:00Z',
        '2026-06-01T00:00:00Z',
        '2026-07-01T00:00:00Z',
        '2026-08-01T00:00:00Z',
        '2026-09-01T00:00:00Z',
        '2026-10-01T00:00:00Z',
        '2026-11-01T00:00:00Z'
      ),
    },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-rolling',
    indicator: 'ratio',
    objective: 0.995,
    window: { kind: 'rolling', durationMs: 28 * DAY_MS },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-fixed',
    indicator: 'ratio',
    objective: 0.995,
    window: { kind: 'fixed', from: at('2026-08-10T00:00:00Z'), to: at('2026-08-17T00:00:00Z') },
    exclusions: [],
    policy: POLICY,
  },
  {
    id: 'checkout-excl',
    indicator: 'ratio',
    objective: 0.995,
    window: { kind: 'calendar', periodStarts: QUARTERS_UTC },
    exclusions: [{ from: at('2026-08-05T02:00:00Z'), to: at('2026-08-05T03:00:00Z') }],
    policy: POLICY,
  },
  {
    id: 'checkout-latency',
    indicator: 'latency',
    objective: 0.99,
    window: { kind: 'calendar', periodStarts: QUARTERS_UTC },
    exclusions: [],
    policy: POLICY,
  },
];

export function sloById(id: string): ExpectedSlo {
  const s = SLOS.find((x) => x.id === id);
  if (!s) {
    throw new Error(`unknown SLO ${id}`);
  }
  return s;
}

/**
 * The window at t: (periodStart, t] for calendar windows, where a boundary instant starts a new, empty
 * period (docs/semantics.md section 3); (t - W, t] rolling; (from, min(t, to)] fixed (undefined before from).
 * `interior`: the chart convention, where the bucket ending on a boundary closes the old period.
 */
export function windowAt(slo: ExpectedSlo, t: number, interior = false): { start: number; end: number } | undefined {
  const w = slo.window;
  switch (w.kind) {
    case 'calendar': {
      const probe = interior ? t - 1 : t;
      const starts = w.periodStarts.filter((p) => p <= probe);
      if (starts.length === 0 || probe >= w.periodStarts[w.periodStarts.length - 1]) {
        throw new Error(`${slo.id}: no listed period contains ${iso(t)}`);
      }
      return { start: starts[starts.length - 1], end: t };
    }
    case 'rolling':
      return { start: t - w.durationMs, end: t };
    case 'fixed':
      return t < w.from ? undefined : { start: w.from, end: Math.min(t, w.to) };
  }
}

export interface Figures {
  total: number;
  bad: number;
  good: number;
  /** null when total = 0. */
  sli: number | null;
  remaining: number;
}

/** Events in (start, end] with the given intervals (already clipped or not) removed. */
export function countsOver(start: number, end: number, removed: Array<{ from: number; to: number }> = []): TruthCounts {
  const c = scenario.truthCounts(start, end);
  for (const r of removed) {
    const a = Math.max(start, r.from);
    const b = Math.min(end, r.to);
    if (b > a) {
      const x = scenario.truthCounts(a, b);
      c.total -= x.total;
      c.bad -= x.bad;
      c.good -= x.good;
      c.latencyGood -= x.latencyGood;
      c.latencyBad -= x.latencyBad;
    }
  }
  return c;
}

export function figuresFor(slo: ExpectedSlo, c: TruthCounts): Figures {
  const bad = slo.indicator === 'latency' ? c.latencyBad : c.bad;
  const total = c.total;
  const ratio = total > 0 ? bad / total : 0;
  return {
    total,
    bad,
    good: total - bad,
    sli: total > 0 ? 1 - ratio : null,
    remaining: 1 - ratio / (1 - slo.objective),
  };
}

/** Exact figures of the SLO at t, exclusions removed as exact intervals. */
export function expectedAt(slo: ExpectedSlo, t: number): { window: { start: number; end: number }; figures: Figures } {
  const window = windowAt(slo, t);
  if (!window) {
    throw new Error(`${slo.id}: no window at ${iso(t)}`);
  }
  return { window, figures: figuresFor(slo, countsOver(window.start, window.end, slo.exclusions)) };
}

/**
 * The event counts an ideal observer of the samples can tell for (start, end]: exact, unless an edge lies strictly
 * inside a scrape gap. Then only the gap's total is known, not how it splits at the edge, so the counts are
 * bounded by the two corners "none of the gap's events inside the window" and "all of them" (per edge).
 * Figures like bad/total are monotone between the corners, so their min and max bound every honest answer.
 */
export function observableCorners(
  start: number,
  end: number,
  removed: Array<{ from: number; to: number }> = []
): TruthCounts[] {
  const gapAt = (t: number) => scenario.gaps.find((g) => t > g.fromMs && t < g.toMs);
  const gs = gapAt(start);
  const ge = gapAt(end);
  const starts = gs ? [gs.toMs, gs.fromMs] : [start];
  const ends = ge ? [ge.fromMs, ge.toMs] : [end];
  const out: TruthCounts[] = [];
  for (const a of starts) {
    for (const b of ends) {
      out.push(countsOver(a, Math.max(a, b), removed));
    }
  }
  return out;
}

export interface Bounds {
  lo: number;
  hi: number;
  /** The exact truth (what the counters counted), inside [lo, hi]. */
  truth: number;
  /** lo === hi: no edge inside a gap. */
  exact: boolean;
}

/** Bounds of a figure over (start, end] (see observableCorners); undefined when some corner has no events. */
export function observableBounds(
  start: number,
  end: number,
  removed: Array<{ from: number; to: number }>,
  figure: (c: TruthCounts) => number | undefined
): Bounds | undefined {
  const truth = figure(countsOver(start, end, removed));
  const corners = observableCorners(start, end, removed).map(figure);
  if (truth === undefined || corners.some((v) => v === undefined)) {
    return undefined;
  }
  const values = corners as number[];
  return { lo: Math.min(...values), hi: Math.max(...values), truth, exact: values.length === 1 };
}

/**
 * burnRate(t, L) = (bad/total over (t - L, t]) / (1 - target); undefined where the lookback is ambiguous
 * (an exclusion inside it, or it reaches before the data). Bounded, not exact, when t - L falls inside the gap.
 */
export function expectedBurnRate(slo: ExpectedSlo, t: number, lookbackMs: number): Bounds | undefined {
  const from = t - lookbackMs;
  if (from < scenario.startMs || slo.exclusions.some((e) => e.to > from && e.from < t)) {
    return undefined;
  }
  return observableBounds(from, t, [], (c) => {
    const f = figuresFor(slo, c);
    return f.total > 0 ? f.bad / f.total / (1 - slo.objective) : undefined;
  });
}

export function expectedPolicy(slo: ExpectedSlo, remaining: number): { name: string | null; ambiguous: boolean } {
  let name: string | null = null;
  let ambiguous = false;
  for (const level of slo.policy) {
    if (remaining < level.below) {
      name = level.name;
    }
    if (Math.abs(remaining - level.below) < 0.002) {
      ambiguous = true;
    }
  }
  return { name, ambiguous };
}

export const BURN_RATE_LOOKBACKS: Array<[string, number]> = [
  ['1h', HOUR_MS],
  ['6h', 6 * HOUR_MS],
  ['1d', DAY_MS],
  ['3d', 3 * DAY_MS],
];

/** Worst deviations, printed as a table at the end of a test file. */
export class DeviationLog {
  private readonly worst = new Map<string, { pp: number; where: string; n: number }>();

  constructor(private readonly title: string, private readonly unit = 'pp') {}

  add(backend: string, slo: string, deviationPp: number, where: string): void {
    const key = `${backend}\u0000${slo}`;
    const cur = this.worst.get(key) ?? { pp: 0, where: '', n: 0 };
    cur.n++;
    if (cur.n === 1 || Math.abs(deviationPp) > Math.abs(cur.pp)) {
      cur.pp = deviationPp;
      cur.where = where;
    }
    this.worst.set(key, cur);
  }

  table(): string {
    const rows = [...this.worst.entries()]
      .map(([k, v]) => {
        const [backend, slo] = k.split('\u0000');
        return [backend, slo, String(v.n), `${v.pp >= 0 ? '+' : ''}${v.pp.toFixed(5)}`, v.where];
      })
      .sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
    const header = ['backend', 'slo', 'points', `worst dev (${this.unit})`, 'at'];
    const all = [header, ...rows];
    const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
    return [this.title, ...all.map((r) => '  ' + r.map((cell, c) => cell.padEnd(widths[c])).join('  '))].join('\n');
  }
}
