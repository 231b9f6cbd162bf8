// The burn-down (docs/semantics.md section 4) against a real Prometheus and VictoriaMetrics loaded with the scenario:
// - the curve (reconciled chart buckets + the forecast from one hourly range query) ends every complete month and the
//   fixed window at the exact truth, and restarts at exactly 100% at every period start;
// - every curve point is compared with a burn-down computed from the truth's counts and the same forecast (printed);
// - loadBurndown at a period start is exactly 1, and reads one range query of 672 points besides the exact counts.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { burndownSeries, fullWindowAt, withResetPoints } from '../../src/engine';
import {
  counterExprs,
  fetchTrafficHistory,
  forecastTimeZone,
  HttpPromClient,
  loadBudgetChart,
  loadBurndown,
  type PromClient,
} from '../../src/query';
import { parseSloDocument } from '../../src/slo';
import type { SloSpec } from '../../src/slo/types';
import { describeEachBackend } from './backends';
import { ROOT } from './servers';
import {
  at,
  countsOver,
  DeviationLog,
  figuresFor,
  FIXTURE,
  iso,
  observableBounds,
  scenario,
  sloById,
  windowAt,
} from './truth';

const FIGURE_TOLERANCE = 0.001; // 0.1 percentage point, as for every figure people read
const CURVE_TOLERANCE = 0.005; // 0.5 pp, as for chart points

function loadSpecs(): Map<string, SloSpec> {
  const { file: parsed, errors } = parseSloDocument(readFileSync(path.join(ROOT, FIXTURE), 'utf8'), { file: FIXTURE });
  if (!parsed) {
    throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  }
  return new Map(parsed.slos.map((s) => [s.id, s]));
}

/** A real client that counts what it is asked (not a stand-in: every request reaches the backend). */
function counting(inner: PromClient) {
  const log: Array<{ kind: 'instant' | 'range'; expr: string; points: number }> = [];
  const client: PromClient = {
    id: inner.id,
    instant: (expr, t) => {
      log.push({ kind: 'instant', expr, points: 1 });
      return inner.instant(expr, t);
    },
    range: (expr, start, end, step) => {
      log.push({ kind: 'range', expr, points: Math.floor((end - start) / step) + 1 });
      return inner.range(expr, start, end, step);
    },
  };
  return { client, log };
}

