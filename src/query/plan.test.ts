import fc from 'fast-check';
import { periodBoundaries } from '../engine';
import type { CalendarWindow } from '../slo/types';
import { chooseStep, mapLimit, MAX_POINTS_PER_REQUEST, planChunks } from './plan';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function cal(unit: CalendarWindow['unit'], timeZone: string): CalendarWindow {
  return { kind: 'calendar', unit, timeZone, startMonth: 1, weekStart: 'monday' };
}

describe('chooseStep', () => {
  const from = Date.UTC(2026, 0, 1);
  const to = Date.UTC(2026, 11, 31);
  it.each([
    ['UTC', DAY],
    ['Europe/Berlin', HOUR],
    ['Asia/Kolkata', 30 * MIN],
    ['Asia/Kathmandu', 15 * MIN],
  ])('puts every day boundary in %s on a bucket edge (coarsest step %d)', (zone, expected) => {
    const edges = periodBoundaries(from, to, cal('day', zone));
    const step = chooseStep({ spanMs: to - from, targetBuckets: 10, edges });
    expect(step).toBe(expected);
    expect(edges.every((e) => e % step === 0)).toBe(true);
  });

  it('prefers the finest step that gives about the requested number of buckets', () => {
    expect(chooseStep({ spanMs: 7 * DAY, targetBuckets: 600 })).toBe(30 * MIN);
    expect(chooseStep({ spanMs: 6 * HOUR, targetBuckets: 600 })).toBe(MIN);
  });

  it('divides a rolling window length', () => {
    const step = chooseStep({ spanMs: 90 * DAY, targetBuckets: 10, divides: [28 * DAY, 7 * HOUR] });
    expect((7 * HOUR) % step).toBe(0);
  });
});

describe('planChunks', () => {
  it('covers every bucket end exactly once with at most 11,000 points per request', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40_000 }),
        fc.constantFrom(MIN, 5 * MIN, HOUR),
        fc.integer({ min: 50, max: 20_000 }),
        (n, step, max) => {
          const first = 1_700_000_000_000 - (1_700_000_000_000 % step);
          const last = first + (n - 1) * step;
          const chunks = planChunks(first, last, step, Math.min(max, MAX_POINTS_PER_REQUEST));
          let expected = first;
          for (const c of chunks) {
            expect(c.start).toBe(expected);
            expect((c.end - c.start) / step + 1).toBeLessThanOrEqual(Math.min(max, MAX_POINTS_PER_REQUEST));
            expected = c.end + step;
          }
          expect(expected).toBe(last + step);
        }
      )
    );
  });
});

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
