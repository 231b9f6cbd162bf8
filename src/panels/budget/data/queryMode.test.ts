import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';

import { budgetAt } from '../../../engine';
import { defaultOptions, type BudgetPanelOptions } from '../options';
import { remainingModel } from '../viewModel';
import { hasNoData, PanelConfigError } from '../../../shared/budget/model';
import { combineEvents, inferGrid, parsePolicy, queryModeBudget } from './queryMode';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 6, 1);

/** A frame as Grafana's Prometheus datasource returns a range query: points every `step` from `first`. */
function frame(refId: string, first: number, step: number, values: Array<number | null>): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => first + i * step) },
      { name: 'Value', type: FieldType.number, values, labels: {} },
    ],
  });
}

const options = (o: Partial<BudgetPanelOptions> = {}): BudgetPanelOptions => ({
  ...defaultOptions,
  mode: 'query',
  objective: '99%',
  eventsRefId: 'A',
  totalRefId: 'B',
  queryWindow: 'calendar',
  calendarUnit: 'day',
  timeZone: 'UTC',
  ...o,
});

/** Three days of hourly per-step increases: 100 requests an hour; 0.5% bad on day 1, 2% on day 2, none on day 3. */
function threeDays() {
  const hours = 72;
  const bad = Array.from({ length: hours }, (_, i) => (i < 24 ? 0.5 : i < 48 ? 2 : 0));
  return [frame('A', T0 + HOUR, HOUR, bad), frame('B', T0 + HOUR, HOUR, new Array(hours).fill(100))];
}

const range = { from: T0, to: T0 + 72 * HOUR };

