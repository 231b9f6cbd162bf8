import {
  composePieces,
  CUT_DAY_MS,
  CUT_WEEK_MS,
  isSafeSplit,
  settledCuts,
  splitRange,
  SETTLE_MS,
  SPLIT_ALIGN_MS,
} from './splitPoints';

const H = SPLIT_ALIGN_MS;
const MIN = 60_000;
const T0 = Date.UTC(2026, 6, 1);

describe('splitRange', () => {
  it('splits a window at its last settled whole hour: aligned start, cached middle, fresh tail', () => {
    const now = T0 + 51 * 24 * H + 12 * H + 10 * MIN; // 12:10: 11:55 is settled, so s = 11:00
    const plan = splitRange({ start: T0, end: now }, { now });
    expect(plan.settled).toEqual({ start: T0, end: T0 + 51 * 24 * H + 11 * H });
    expect(plan.fresh).toEqual([{ start: T0 + 51 * 24 * H + 11 * H, end: now }]);
    expect(plan.points).toEqual([T0 + 51 * 24 * H + 11 * H]);
  });

  it('reads a lookback that starts between hours as a fresh head, a settled middle and a fresh tail', () => {
    const now = T0 + 100 * H + 40 * MIN;
    const plan = splitRange({ start: now - 6 * H, end: now }, { now });
    expect(plan.fresh).toEqual([
      { start: now - 6 * H, end: T0 + 95 * H },
      { start: T0 + 100 * H, end: now },
    ]);
    expect(plan.settled).toEqual({ start: T0 + 95 * H, end: T0 + 100 * H });
    expect(plan.points).toEqual([T0 + 95 * H, T0 + 100 * H]);
  });

  it('keeps the settled middle the same for every refresh within the same minute', () => {
    const now = T0 + 200 * H + 30 * MIN;
    const a = splitRange({ start: T0, end: now }, { now });
    const b = splitRange({ start: T0, end: now + 30_000 }, { now: now + 30_000 });
    expect(b.settled).toEqual(a.settled);
  });

  it('never caches what is younger than settleMs', () => {
    const now = T0 + 10 * H + 5 * MIN; // 09:50 settled: s = 09:00
    const plan = splitRange({ start: T0, end: now }, { now });
    expect(plan.settled!.end).toBeLessThanOrEqual(now - SETTLE_MS);
    expect(plan.settled!.end).toBe(T0 + 9 * H);
  });

  it('reads a short recent range whole and fresh', () => {
    const now = T0 + 10 * H + 5 * MIN;
    expect(splitRange({ start: now - 30 * MIN, end: now }, { now })).toEqual({
      fresh: [{ start: now - 30 * MIN, end: now }],
      settled: null,
      points: [],
    });
  });

  it('caches a range that ends in the settled past whole, without split points', () => {
    const now = T0 + 10 * H;
    const r = { start: T0 + 2 * H + 7 * MIN, end: T0 + 3 * H + 1 };
    expect(splitRange(r, { now })).toEqual({ fresh: [], settled: r, points: [] });
  });

  it('treats an empty range as fresh', () => {
    expect(splitRange({ start: T0, end: T0 }, { now: T0 + H })).toEqual({
      fresh: [{ start: T0, end: T0 }],
      settled: null,
      points: [],
    });
  });

  it('follows settleMs and alignMs', () => {
    const now = T0 + 3 * H;
    const plan = splitRange({ start: T0, end: now }, { now, settleMs: 1, alignMs: 24 * H });
    expect(plan.settled).toBeNull();
    expect(splitRange({ start: T0, end: now }, { now, settleMs: 1, alignMs: H }).settled).toEqual({
      start: T0,
      end: T0 + 2 * H,
    });
  });

  it('tiles the range: fresh and settled pieces cover (start, end] without overlap', () => {
    for (let k = 0; k < 500; k++) {
      const now = T0 + Math.floor(((k * 7919) % 1000) * 17.3 * MIN);
      const start = now - Math.floor(((k * 104729) % 977) * 11.1 * MIN) - 1;
      const plan = splitRange({ start, end: now }, { now });
      const pieces = [...plan.fresh, ...(plan.settled ? [plan.settled] : [])].sort((x, y) => x.start - y.start);
      expect(pieces[0].start).toBe(start);
      expect(pieces[pieces.length - 1].end).toBe(now);
      for (let i = 1; i < pieces.length; i++) {
        expect(pieces[i].start).toBe(pieces[i - 1].end);
      }
    }
  });
});

