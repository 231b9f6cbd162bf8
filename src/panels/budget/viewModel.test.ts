import { budgetAsTime, budgetSeries, withResetPoints, type Buckets } from '../../engine';
import type { Exclusion, PolicyLevel, WindowSpec } from '../../slo/types';
import { statusFromBuckets } from './data/figures';
import type { BudgetGroup, PanelBudget } from '../../shared/budget/model';
import { budgetAllowanceText } from '../../shared/format';
import {
  alignWithResets,
  burnRateModel,
  cumulativeModel,
  exhaustionText,
  formatSpan,
  mainGroup,
  policySteps,
  remainingModel,
  sliDecimals,
  statModel,
} from './viewModel';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 6, 1); // a UTC midnight
const DAILY: WindowSpec = { kind: 'calendar', unit: 'day', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
const POLICY: PolicyLevel[] = [
  { name: 'notify', below: 0.5, actions: ['notify'] },
  { name: 'freeze', below: 0.25, actions: ['freeze'] },
  { name: 'stop', below: 0, actions: ['stop'] },
];

/** Hourly buckets from T0: 100 events each, `badPerHour(i)` of them bad. */
function hourly(hours: number, badPerHour: (i: number) => number): Buckets {
  const total = new Float64Array(hours).fill(100);
  const bad = Float64Array.from({ length: hours }, (_, i) => badPerHour(i));
  return { firstEnd: T0 + HOUR, step: HOUR, bad, total };
}

function budgetOf(
  buckets: Buckets[],
  opts: { window?: WindowSpec; target?: number; range?: { from: number; to: number }; exclusions?: Exclusion[] } = {}
): PanelBudget {
  const window = opts.window ?? DAILY;
  const target = opts.target ?? 0.99;
  const n = buckets[0].total.length;
  const range = opts.range ?? { from: T0, to: T0 + n * HOUR };
  const exclusions = opts.exclusions ?? [];
  const groups: BudgetGroup[] = buckets.map((b, k) => {
    const labels: Record<string, string> = buckets.length === 1 ? {} : { route: `r${k}` };
    return {
      key: buckets.length === 1 ? '' : JSON.stringify([`r${k}`]),
      labels,
      buckets: b,
      series: budgetSeries(b, window, target, exclusions),
      status: {
        ...statusFromBuckets({ id: 's', buckets: b, window, target, policy: POLICY, exclusions, t: range.to }),
        group: labels,
      },
    };
  });
  return {
    title: 'Test SLO',
    target,
    window,
    policy: POLICY,
    exclusions,
    groups,
    range,
    t: range.to,
    windowMs: DAY,
    notices: [],
    figure: 'ifEndedNow',
    unit: 'events',
  };
}

describe('policySteps', () => {
  it('colours above the highest level green and below the most severe red', () => {
    expect(policySteps(POLICY)).toEqual([
      { value: -Infinity, color: 'red' },
      { value: 0, color: 'orange' },
      { value: 0.25, color: 'yellow' },
      { value: 0.5, color: 'green' },
    ]);
  });

  it('marks overspend red without a policy, and a single level red below it', () => {
    expect(policySteps([])).toEqual([
      { value: -Infinity, color: 'red' },
      { value: 0, color: 'green' },
    ]);
    expect(policySteps([{ name: 'investigate', below: 0.25, actions: [] }])).toEqual([
      { value: -Infinity, color: 'red' },
      { value: 0.25, color: 'green' },
    ]);
  });
});

describe('alignWithResets', () => {
  it('puts reset points exactly where withResetPoints does', () => {
    const time = [10, 20, 30, 40];
    const resets = [5, 20, 35];
    const ours = alignWithResets(time, resets);
    const engine = withResetPoints(time, [0.5, 0.4, 0.3, 0.2], resets);
    expect(ours.time).toEqual(engine.time);
    expect(ours.source).toEqual(engine.values.map((v, k) => (v === 1 ? -1 : time.indexOf(engine.time[k]))));
  });
});

describe('remainingModel', () => {
  // Day 1: 0.5% bad (half the 1% budget); day 2: 2% bad (overspent twice over); day 3: no bad events.
  const b = hourly(72, (i) => (i < 24 ? 0.5 : i < 48 ? 2 : 0));

  it('draws a sawtooth that restarts at 100% at each period start and goes below 0 unclamped', () => {
    const model = remainingModel(budgetOf([b]));
    const at = (t: number) => model.time.flatMap((x, k) => (x === t ? [model.fields[0].values[k]] : []));
    // At the day-2 boundary: the bucket closing day 1 (50% left), then the reset point (exactly 100%).
    const [closing, reset] = at(T0 + DAY);
    expect(closing).toBeCloseTo(0.5, 12);
    expect(reset).toBe(1);
    expect(at(T0 + 2 * DAY)[0]).toBeCloseTo(-1, 12);
    expect(at(T0 + 2 * DAY)[1]).toBe(1);
    expect(at(T0 + 2 * DAY + HOUR)).toEqual([1]);
    expect(Math.min(...(model.fields[0].values as number[]))).toBeCloseTo(-1, 12);
    // The range starts on a period start: the first point is its 100% reset point.
    expect(model.time[0]).toBe(T0);
    expect(model.fields[0].values[0]).toBe(1);
  });

  it('lists the plotted points in the hidden table as RFC 3339 time and the raw fraction', () => {
    const model = remainingModel(budgetOf([b]));
    expect(model.table).toHaveLength(model.time.length);
    expect(model.table[0]).toEqual(['2026-07-01T00:00:00Z', '1']);
    expect(model.table[1][0]).toBe('2026-07-01T01:00:00Z');
    expect(model.table[1][1]).toBe(String(model.fields[0].values[1]));
    expect(Number(model.table[1][1])).toBeCloseTo(0.5, 12);
  });

  it('keeps only the points inside the displayed range', () => {
    const range = { from: T0 + 30 * HOUR, to: T0 + 40 * HOUR };
    const model = remainingModel(budgetOf([b], { range }));
    expect(model.time[0]).toBe(range.from);
    expect(model.time[model.time.length - 1]).toBe(range.to);
    // Still counted from the period start: 2% bad all day -> -1.
    expect(model.fields[0].values.every((v) => v !== null && Math.abs(v + 1) < 1e-12)).toBe(true);
  });

  it('shows no data as a gap, never as 100%', () => {
    const gappy = hourly(48, () => 0.5);
    gappy.total.fill(NaN, 0, 6);
    gappy.bad.fill(NaN, 0, 6);
    const model = remainingModel(budgetOf([gappy]));
    expect(model.fields[0].values.slice(1, 7)).toEqual([null, null, null, null, null, null]);
    expect(model.table[1]).toEqual(['2026-07-01T01:00:00Z', '']);
  });

  it('draws policy bands on the first series and one line per group', () => {
    const model = remainingModel(budgetOf([b, hourly(72, () => 0.1)]));
    expect(model.fields.map((f) => f.name)).toEqual(['route="r0"', 'route="r1"']);
    expect(model.fields[0].thresholdsStyle).toBe('line+area');
    expect(model.fields[1].thresholds).toBeUndefined();
    // The table follows the group with the least budget left.
    expect(model.tableGroup).toBe('route="r0"');
  });

  it('shades exclusions that overlap the range, clipped to it', () => {
    const exclusions = [
      { from: T0 - DAY, to: T0 + 2 * HOUR, reason: 'maintenance' },
      { from: T0 + 100 * DAY, to: T0 + 101 * DAY, reason: 'later' },
    ];
    expect(remainingModel(budgetOf([b], { exclusions })).regions).toEqual([
      { from: T0, to: T0 + 2 * HOUR, label: 'maintenance' },
    ]);
  });
});

describe('cumulativeModel', () => {
  it('plots bad events against allowed bad events, both 0 at each period start', () => {
    const b = hourly(48, (i) => (i < 24 ? 0.5 : 2));
    const model = cumulativeModel(budgetOf([b]));
    const [bad, allowed] = model.fields;
    const k = model.time.indexOf(T0 + DAY);
    // Closing day 1: 24 x 0.5 bad, 1% of 2400 allowed; then the reset.
    expect(bad.values[k]).toBe(12);
    expect(allowed.values[k]).toBeCloseTo(24, 9);
    expect([bad.values[k + 1], allowed.values[k + 1]]).toEqual([0, 0]);
    expect(model.table[k]).toEqual(['2026-07-02T00:00:00Z', '12']);
  });
});

describe('burnRateModel', () => {
  it('draws each tier long window with its factor scaled to the window length', () => {
    const b = hourly(96, () => 1);
    const model = burnRateModel(budgetOf([b]));
    // A one-day window is 1/30 of the 30-day table: 14.4x becomes 0.48x.
    // Grafana draws one set of thresholds per axis: the first series carries every tier's line, in the tier's colour.
    const lines = model.fields[0].thresholds!.slice(1);
    const want = [
      [1 / 30, 'blue'],
      [3 / 30, 'yellow'],
      [6 / 30, 'orange'],
      [14.4 / 30, 'red'],
    ] as const;
    want.forEach(([f, color], i) => {
      expect(lines[i].value).toBeCloseTo(f, 12);
      expect(lines[i].color).toBe(color);
    });
    expect(model.fields.slice(1).every((f) => f.thresholds === undefined)).toBe(true);
    expect(model.fields.map((f) => f.color)).toEqual(['red', 'orange', 'yellow', 'blue']);
    expect(model.fields[0].name).toBe('1h burn rate (page > 0.48×)');
    // 1% bad against a 1% budget: burning at exactly 1x everywhere.
    expect(model.fields[0].values.every((v) => v !== null && Math.abs(v - 1) < 1e-12)).toBe(true);
    expect(model.table[0][1]).toBe(String(model.fields[0].values[0]));
  });
});

describe('stat figures', () => {
  it('states the budget as time of full outage', () => {
    const text = (target: number, window: WindowSpec, ms: number) =>
      budgetAllowanceText(budgetAsTime(target, ms, null), window, ms);
    expect(budgetAsTime(0.999, 30 * DAY, null).allowanceMs).toBe((1 - 0.999) * 30 * DAY);
    expect(text(0.999, { kind: 'rolling', durationMs: 30 * DAY }, 30 * DAY)).toBe('43 min of full outage per 30 days');
    expect(text(0.995, DAILY, DAY)).toBe('7 min of full outage per day');
    expect(text(0.99, { kind: 'fixed', from: 0, to: 14 * DAY }, 14 * DAY)).toBe(
      '3.4 h of full outage per window of 14 days'
    );
  });

  it('formats spans and exhaustion states', () => {
    expect(formatSpan(43.2 * MIN)).toBe('43 min');
    expect(formatSpan(10.92 * HOUR)).toBe('10.9 h');
    expect(formatSpan(3.5 * DAY)).toBe('3.5 days');
    expect(exhaustionText({ state: 'projected', inMs: 2 * HOUR, at: 5 })).toEqual({ text: 'in 2 h', at: 5 });
    expect(exhaustionText({ state: 'not-this-period', inMs: null }).text).toBe('Not this period');
    expect(exhaustionText({ state: 'unknown', inMs: null }).text).toBe('No data');
  });

  it('shows an SLI with one more decimal than its target', () => {
    expect(sliDecimals(0.995)).toBe(2);
    expect(sliDecimals(0.9995)).toBe(3);
    expect(sliDecimals(0.99)).toBe(2);
  });

  it('reports the worst group of a grouped SLO', () => {
    // Evaluated inside the day (at midnight the new period's window would be empty, 100% for both).
    const budget = budgetOf([hourly(20, () => 0.1), hourly(20, () => 0.9)]);
    expect(mainGroup(budget)?.labels).toEqual({ route: 'r1' });
    const stat = statModel(budget)!;
    expect(stat.remaining).toBeCloseTo(0.1, 12);
    expect(stat.groupNote).toBe('worst of 2: route="r1"');
    expect(stat.policy?.name).toBe('freeze');
  });

  it('gives no figure for a group without data', () => {
    const empty = hourly(20, () => NaN);
    empty.total.fill(NaN);
    const stat = statModel(budgetOf([empty]))!;
    expect(stat.remaining).toBeNull();
    expect(stat.sli).toBeNull();
    expect(stat.exhaustion.text).toBe('No data');
  });
});

describe('burn-down and health in the views', () => {
  it('never draws or states a stale SLO as healthy: no policy bands, "Stale" exhaustion and policy', () => {
    const budget = budgetOf([hourly(12, () => 0)]);
    const g = budget.groups[0];
    g.status = {
      ...g.status,
      diagnostics: [{ kind: 'stale', counter: 'total', message: 'stale since 2026-07-01T06:00:00Z: ...' }],
    };
    const healthy = remainingModel(budgetOf([hourly(12, () => 0)]));
    expect(healthy.fields[0].thresholds).toBeDefined();
    expect(remainingModel(budget).fields[0].thresholds).toBeUndefined();
    const stat = statModel(budget)!;
    expect(stat.unhealthy).toBe('stale');
    expect(stat.exhaustion.text).toBe('Stale');
    expect(stat.policyText).toBe('Stale');
    expect(stat.diagnostics.map((d) => d.kind)).toEqual(['stale']);
  });

  it('words a timeslice SLO with the same sentence, counted in slices, without "~"', () => {
    const budget = { ...budgetOf([hourly(12, () => 0)]), figure: 'burndown' as const, unit: 'slices' as const };
    const g = budget.groups[0];
    g.status = { ...g.status, burndown: { remaining: 0.75, usedBad: 3, allowedBad: 12, forecastTotal: 0 } };
    const stat = statModel(budget)!;
    expect(stat.remaining).toBe(0.75);
    expect(stat.title).toBe('Budget left');
    expect(stat.sentence).toBe("75% of this day's budget left: 3 of 12 allowed bad slices used");
    // Timeslices have one figure: no "if the period ended now" beside it.
    expect(stat.ifEndedNow).toBeUndefined();
  });
});
