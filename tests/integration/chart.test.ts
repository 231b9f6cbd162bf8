// Budget charts from the query layer (src/query loadBudgetChart: per-step buckets reconciled with exact counts,
// then the engine's budgetSeries) against the exact truth at every chart point (docs/semantics.md sections 8 and 9):
// within 0.5 pp of remaining budget, and every period start in range is a 100% reset point.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { withResetPoints } from '../../src/engine';
import { HttpPromClient, loadBudgetChart, type ChartData } from '../../src/query';
import { parseSloDocument } from '../../src/slo';
import type { SloSpec } from '../../src/slo/types';
import { describeEachBackend } from './backends';
import { ROOT } from './servers';
import {
  at,
  DeviationLog,
  FIXTURE,
  figuresFor,
  iso,
  observableBounds,
  scenario,
  sloById,
  windowAt,
  type Bounds,
  type ExpectedSlo,
} from './truth';

const CHART_TOLERANCE = 0.005; // 0.5 percentage point

function loadSpecs(): Map<string, SloSpec> {
  const file = path.join(ROOT, FIXTURE);
  const { file: parsed, errors } = parseSloDocument(readFileSync(file, 'utf8'), { file: FIXTURE });
  if (!parsed) {
    throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  }
  return new Map(parsed.slos.map((s) => [s.id, s]));
}

