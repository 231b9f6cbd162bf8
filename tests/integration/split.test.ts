// Split counts against the real backends (docs/semantics.md section 8, "Split counts"): over three weeks of the
// generator's scenario (the one with the 20-minute scrape gap, and the two with a counter reset), a week's count read
// split at every whole hour (a settled piece before the split point, a fresh one after it, the split point checked
// against the samples around it) equals the unsplit count. Also shows what the check prevents: the plain sum of two
// increases split inside the scrape gap. Each week is read together with a lookback that starts just before the gap or
// restart, as a status reads its window and lookbacks: the week's settled piece is then also cut at the lookback's
// first split point (the lookback's settled piece is a suffix of the week's), and where that point is unsafe the week
// must be read without the cut. The split points of a week share one settled-data cache, as a page does: a whole
// settled day is asked once (the same answer every time), so a split point costs its own pieces, not the week again.
import { SETTLE_MS, SPLIT_ALIGN_MS } from '../../src/engine';
import {
  batchedCounts,
  ChunkCache,
  counterExprs,
  CountingPromClient,
  exactCounts,
  firstSelector,
  HttpPromClient,
  planBatch,
  type CounterExprs,
} from '../../src/query';
import { verdictKey } from '../../src/query/split';
import type { SloSpec } from '../../src/slo/types';
import { describeEachBackend } from './backends';
import { at, iso } from './truth';

const H = SPLIT_ALIGN_MS;
// `cut`: the whole hour next to the week's gap or restart; a lookback starting 17 minutes before it is read in the same
// batch, so the week's settled piece is also cut there (at the lookback's first split point) once s passes it.
const WEEKS = [
  { from: '2026-07-12T00:00:00Z', what: 'pod-a restarts at 2026-07-15T06:00', cut: '2026-07-15T06:00:00Z' },
  { from: '2026-08-09T00:00:00Z', what: 'scrape gap 2026-08-12T10:50-11:10', cut: '2026-08-12T11:00:00Z' },
  { from: '2026-09-06T00:00:00Z', what: 'pod-b restarts at 2026-09-09T16:30', cut: '2026-09-09T17:00:00Z' },
];
const GAP_HOUR = at('2026-08-12T11:00:00Z');

const indicator: SloSpec['indicator'] = {
  kind: 'ratio',
  bad: 'http_requests_total{job="checkout",code=~"5.."}',
  total: 'http_requests_total{job="checkout"}',
};

/**
 * Whether batchedCounts had to read pieces again because a split point of its plan is unsafe (s itself, or the cut at
 * the lookback's start): the verdicts it left in the cache for the points its plan checks. With the cache a second
 * read may be served from it, so the request count no longer says so.
 */
async function anyRefused(
  cache: ChunkCache,
  source: string,
  counters: CounterExprs,
  ranges: Array<{ start: number; end: number }>,
  t: number,
  now: number
): Promise<boolean> {
  const selectors = [counters.total, counters.bad!].map(firstSelector);
  const plan = planBatch(counters, ranges, [], t, [], undefined, { now, settleMs: cache.settleMs, selectors });
  const verdicts = plan.checks.map((c) => cache.get<Promise<boolean>>(verdictKey(source, c.selector, c.at)));
  if (verdicts.some((v) => v === undefined)) {
    throw new Error('a split point batchedCounts checked has no verdict in the cache');
  }
  return (await Promise.all(verdicts)).some((safe) => !safe);
}