describe('query mode', () => {
  it('infers the bucket grid from the frames time field', () => {
    expect(inferGrid(threeDays())).toEqual({ firstEnd: T0 + HOUR, step: HOUR, count: 72 });
    expect(inferGrid([frame('B', T0, HOUR, [1])])).toBeUndefined();
    expect(inferGrid([frame('B', T0, HOUR, [1])], 5 * MIN)).toEqual({ firstEnd: T0, step: 5 * MIN, count: 1 });
  });

  it('draws a sawtooth that resets to 100% at each calendar period start', () => {
    const budget = queryModeBudget({ frames: threeDays(), options: options(), range, timeZone: 'utc', now: range.to });
    const series = budget.groups[0].series!;
    expect(series.resets).toEqual([T0, T0 + DAY, T0 + 2 * DAY]);
    const model = remainingModel(budget);
    for (const start of [T0, T0 + DAY, T0 + 2 * DAY]) {
      const k = model.time.lastIndexOf(start);
      expect(model.fields[0].values[k]).toBe(1);
    }
    // The bucket that ends on a boundary closes the old period: day 1 ends at 50%, day 2 at -100% (overspent, unclamped).
    const closing = (t: number) => model.fields[0].values[model.time.indexOf(t)]!;
    expect(closing(T0 + DAY)).toBeCloseTo(0.5, 12);
    expect(closing(T0 + 2 * DAY)).toBeCloseTo(-1, 12);
    // Day 3 has no bad events: 100% right after the reset and at the end.
    expect(closing(T0 + 2 * DAY + HOUR)).toBe(1);
    expect(budget.groups[0].status.remaining).toBe(1);
    expect(budget.notices).toEqual([]);
  });

  it('evaluates the figures at the end of the range with the engine', () => {
    const to = T0 + 36 * HOUR;
    const budget = queryModeBudget({
      frames: threeDays(),
      options: options(),
      range: { from: T0, to },
      timeZone: 'utc',
      now: to,
    });
    const s = budget.groups[0].status;
    const expected = budgetAt(budget.groups[0].buckets!, budget.window, to, 0.99);
    expect(s.remaining).toBe(expected.remaining);
    expect(s.remaining).toBeCloseTo(-1, 12);
    expect(s.bad).toBe(24);
    expect(s.total).toBe(1200);
    expect(s.burnRates['1h']).toBeCloseTo(2, 12);
    // The panel shows the burn-down, and the policy level reads it: day 2's 24 bad events of an allowance of ~24
    // (1% of the day's forecast 2,400 events) leave about 0%, below 25% but not below 0%.
    expect(s.burndown?.remaining).toBeCloseTo(0, 1);
    expect(s.policy?.name).toBe('below 25%');
    // Showing "if the period ended now" (-100%), the level reads that figure.
    const ended = queryModeBudget({
      frames: threeDays(),
      options: options({ figure: 'ifEndedNow' }),
      range: { from: T0, to },
      timeZone: 'utc',
      now: to,
    }).groups[0].status;
    expect(ended.burndown).toBeUndefined();
    expect(ended.policy?.name).toBe('below 0%');
  });

  it('uses the dashboard range as one fixed window', () => {
    const from = T0 + 12 * HOUR;
    const budget = queryModeBudget({
      frames: threeDays(),
      options: options({ queryWindow: 'dashboard' }),
      range: { from, to: range.to },
      timeZone: 'utc',
      now: range.to,
    });
    expect(budget.window).toEqual({ kind: 'fixed', from, to: range.to });
    expect(budget.groups[0].series!.resets).toEqual([from]);
    // 12 h at 0.5% and 24 h at 2% bad, then 24 h clean: bad = 6 + 48 of 6000.
    expect(budget.groups[0].status.remaining).toBeCloseTo(1 - 54 / 6000 / 0.01, 12);
  });

  it('takes good events when asked: bad = total - good', () => {
    expect(Array.from(combineEvents(Float64Array.of(100, 100, NaN), Float64Array.of(99, NaN, 5), 'good'))).toEqual([
      1,
      100,
      NaN,
    ]);
    expect(Array.from(combineEvents(Float64Array.of(100, 100), undefined, 'bad'))).toEqual([0, 0]);
    const good = [frame('A', T0 + HOUR, HOUR, [99.5, 99.5]), frame('B', T0 + HOUR, HOUR, [100, 100])];
    const budget = queryModeBudget({
      frames: good,
      options: options({ eventsKind: 'good' }),
      range: { from: T0, to: T0 + 2 * HOUR },
      timeZone: 'utc',
      now: T0 + 2 * HOUR,
    });
    expect(budget.groups[0].status.remaining).toBeCloseTo(0.5, 12);
  });

  it('counts no bad events where the bad query returned no series but total has data', () => {
    const frames = [frame('B', T0 + HOUR, HOUR, [100, 100])];
    const budget = queryModeBudget({
      frames,
      options: options(),
      range: { from: T0, to: T0 + 2 * HOUR },
      timeZone: 'utc',
      now: T0 + 2 * HOUR,
      refIds: ['A', 'B'],
    });
    expect(budget.groups[0].status.remaining).toBe(1);
  });

  it('is "no data", not 100%, when the queries return nothing', () => {
    const budget = queryModeBudget({
      frames: [],
      options: options(),
      range,
      timeZone: 'utc',
      now: range.to,
      refIds: ['A', 'B'],
    });
    expect(budget.groups).toEqual([]);
    expect(hasNoData(budget)).toBe(true);
    const gaps = [frame('A', T0 + HOUR, HOUR, [null, null]), frame('B', T0 + HOUR, HOUR, [null, null])];
    expect(
      hasNoData(queryModeBudget({ frames: gaps, options: options(), range, timeZone: 'utc', now: range.to }))
    ).toBe(true);
  });

  it('says the figure is partial only when its own period started before the queried range', () => {
    const from = T0 + 6 * HOUR;
    const frames = [
      frame('A', from + HOUR, HOUR, new Array(30).fill(1)),
      frame('B', from + HOUR, HOUR, new Array(30).fill(100)),
    ];
    const at = (now: number) =>
      queryModeBudget({ frames, options: options(), range: { from, to: from + 30 * HOUR }, timeZone: 'utc', now });
    // At 12:00 on day 1 the figure is day 1's, which started at 00:00, before the queries (06:00).
    const partial = at(T0 + 12 * HOUR);
    expect(partial.notices).toEqual([
      {
        kind: 'partial',
        severity: 'info',
        appliesTo: 'figure',
        text: 'Partial: the day started 2026-07-01 00:00, the queries 2026-07-01 06:00; the figure counts from there only.',
      },
    ]);
    // On day 2 the figure is complete: day 1, partly in the chart, is no reason for a notice.
    expect(at(from + 30 * HOUR).notices).toEqual([]);
  });

  it('warns when the step does not divide the period boundaries', () => {
    const step = 7 * MIN;
    const n = Math.ceil((30 * HOUR) / step);
    const frames = [
      frame('A', T0 + step, step, new Array(n).fill(0)),
      frame('B', T0 + step, step, new Array(n).fill(10)),
    ];
    const budget = queryModeBudget({
      frames,
      options: options(),
      range: { from: T0, to: T0 + n * step },
      timeZone: 'utc',
      now: T0 + n * step,
    });
    expect(budget.notices.map((n) => n.kind)).toContain('step');
  });

  it('says how much of a rolling window the queries cover', () => {
    const budget = queryModeBudget({
      frames: threeDays(),
      options: options({ queryWindow: 'rolling', rollingWindow: '1d' }),
      range,
      timeZone: 'utc',
      now: range.to,
    });
    expect(budget.window).toEqual({ kind: 'rolling', durationMs: DAY });
    // The last day is all in the queries: the figure is complete.
    expect(budget.notices).toEqual([]);
    const twoDays = queryModeBudget({
      frames: threeDays(),
      options: options({ queryWindow: 'rolling', rollingWindow: '4d' }),
      range,
      timeZone: 'utc',
      now: range.to,
    });
    expect(twoDays.notices.map((n) => [n.kind, n.appliesTo])).toEqual([['partial', 'figure']]);
    expect(twoDays.notices[0].text).toContain('the 4d window starts 2026-06-30 00:00');
    // Rolling windows have no burn-down: the figure stays "if the period ended now".
    expect(twoDays.figure).toBe('ifEndedNow');
  });

  it('draws the burn-down for a calendar window: 100% at each period start, the ideal line, exact at each period end', () => {
    const budget = queryModeBudget({
      frames: threeDays(),
      options: options(),
      range,
      timeZone: 'utc',
      now: T0 + 36 * HOUR,
    });
    expect(budget.figure).toBe('burndown');
    const model = remainingModel(budget);
    expect(model.fields.map((f) => f.name)).toEqual(['Burn-down', 'Ideal burn-down']);
    const value = (t: number, k = 0) => model.fields[k].values[model.time.lastIndexOf(t)]!;
    expect(value(T0)).toBe(1);
    expect(value(T0 + DAY)).toBe(1);
    // Day 1 closes at its exact result; the ideal line at 0 there, halfway at noon.
    expect(model.fields[0].values[model.time.indexOf(T0 + DAY)]).toBeCloseTo(0.5, 12);
    expect(value(T0 + 12 * HOUR, 1)).toBeCloseTo(0.5, 12);
    // At 12:00 on day 2: 12 h x 2 bad of a forecast allowance of 1% x 24 h x 100 (day 1's flat traffic): 0.
    const bd = budget.groups[0].status.burndown!;
    expect(bd.usedBad).toBeCloseTo(24, 9);
    expect(bd.allowedBad).toBeCloseTo(24, 6);
    expect(bd.remaining).toBeCloseTo(0, 6);
    // "If the period ended now" says -100% at the same time; it stays one option away.
    expect(budget.groups[0].status.remaining).toBeCloseTo(-1, 9);
    const ifEndedNow = queryModeBudget({
      frames: threeDays(),
      options: options({ figure: 'ifEndedNow' }),
      range,
      timeZone: 'utc',
      now: T0 + 36 * HOUR,
    });
    expect(ifEndedNow.figure).toBe('ifEndedNow');
    expect(remainingModel(ifEndedNow).fields.map((f) => f.name)).toEqual(['If the period ended now']);
  });

  it('turns invalid options into errors that name the option', () => {
    const run =
      (o: Partial<BudgetPanelOptions>, refIds = ['A', 'B']) =>
      () =>
        queryModeBudget({ frames: threeDays(), options: options(o), range, timeZone: 'utc', now: range.to, refIds });
    expect(run({ objective: '150%' })).toThrow(/Objective/);
    expect(run({ objective: 'high' })).toThrow(PanelConfigError);
    expect(run({ totalRefId: 'C' })).toThrow(/Total query: the panel has no query "C"/);
    expect(run({ eventsRefId: 'B' })).toThrow(/both "B"/);
    expect(run({ policy: '50%, lots' })).toThrow(/Policy thresholds/);
    expect(run({ queryWindow: 'rolling', rollingWindow: '4 weeks' })).toThrow(/Rolling window/);
    expect(run({ timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('reads policy thresholds least severe first', () => {
    expect(parsePolicy('0%, 50%; 25%').map((l) => l.below)).toEqual([0.5, 0.25, 0]);
    expect(parsePolicy('')).toEqual([]);
  });
});
