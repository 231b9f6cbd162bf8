import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { SeriesDef } from '../tests/generator/scenario.ts';
import { exposition, shiftDays } from './exporter.ts';

// A stand-in for the generator's scenario (building the real one takes minutes under jest on Node 20);
// the demo check in the README runs the real one.
function series(
  name: string,
  family: string,
  familyType: SeriesDef['familyType'],
  labels: Array<[string, string]>,
  quantity: SeriesDef['quantity']
): SeriesDef {
  return { name, family, familyType, labels, instance: 'pod-a', quantity } as SeriesDef;
}

const allSeries = [
  series(
    'http_requests_total',
    'http_requests',
    'counter',
    [
      ['job', 'checkout'],
      ['instance', 'pod-a'],
      ['code', '200'],
    ],
    'ok'
  ),
  series(
    'http_requests_total',
    'http_requests',
    'counter',
    [
      ['job', 'checkout'],
      ['instance', 'pod-a'],
      ['code', '500'],
    ],
    'bad'
  ),
  series(
    'http_request_duration_seconds_bucket',
    'http_request_duration_seconds',
    'histogram',
    [
      ['job', 'checkout'],
      ['instance', 'pod-a'],
      ['le', '0.25'],
    ],
    'le0.25'
  ),
  series(
    'http_request_duration_seconds_sum',
    'http_request_duration_seconds',
    'histogram',
    [
      ['job', 'checkout'],
      ['instance', 'pod-a'],
    ],
    'sum'
  ),
];

// Values that depend on the series and the time, so a mix-up shows.
const counterValueAt = (def: SeriesDef, tMs: number) =>
  def.quantity === 'sum' ? tMs / 7000 : allSeries.indexOf(def) * 1000 + Math.floor(tMs / 1000);

describe('demo exporter', () => {
  const t = Date.UTC(2026, 8, 9, 16, 30);
  const text = exposition({ allSeries, counterValueAt }, t);

  it('writes one sample line per series with its value at that time', () => {
    const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines).toEqual([
      `http_requests_total{job="checkout",instance="pod-a",code="200"} ${t / 1000}`,
      `http_requests_total{job="checkout",instance="pod-a",code="500"} ${1000 + t / 1000}`,
      `http_request_duration_seconds_bucket{job="checkout",instance="pod-a",le="0.25"} ${2000 + t / 1000}`,
      `http_request_duration_seconds_sum{job="checkout",instance="pod-a"} ${(t / 7000).toFixed(3)}`,
    ]);
  });

  it('types counters by sample name and histograms by family, once per family', () => {
    const typeLines = text.split('\n').filter((line) => line.startsWith('# TYPE'));
    expect(typeLines).toEqual(['# TYPE http_requests_total counter', '# TYPE http_request_duration_seconds histogram']);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('takes the shift from SHIFT_DAYS, then the manifest, then the one cli.ts --to now picks', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'burndown-exporter-'));
    const manifest = path.join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ shiftDays: 41 }));
    const now = Date.UTC(2027, 0, 15);
    expect(shiftDays({ SHIFT_DAYS: '-3', MANIFEST: manifest }, now)).toBe(-3);
    expect(shiftDays({ MANIFEST: manifest }, now)).toBe(41);
    // A later day needs a larger shift.
    expect(shiftDays({}, now + 10 * 86_400_000) - shiftDays({}, now)).toBe(10);
    expect(() => shiftDays({ SHIFT_DAYS: '1.5' }, now)).toThrow(/integer/);
    writeFileSync(manifest, '{}');
    expect(() => shiftDays({ MANIFEST: manifest }, now)).toThrow(/shiftDays/);
  });
});