/** Displayed ranges: each spans at least one window reset and the scrape gap. */
const RANGES: Array<{ slo: string; from: string; to: string }> = [
  { slo: 'checkout-q-utc', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-q-berlin', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-fiscal', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-month', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-rolling', from: '2026-06-25T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-fixed', from: '2026-08-08T00:00:00Z', to: '2026-08-20T00:00:00Z' },
  { slo: 'checkout-excl', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  { slo: 'checkout-latency', from: '2026-06-01T00:00:00Z', to: '2026-10-20T00:00:00Z' },
  // A week around the gap: fine steps, so the gap spans bucket edges (the case docs/semantics.md section 8 measured).
  { slo: 'checkout-q-utc', from: '2026-08-10T00:00:00Z', to: '2026-08-17T00:00:00Z' },
  { slo: 'checkout-rolling', from: '2026-08-10T00:00:00Z', to: '2026-08-17T00:00:00Z' },
];

/** Buckets of the chart grid that overlap an exclusion by a positive length, as intervals (docs/semantics.md section 4). */
function excludedBucketSpans(
  slo: ExpectedSlo,
  chart: ChartData,
  firstEnd: number
): Array<{ from: number; to: number }> {
  const step = chart.step;
  return slo.exclusions.map((e) => {
    const first = firstEnd + Math.floor((e.from - firstEnd) / step) * step; // end of the bucket holding e.from+
    const last = firstEnd + Math.ceil((e.to - firstEnd) / step) * step;
    return { from: first, to: last };
  });
}

/**
 * Truth at a chart point t_i (the bucket ending on a period boundary closes the old period), with the bounds an
 * observer of the samples can give when t_i lies inside the scrape gap.
 */
function truthAtPoint(slo: ExpectedSlo, t: number, removed: Array<{ from: number; to: number }>): Bounds | undefined {
  const w = windowAt(slo, t, true);
  if (!w || w.end <= w.start) {
    return undefined;
  }
  const start = Math.max(w.start, scenario.startMs);
  return observableBounds(start, w.end, removed, (c) => {
    const f = figuresFor(slo, c);
    return f.total > 0 ? f.remaining : undefined;
  });
}

const deviations = new DeviationLog(
  'Charts (reconciled): worst deviation of remaining budget at a chart point (percentage points)'
);
const rawDeviations = new DeviationLog(
  'Charts (raw per-step sums, not reconciled; informative, not asserted): worst deviation (percentage points)'
);
const gapDeviations = new DeviationLog(
  'Charts (reconciled): points inside the scrape gap (asserted within the observable bounds), deviation from the truth (pp)'
);
const steps: string[] = [];

afterAll(() => {
  const tables = [deviations, gapDeviations, rawDeviations].map((d) => d.table());
  process.stdout.write(`\n${tables.join('\n\n')}\n\nchart steps: ${steps.join(', ')}\n\n`);
});

describeEachBackend('budget chart points', (backend) => {
  const specs = loadSpecs();
  const client = new HttpPromClient(backend.url);

  it.each(RANGES.map((r) => [r.slo, r.from.slice(0, 10), r.to.slice(0, 10), r] as const))(
    '%s, %s .. %s',
    async (_id, _from, _to, range) => {
      const slo = sloById(range.slo);
      const spec = specs.get(range.slo)!;
      const req = { from: at(range.from), to: at(range.to), now: scenario.endMs };
      const chart = await loadBudgetChart(client, spec, req);
      expect(chart.groups).toHaveLength(1);
      const { series, buckets } = chart.groups[0];
      steps.push(`${backend.name}/${slo.id}@${range.from.slice(5, 10)}=${chart.step / 60_000}m`);
      const removed = excludedBucketSpans(slo, chart, buckets.firstEnd);

      let checked = 0;
      const failures: string[] = [];
      for (let i = 0; i < series.time.length; i++) {
        const t = series.time[i];
        if (t < req.from || t <= scenario.startMs || t > scenario.endMs) {
          continue;
        }
        const want = truthAtPoint(slo, t, removed);
        const got = series.remaining[i];
        if (want === undefined) {
          // No events in the window: a period that has just started shows 100%, nothing else may.
          expect(Number.isNaN(got) || got === 1).toBe(true);
          continue;
        }
        checked++;
        (want.exact ? deviations : gapDeviations).add(backend.name, slo.id, (got - want.truth) * 100, iso(t));
        if (!(got >= want.lo - CHART_TOLERANCE && got <= want.hi + CHART_TOLERANCE)) {
          const bounds = want.exact ? '' : ` (observable ${want.lo.toFixed(5)}..${want.hi.toFixed(5)})`;
          failures.push(`${iso(t)}: chart ${got.toFixed(5)} vs truth ${want.truth.toFixed(5)}${bounds}`);
        }
      }
      expect(checked).toBeGreaterThan(50);

      // Every window start inside the range is a reset point at exactly 100%.
      const expectedResets =
        slo.window.kind === 'calendar'
          ? slo.window.periodStarts.filter((p) => p > req.from && p <= req.to)
          : slo.window.kind === 'fixed' && slo.window.from > req.from
          ? [slo.window.from]
          : [];
      for (const r of expectedResets) {
        expect(series.resets).toContain(r);
      }
      const points = withResetPoints(series.time, series.remaining, series.resets);
      for (const r of expectedResets) {
        const k = points.time.indexOf(r);
        expect(k).toBeGreaterThanOrEqual(0);
        // The reset point itself (the last point at that instant) is exactly 100%.
        expect(points.values[points.time.lastIndexOf(r)]).toBe(1);
      }

      // The same chart without reconciliation, for comparison only.
      const raw = await loadBudgetChart(client, spec, { ...req, raw: true });
      const rs = raw.groups[0].series;
      for (let i = 0; i < rs.time.length; i++) {
        const t = rs.time[i];
        if (t < req.from || t <= scenario.startMs || t > scenario.endMs) {
          continue;
        }
        const want = truthAtPoint(slo, t, removed);
        if (want !== undefined && want.exact && Number.isFinite(rs.remaining[i])) {
          rawDeviations.add(backend.name, slo.id, (rs.remaining[i] - want.truth) * 100, iso(t));
        }
      }

      // Reported last, so that the tables above hold every point.
      if (failures.length > 0) {
        throw new Error(
          `${slo.id}: ${failures.length} of ${checked} chart points off by more than ${CHART_TOLERANCE * 100} pp ` +
            `(step ${chart.step / 60_000} min); first ones:\n  ${failures.slice(0, 8).join('\n  ')}`
        );
      }
    }
  );
});
