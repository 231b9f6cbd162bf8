// Batched status queries against the real Prometheus 2.42 and VictoriaMetrics (docs/semantics.md section 8): one
// instant query carrying every window, lookback and excluded piece (the `@` modifier for pieces that end before t)
// gives exactly the counts of one query per piece, and `burndown budget` on a calendar-quarter SLO sends at most 2
// HTTP requests with exactly the figures the one-query-per-piece path gives.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { run, type Io } from '../../src/cli/main';
import { activePolicyLevel, occurrencesStatus, statusLookbacks, windowAt } from '../../src/engine';
import {
  batchedCounts,
  counterExprs,
  CountingPromClient,
  exactCounts,
  groupLabels,
  HttpPromClient,
  loadBurndown,
  type PromClient,
} from '../../src/query';
import { parseSloDocument } from '../../src/slo';
import type { SloSpec } from '../../src/slo/types';
import { describeEachBackend } from './backends';
import { ROOT } from './servers';
import { at, FIXTURE } from './truth';

function loadSpecs(): SloSpec[] {
  const { file, errors } = parseSloDocument(readFileSync(path.join(ROOT, FIXTURE), 'utf8'), { file: FIXTURE });
  if (!file) {
    throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  }
  return file.slos;
}

const TIMES = ['2026-07-01T00:00:00Z', '2026-08-05T02:30:00Z', '2026-08-13T11:00:00Z', '2026-09-01T00:00:00Z'];

/** The ranges a status reads at t: the window, then each lookback. */
function rangesAt(spec: SloSpec, t: number) {
  return [windowAt(t, spec.window), ...statusLookbacks(spec, t).map((ms) => ({ start: t - ms, end: t }))];
}

/** The status the way it was computed before batching: one exactCounts call (2+ requests) per range. */
async function perPieceStatuses(client: PromClient, spec: SloSpec, t: number) {
  const o = { groupBy: spec.groupBy };
  const lookbacks = statusLookbacks(spec, t);
  const [counts, ...byLookback] = await Promise.all(
    rangesAt(spec, t).map((r) => exactCounts(client, counterExprs(spec.indicator), r, spec.exclusions, o))
  );
  const keys = [...new Set([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])])].sort();
  return (keys.length ? keys : ['']).map((key) =>
    occurrencesStatus({
      spec,
      t,
      group: groupLabels(key, spec.groupBy),
      counts: counts.get(key) ?? null,
      countsOver: (ms) => byLookback[lookbacks.indexOf(ms)]?.get(key),
    })
  );
}

describeEachBackend('batched status queries', (backend) => {
  const specs = loadSpecs().filter((s) => s.indicator.kind === 'ratio' || s.indicator.kind === 'latency');
  const grouped: SloSpec = { ...specs.find((s) => s.id === 'checkout-excl')!, id: 'by-pod', groupBy: ['instance'] };

  it('gives exactly the counts of one query per piece, @ pieces and groups included', async () => {
    const client = new HttpPromClient(backend.url);
    let compared = 0;
    for (const spec of [...specs, grouped]) {
      for (const time of [...TIMES, '2026-09-01T00:00:00Z']) {
        const t = at(time);
        const ranges = rangesAt(spec, t);
        const counters = counterExprs(spec.indicator);
        const o = { groupBy: spec.groupBy };
        const batched = await batchedCounts(client, counters, ranges, spec.exclusions, t, o);
        const single = await Promise.all(ranges.map((r) => exactCounts(client, counters, r, spec.exclusions, o)));
        expect(batched).toEqual(single);
        compared += ranges.length;
      }
    }
    process.stdout.write(`${backend.name}: ${compared} ranges compared, batched == per piece\n`);
    expect(compared).toBeGreaterThan(100);
  });

  it('`burndown budget` sends at most 2 requests for a calendar-quarter SLO, with the same figures', async () => {
    for (const id of ['checkout-q-utc', 'checkout-excl']) {
      for (const time of TIMES) {
        const counting = new CountingPromClient(new HttpPromClient(backend.url));
        const out: string[] = [];
        const err: string[] = [];
        const io: Io = {
          out: (x) => out.push(x),
          err: (x) => err.push(x),
          readFile: (p) => readFileSync(path.join(ROOT, p), 'utf8'),
          now: () => Date.now(),
          client: () => counting,
        };
        const code = await run(
          ['budget', '--prometheus', backend.url, '--file', FIXTURE, '--slo', id, '--at', time, '--output', 'json'],
          io
        );
        expect(err).toEqual([]);
        expect(code).toBe(0);
        expect(counting.requests).toBeLessThanOrEqual(2);
        const spec = loadSpecs().find((s) => s.id === id)!;
        const [before] = await perPieceStatuses(new HttpPromClient(backend.url), spec, at(time));
        const [after] = JSON.parse(out[0]);
        // Counts are whole events in every output.
        expect(after).toMatchObject({
          good: Math.round(before.total!) - Math.round(before.bad!),
          bad: Math.round(before.bad!),
          total: Math.round(before.total!),
          sli: before.sli,
          remaining: before.remaining,
          consumed: before.consumed,
          burnRates: before.burnRates,
        });
        // The burn-down comes with the status, within the same 2 requests: its own loadBurndown call (window counts
        // read again, 3+ requests) gives the same figures.
        const [alone] = await loadBurndown(new HttpPromClient(backend.url), spec, at(time));
        expect(after.burndown).toEqual({
          remaining: alone.burndown.remaining,
          allowedBad: Math.round(alone.burndown.allowedBad!),
          usedBad: Math.round(alone.burndown.usedBad!),
          forecastTotal: Math.round(alone.burndown.forecastTotal!),
        });
        // The CLI's policy level reads the burn-down (docs/semantics.md section 5, Policy).
        expect(after.policy).toBe(activePolicyLevel(spec.policy, alone.burndown.remaining)?.name ?? null);
        process.stdout.write(
          `${backend.name} ${id} at ${time}: ${counting.requests} request(s), remaining ${after.remaining}, ` +
            `burn-down ${after.burndown.remaining}\n`
        );
      }
    }
  });
});