describe('isSafeSplit', () => {
  it('accepts samples on both sides of every series and no reset', () => {
    expect(isSafeSplit({ around: 6, unsafe: 0 })).toBe(true);
  });

  it('refuses a split inside a scrape gap (no sample around it)', () => {
    expect(isSafeSplit({ around: 0, unsafe: 0 })).toBe(false);
  });

  it('refuses a split where a series misses a side (the edge of a gap) or resets', () => {
    expect(isSafeSplit({ around: 6, unsafe: 1 })).toBe(false);
    expect(isSafeSplit({ around: 6, unsafe: 6 })).toBe(false);
  });
});

describe('settledCuts', () => {
  const D = CUT_DAY_MS;
  const s = Date.UTC(2026, 7, 20, 11); // a Thursday, 11:00
  const a = Date.UTC(2026, 6, 1); // the quarter's start

  it('cuts at whole weeks, then at every day of the last two weeks, strictly inside the middle', () => {
    const cuts = settledCuts({ start: a, end: s });
    expect(cuts).toEqual([...cuts].sort((x, y) => x - y));
    expect(cuts.every((c) => c > a && c < s && c % D === 0)).toBe(true);
    // Every day of the week before s is a cut; before two weeks, only whole weeks are.
    for (let d = Math.ceil((s - CUT_WEEK_MS) / D) * D; d < s; d += D) {
      expect(cuts).toContain(d);
    }
    expect(cuts.filter((c) => c < s - 2 * CUT_WEEK_MS).every((c) => c % CUT_WEEK_MS === 0)).toBe(true);
    expect(cuts.length).toBeLessThan(30);
  });

  it("keeps the window's pieces as time goes on: an hour later only the last piece changes", () => {
    const now = settledCuts({ start: a, end: s });
    expect(settledCuts({ start: a, end: s + 3_600_000 })).toEqual(now);
    // A day later: one more cut (the day that ended).
    const tomorrow = settledCuts({ start: a, end: s + D });
    expect(tomorrow.slice(0, now.length)).toEqual(now);
    expect(tomorrow).toHaveLength(now.length + 1);
  });

  it("makes a lookback shorter than a week a suffix of the window's pieces after its first day", () => {
    const window = settledCuts({ start: a, end: s });
    const lookbackStart = s - 3 * D - 5 * 3_600_000;
    const lookback = settledCuts({ start: lookbackStart, end: s });
    expect(lookback).toEqual(window.filter((c) => c > lookbackStart));
    expect(lookback[0] - lookbackStart).toBeLessThanOrEqual(D);
  });
});

describe('composePieces', () => {
  const edges = [0, 10, 20, 30, 40, 50];
  it('takes every bucket as read where every inner edge is safe', () => {
    expect(composePieces(edges, () => true)).toEqual([
      { start: 0, end: 10, read: false },
      { start: 10, end: 20, read: false },
      { start: 20, end: 30, read: false },
      { start: 30, end: 40, read: false },
      { start: 40, end: 50, read: false },
    ]);
  });
  it('joins the buckets beside an unsafe edge, and runs of them, into one piece to read whole', () => {
    const unsafe = new Set([20, 30, 50]);
    expect(composePieces(edges, (e) => !unsafe.has(e))).toEqual([
      { start: 0, end: 10, read: false },
      { start: 10, end: 40, read: true },
      { start: 40, end: 50, read: false },
    ]);
  });
  it("never asks about the range's own ends", () => {
    const asked: number[] = [];
    composePieces(edges, (e) => (asked.push(e), true));
    expect(asked).toEqual([10, 20, 30, 40]);
  });
});
