// Episodes (docs/semantics.md section 4, "Episodes") on the real backends: the reconciled chart buckets of each complete
// month (src/query loadBudgetChart), then findEpisodes. Every incident of the generator's timeline that burns the SLO's
// budget is one episode whose start and end are within one bucket of the incident's; the maintenance window is an
// episode unless the SLO excludes it; nothing else burns (the background runs at 0.2x-0.6x). Each episode's bad events
// and budget share are checked against the exact truth (tests/integration/truth.ts).

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { findEpisodes, type Episode } from '../../src/engine';
import { HttpPromClient, loadBudgetChart } from '../../src/query';
import { parseSloDocument } from '../../src/slo';
import type { SloSpec } from '../../src/slo/types';
import { describeEachBackend } from './backends';
import { ROOT } from './servers';
import { at, countsOver, FIXTURE, figuresFor, iso, scenario, sloById } from './truth';

function loadSpecs(): Map<string, SloSpec> {
  const { file, errors } = parseSloDocument(readFileSync(path.join(ROOT, FIXTURE), 'utf8'), { file: FIXTURE });
  if (!file) {
    throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  }
  return new Map(file.slos.map((s) => [s.id, s]));
}

interface Expected {
  id: string;
  from: number;
  to: number;
}

/** The stretches of the timeline that burn this SLO's budget inside (start, end]. */
function expectedEpisodes(sloId: string, start: number, end: number): Expected[] {
  const slo = sloById(sloId);
  const latency = slo.indicator === 'latency';
  const out: Expected[] = [];
  for (const inc of scenario.incidents) {
    // Latency incidents burn only latency SLOs; error incidents carry 3% slow requests, which burn a 99% latency SLO too.
    const burns = latency ? inc.slowRatio > 0.01 : inc.kind === 'errors';
    if (burns && inc.toMs > start && inc.fromMs < end) {
      out.push({ id: inc.id, from: inc.fromMs, to: inc.toMs });
    }
  }
  for (const m of scenario.exclusions) {
    const excluded = slo.exclusions.some((e) => e.from === m.fromMs && e.to === m.toMs);
    if (!latency && !excluded && m.toMs > start && m.fromMs < end) {
      out.push({ id: `maintenance ${iso(m.fromMs)}`, from: m.fromMs, to: m.toMs });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

const CASES: Array<{ slo: string; month: string; targetBuckets?: number }> = [
  { slo: 'checkout-month', month: '2026-06' },
  { slo: 'checkout-month', month: '2026-07' },
  { slo: 'checkout-month', month: '2026-08' },
  { slo: 'checkout-month', month: '2026-09' },
  // Fine buckets across the August scrape gap (10:50-11:10 inside inc-august).
  { slo: 'checkout-month', month: '2026-08', targetBuckets: 8000 },
  { slo: 'checkout-excl', month: '2026-08' },
  { slo: 'checkout-latency', month: '2026-07' },
];

const report: string[] = [];
afterAll(() =>
  process.stdout.write(`\nEpisodes found (backend, SLO, month, step: episodes)\n${report.join('\n')}\n\n`)
);

describeEachBackend('episodes of a complete month', (backend) => {
  const specs = loadSpecs();
  const client = new HttpPromClient(backend.url);

  it.each(CASES.map((c) => [c.slo, c.month, c.targetBuckets ?? 600, c] as const))(
    '%s %s (~%s buckets)',
    async (_slo, _month, _n, c) => {
      const spec = specs.get(c.slo)!;
      const slo = sloById(c.slo);
      const from = at(`${c.month}-01T00:00:00Z`);
      const next = new Date(from);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const to = next.getTime();
      const chart = await loadBudgetChart(
        client,
        spec,
        { from, to, now: scenario.endMs, targetBuckets: c.targetBuckets },
        {}
      );
      const { buckets } = chart.groups[0];
      const step = chart.step;
      // The period's exact allowance, from the truth (the detail page passes the status' exact figure).
      const truth = figuresFor(slo, countsOver(from, to, slo.exclusions));
      const allowedBad = (1 - slo.objective) * truth.total;
      const episodes = findEpisodes(buckets, spec.objective, { exclusions: spec.exclusions, allowedBad });
      const expected = expectedEpisodes(c.slo, from, to);
      report.push(
        `  ${backend.name} ${c.slo} ${c.month} step ${step / 60_000}m: ` +
          episodes.map((e) => `${iso(e.start)}..${iso(e.end)} ${(100 * e.budgetShare!).toFixed(1)}%`).join(', ')
      );

      expect(episodes.map((e) => describeMatch(e, expected, step))).toEqual(expected.map((x) => x.id));
      for (const e of episodes) {
        // Events inside the episode against the truth over the same interval: the reconciled buckets place a gap's
        // events in the bucket after it, so the sums agree within Prometheus' extrapolation (0.5% of the events).
        const t = figuresFor(slo, countsOver(e.start, e.end, slo.exclusions));
        expect(Math.abs(e.bad - t.bad)).toBeLessThanOrEqual(Math.max(2, 0.005 * t.bad));
        expect(e.budgetShare).toBeCloseTo(e.bad / allowedBad, 12);
        expect(e.peakBurnRate).toBeGreaterThan(1);
      }
    }
  );
});

/** The incident an episode matches (start and end within one bucket), or a description of the stray episode. */
function describeMatch(e: Episode, expected: Expected[], step: number): string {
  const hit = expected.find((x) => Math.abs(e.start - x.from) <= step && Math.abs(e.end - x.to) <= step);
  return hit ? hit.id : `unexpected episode ${iso(e.start)}..${iso(e.end)} (peak ${e.peakBurnRate.toFixed(2)}x)`;
}