/** Curves: each range holds complete periods whose ends are checked against the truth. */
const CURVES: Array<{ slo: string; from: string; to: string; ends: string[] }> = [
  {
    slo: 'checkout-month',
    from: '2026-06-01T00:00:00Z',
    to: '2026-10-01T00:00:00Z',
    ends: ['2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'],
  },
  { slo: 'checkout-fixed', from: '2026-08-08T00:00:00Z', to: '2026-08-20T00:00:00Z', ends: ['2026-08-17T00:00:00Z'] },
  { slo: 'checkout-q-utc', from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z', ends: ['2026-10-01T00:00:00Z'] },
];

const curveLog = new DeviationLog(
  'Burn-down curve: worst deviation from the truth-computed burn-down with the same forecast (percentage points)'
);
const gapLog = new DeviationLog(
  'Burn-down curve: points inside the scrape gap (asserted within the observable bounds), deviation from the truth (pp)'
);
const endLog = new DeviationLog('Burn-down at period ends vs the exact period result (percentage points)');
const forecastLog = new DeviationLog('Forecast F(t, end] from the backend vs the true rest of the period', '%');

afterAll(() => {
  process.stdout.write(`\n${[curveLog, gapLog, endLog, forecastLog].map((d) => d.table()).join('\n\n')}\n\n`);
});

describeEachBackend('burn-down', (backend) => {
  const specs = loadSpecs();
  const http = new HttpPromClient(backend.url);

  it.each(CURVES.map((c) => [c.slo, c.from.slice(0, 10), c.to.slice(0, 10), c] as const))(
    'curve %s, %s .. %s ends at the truth and restarts at 100%',
    async (_id, _from, _to, c) => {
      const slo = sloById(c.slo);
      const spec = specs.get(c.slo)!;
      const req = { from: at(c.from), to: at(c.to), now: scenario.endMs };
      const chart = await loadBudgetChart(http, spec, req);
      expect(chart.groups).toHaveLength(1);
      const { buckets } = chart.groups[0];
      const lastEnd = buckets.firstEnd + (buckets.total.length - 1) * buckets.step;
      const histories = await fetchTrafficHistory(
        http,
        counterExprs(spec.indicator),
        { from: buckets.firstEnd, to: lastEnd },
        forecastTimeZone(spec.window),
        { now: scenario.endMs }
      );
      const history = histories.get('')!;
      expect(history).toBeDefined();
      if (spec.window.kind === 'rolling') {
        throw new Error('not a burn-down window');
      }
      const s = burndownSeries(buckets, spec.window, spec.objective, history, { exclusions: spec.exclusions });

      // Ends: the bucket ending on the boundary closes the period; nothing is left to forecast; the exact result.
      for (const endIso of c.ends) {
        const end = at(endIso);
        const i = s.time.indexOf(end);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(s.forecastTotal[i]).toBe(0);
        const w = windowAt(slo, end, true)!;
        const want = figuresFor(slo, countsOver(w.start, w.end, slo.exclusions)).remaining;
        endLog.add(backend.name, `${slo.id} ${endIso.slice(0, 10)}`, (s.remaining[i] - want) * 100, endIso);
        expect(Math.abs(s.remaining[i] - want)).toBeLessThanOrEqual(FIGURE_TOLERANCE);
      }

      // Every period start in range: a reset point at exactly 100%.
      const starts =
        slo.window.kind === 'calendar'
          ? slo.window.periodStarts.filter((p) => p > req.from && p < req.to)
          : slo.window.kind === 'fixed'
          ? [slo.window.from]
          : [];
      const points = withResetPoints(s.time, s.remaining, s.resets);
      for (const r of starts) {
        expect(points.values[points.time.lastIndexOf(r)]).toBe(1);
      }

      // Every point against the truth's counts with the same forecast.
      let checked = 0;
      for (let i = 0; i < s.time.length; i++) {
        const t = s.time[i];
        if (t < req.from || t > req.to || Number.isNaN(s.remaining[i])) {
          continue;
        }
        const w = windowAt(slo, t, true);
        if (!w || w.end <= w.start) {
          continue;
        }
        // Inside the scrape gap only bounds are observable (truth.ts: observableBounds); elsewhere lo = hi = truth.
        const forecast = s.forecastTotal[i];
        const want = observableBounds(w.start, w.end, slo.exclusions, (c) => {
          const f = figuresFor(slo, c);
          return 1 - f.bad / ((1 - slo.objective) * (f.total + forecast));
        })!;
        (want.exact ? curveLog : gapLog).add(backend.name, slo.id, (s.remaining[i] - want.truth) * 100, iso(t));
        expect(s.remaining[i]).toBeGreaterThanOrEqual(want.lo - CURVE_TOLERANCE);
        expect(s.remaining[i]).toBeLessThanOrEqual(want.hi + CURVE_TOLERANCE);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    }
  );

  it('loadBurndown: exactly 1 at a period start, the exact counts after it, with one range query of 672 hours', async () => {
    const spec = specs.get('checkout-q-berlin')!;
    const start = at('2026-06-30T22:00:00Z'); // Q3 starts at midnight CEST
    const { client, log } = counting(http);
    const [first] = await loadBurndown(client, spec, start, { now: scenario.endMs });
    expect(first.burndown.remaining).toBe(1);
    expect(first.burndown.usedBad).toBe(0);
    expect(first.forecast.method).toBe('weekly-profile');
    expect(first.period).toEqual(fullWindowAt(start, spec.window));
    const ranges = log.filter((r) => r.kind === 'range');
    expect(ranges).toHaveLength(1);
    expect(ranges[0].points).toBe(672);
    expect(ranges[0].expr).toContain('[3600s]');

    // Mid-quarter: used bad events are the exact count; the estimated allowance follows the forecast.
    const slo = sloById('checkout-q-berlin');
    for (const tIso of ['2026-07-15T09:30:00Z', '2026-08-12T12:00:00Z', '2026-09-20T00:00:00Z']) {
      const t = at(tIso);
      const { client: c2, log: log2 } = counting(http);
      const [b] = await loadBurndown(c2, spec, t, { now: scenario.endMs });
      expect(log2.filter((r) => r.kind === 'range')).toHaveLength(1);
      expect(log2.filter((r) => r.kind === 'instant')).toHaveLength(2);
      const truth = figuresFor(slo, countsOver(b.window.start, t));
      const restTrue = scenario.truthCounts(t, b.period.end).total;
      forecastLog.add(backend.name, slo.id, (b.burndown.forecastTotal! / restTrue - 1) * 100, tIso);
      const want = 1 - truth.bad / ((1 - slo.objective) * (truth.total + b.burndown.forecastTotal!));
      expect(Math.abs(b.burndown.remaining! - want)).toBeLessThanOrEqual(FIGURE_TOLERANCE);
      expect(Math.abs(b.burndown.forecastTotal! / restTrue - 1)).toBeLessThan(0.02);
    }
  });

  it('loadBurndown with the status counts adds only the range query; after a fixed window ends it is the exact result', async () => {
    const spec = specs.get('checkout-fixed')!;
    const slo = sloById('checkout-fixed');
    const t = at('2026-08-18T06:00:00Z');
    const [b] = await loadBurndown(http, spec, t, { now: scenario.endMs });
    const want = figuresFor(slo, countsOver(at('2026-08-10T00:00:00Z'), at('2026-08-17T00:00:00Z'))).remaining;
    expect(b.burndown.forecastTotal).toBe(0);
    expect(Math.abs(b.burndown.remaining! - want)).toBeLessThanOrEqual(FIGURE_TOLERANCE);

    const counts = new Map([['', { bad: b.burndown.usedBad!, good: 0, total: b.burndown.allowedBad! / 0.005 }]]);
    const { client, log } = counting(http);
    const [again] = await loadBurndown(client, spec, t, { now: scenario.endMs, counts });
    expect(log.map((r) => r.kind)).toEqual(['range']);
    expect(again.burndown.remaining).toBeCloseTo(b.burndown.remaining!, 9);
  });

  it('does not apply to rolling windows', async () => {
    expect(await loadBurndown(http, specs.get('checkout-rolling')!, at('2026-08-01T00:00:00Z'))).toEqual([]);
  });
});