describeEachBackend('split counts', (backend) => {
  // The two backends at once: each mostly waits on its own server.
  it.concurrent(
    'equal the unsplit count at every hour of three weeks, scrape gap and counter resets included',
    async () => {
      const counters = counterExprs(indicator);
      let worst = { diff: 0, at: '', role: '' };
      let worstLookback = { diff: 0, at: '', role: '' };
      let worstRaw = { diff: 0, at: '' };
      let splits = 0;
      let requests = 0;
      const refused: string[] = [];
      let refusedCut = 0; // second requests once s is past the week's cut (the cut, or s, refused)
      for (const week of WEEKS) {
        const start = at(week.from);
        const end = start + 7 * 24 * H;
        const base = new HttpPromClient(backend.url);
        const whole = (await exactCounts(base, counters, { start, end })).get('')!;
        expect(whole.total).toBeGreaterThan(1e6);
        const lookback = { start: at(week.cut) - 17 * 60_000, end };
        const wholeLookback = (await exactCounts(base, counters, lookback)).get('')!;
        // One cache per week, as a page keeps one: each settled piece (the whole days before s, cut as settledCuts
        // cuts them) is read once and then comes from the cache; every split point still reads its own piece up to s,
        // the fresh piece after it and its checks, and adds them up as batchedCounts does.
        const cache = new ChunkCache();
        for (let s = start + H; s < end; s += H) {
          const client = new CountingPromClient(base);
          // "Now" just after s settled: the week is read as (start, s] (settled) + (s, end] (fresh).
          const now = s + SETTLE_MS + 1;
          const ranges = [{ start, end }, lookback];
          const [split, splitLookback] = await batchedCounts(client, counters, ranges, [], end, {
            split: true,
            now,
            cache,
          });
          const c = split.get('')!;
          const l = splitLookback.get('')!;
          const reread = await anyRefused(cache, base.id, counters, ranges, end, now);
          requests += client.requests;
          splits++;
          // A second request reads again the pieces whose split point was refused (s itself, or the cut at the
          // lookback's start once s is past it).
          if (reread && s <= at(week.cut)) {
            refused.push(iso(s));
          } else if (reread) {
            refusedCut++;
          }
          for (const role of ['total', 'bad'] as const) {
            const diff = Math.abs(c[role] - whole[role]);
            if (diff > worst.diff) {
              worst = { diff, at: iso(s), role };
            }
            const lDiff = Math.abs(l[role] - wholeLookback[role]);
            if (lDiff > worstLookback.diff) {
              worstLookback = { diff: lDiff, at: iso(s), role };
            }
          }
          if (backend.name === 'prometheus' && (s === GAP_HOUR || s % (6 * H) === 0)) {
            // The plain sum of two increases, with no check of the split point.
            const [a, b] = await Promise.all([
              exactCounts(base, counters, { start, end: s }),
              exactCounts(base, counters, { start: s, end }),
            ]);
            const raw = Math.abs(a.get('')!.total + b.get('')!.total - whole.total);
            if (raw > worstRaw.diff) {
              worstRaw = { diff: raw, at: iso(s) };
            }
          }
        }
      }
      process.stdout.write(
        `${backend.name}: ${splits} split points over ${WEEKS.length} weeks; worst |split - unsplit| = ` +
          `${worst.diff.toFixed(6)} events (${worst.role} at ${worst.at || '-'}); lookback from 17 min before the ` +
          `gap's or restart's hour: worst ${worstLookback.diff.toFixed(6)} events (${worstLookback.role} at ` +
          `${worstLookback.at || '-'}); refused ${refused.length}: ` +
          `${refused.join(', ')}, and ${refusedCut} times after a week's cut` +
          (backend.name === 'prometheus'
            ? `; unchecked split, worst loss ${worstRaw.diff.toFixed(0)} at ${worstRaw.at}`
            : '') +
          '\n' +
          `${backend.name}: the split points took ${requests} requests, the settled days read once a week\n`
      );
      expect(splits).toBe(WEEKS.length * (7 * 24 - 1));
      // The split point inside the scrape gap is refused; whole counts are in the tens of millions, so 1e-6 of an
      // event is float rounding.
      expect(refused).toContain(iso(GAP_HOUR));
      expect(worst.diff).toBeLessThan(1e-3);
      expect(worstLookback.diff).toBeLessThan(1e-3);
      if (backend.name === 'prometheus') {
        // Without the check, the split inside the gap loses the gap's events.
        expect(worstRaw.at).toBe(iso(GAP_HOUR));
        expect(worstRaw.diff).toBeGreaterThan(1000);
      }
    },
    900_000
  );
});
