// Forecast of the events still to come in a period (docs/semantics.md section 4, burn-down):
// F(t, end] = sum over the hours h overlapping (t, end] of rate(slot(h)) x (the part of h inside (t, end] and outside every
// exclusion) / 1 h, where slot(h) is h's hour of the week in the SLO's zone and rate(s) the mean hourly total of slot s over
// the last FORECAST_WEEKS weeks of history before t (NaN hours skipped).
//
// Why 4 weeks: each slot then averages 4 observations (half the noise of one week), one unusual week (a holiday, an
// outage) moves a slot by a quarter of its difference only, the profile follows a traffic trend within a month, and it
// is 672 hourly points: one range query of a few hundred points per SLO.
//
// Partial history (a new SLO, a gap in the data), per slot, first that applies:
//   1. the slot's own mean over the weeks that have it;
//   2. the mean of the same local hour of the day over all days of the history (a weekday shape, no weekend dip yet);
//   3. the mean of every known hour (a flat rate);
//   4. no history at all: the rate of the elapsed part of the period, total(start, t] / (t - start);
//   5. nothing known: rate 0 (the estimated allowance is then what has been counted so far).
import type { Exclusion } from '../slo/types';
import { wallTime, zoneOffset } from './timezone';

const HOUR_MS = 3_600_000;
export const WEEK_HOURS = 168;
/** Weeks of hourly history behind the weekly profile (see the header for why 4). */
export const FORECAST_WEEKS = 4;

/** Hourly event totals on a grid: hour i covers (firstEnd + (i - 1) x step, firstEnd + i x step]; NaN = no data. */
export interface TrafficHistory {
  firstEnd: number;
  /** Must be one hour. */
  step: number;
  total: ArrayLike<number>;
}

/** How the forecast was made (see the header): from a full weekly profile, with fallbacks, from the elapsed rate, or not at all. */
export type ForecastMethod = 'weekly-profile' | 'partial-profile' | 'elapsed-rate' | 'none';

export interface Forecast {
  /** F(t, end]: events expected in (t, end], excluded intervals removed; 0 when end <= t. */
  total: number;
  method: ForecastMethod;
  /** Hours with data behind the profile (at most weeks x 168). */
  historyHours: number;
}

export interface ForecastOptions {
  /** IANA zone whose wall clock defines the hour of the week (the calendar window's zone). Default UTC. */
  timeZone?: string;
  weeks?: number;
  /** Future events inside these intervals will not count, so they are not forecast. */
  exclusions?: readonly Exclusion[];
}

/** The elapsed part of the period, for the no-history fallback (rule 4). */
export interface ElapsedTraffic {
  start: number;
  total: number;
}

/** Hour of the week of the wall clock at instant t in timeZone: Monday 00:xx = 0, ..., Sunday 23:xx = 167. */
export function hourOfWeek(t: number, timeZone: string): number {
  const w = wallTime(t, timeZone);
  const dow = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return ((dow + 6) % 7) * 24 + w.hour;
}

const DAY_MS = 24 * HOUR_MS;

/**
 * hourOfWeek of `count` consecutive hour starts from `firstStart`. The zone's offset is read at the first and last hour
 * only, and per hour where they differ (a DST switch inside the span): Intl is slow, and offsets change at most a few
 * times a year. Assumes no two switches that cancel out within the span (24 h in the forecaster).
 */
export function hoursOfWeek(firstStart: number, count: number, timeZone: string): Uint8Array {
  const out = new Uint8Array(count);
  const last = firstStart + (count - 1) * HOUR_MS;
  const offset = zoneOffset(firstStart, timeZone);
  const steady = count > 0 && zoneOffset(last, timeZone) === offset;
  for (let k = 0; k < count; k++) {
    const t = firstStart + k * HOUR_MS;
    if (!steady) {
      out[k] = hourOfWeek(t, timeZone);
      continue;
    }
    const local = t + offset;
    const day = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday: day 0 has Monday-based index 3.
    out[k] = ((((day + 3) % 7) + 7) % 7) * 24 + Math.floor((local - day * DAY_MS) / HOUR_MS);
  }
  return out;
}

/**
 * The hourly grid of the last `weeks` weeks before t whose hour edges are whole hours of the wall clock in timeZone at t
 * (a +05:30 zone gets edges at :30 UTC). Its last hour ends at or before t.
 */
export function forecastHistoryGrid(
  t: number,
  timeZone = 'UTC',
  weeks = FORECAST_WEEKS
): { firstEnd: number; step: number; count: number } {
  const offset = zoneOffset(t, timeZone);
  const lastEnd = Math.floor((t + offset) / HOUR_MS) * HOUR_MS - offset;
  const count = weeks * WEEK_HOURS;
  return { firstEnd: lastEnd - (count - 1) * HOUR_MS, step: HOUR_MS, count };
}

interface Profile {
  /** Expected events per hour, by slot. */
  rate: Float64Array;
  method: ForecastMethod;
  historyHours: number;
}

/** A forecaster over one history: F(t, end] for any t and end, with the slot and profile work cached for sweeps in t. */
export interface Forecaster {
  at(t: number, end: number, elapsed?: ElapsedTraffic): Forecast;
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

export function createForecaster(history: TrafficHistory, opts: ForecastOptions = {}): Forecaster {
  if (history.step !== HOUR_MS) {
    throw new Error(`forecast history must be hourly, got a step of ${history.step} ms`);
  }
  const timeZone = opts.timeZone ?? 'UTC';
  const weeks = opts.weeks ?? FORECAST_WEEKS;
  const exclusions = (opts.exclusions ?? []).filter((e) => e.to > e.from);
  const { firstEnd, total } = history;
  const n = total.length;
  const blocks = new Map<number, Uint8Array>();
  /** Slot of grid hour j, (firstEnd + (j - 1) h, firstEnd + j h]: the hour of the week at its first instant. */
  const slotOf = (j: number): number => {
    const block = Math.floor(j / 24);
    let slots = blocks.get(block);
    if (!slots) {
      slots = hoursOfWeek(firstEnd + (block * 24 - 1) * HOUR_MS, 24, timeZone);
      blocks.set(block, slots);
    }
    return slots[j - block * 24];
  };
  /** The part of (a, b] outside every exclusion, in hours. */
  const countedHours = (a: number, b: number): number => {
    let ms = Math.max(0, b - a);
    for (const e of exclusions) {
      ms -= overlap(a, b, e.from, e.to);
    }
    return Math.max(0, ms) / HOUR_MS;
  };

  // Per-slot sums over the history hours [winLo, winHi], moved hour by hour as a sweep advances (rebuilt on a jump back).
  const sum = new Float64Array(WEEK_HOURS);
  const cnt = new Float64Array(WEEK_HOURS);
  let winLo = 0;
  let winHi = -1;
  const addHour = (i: number, sign: number) => {
    const v = total[i];
    if (v === v) {
      const s = slotOf(i);
      sum[s] += sign * v;
      cnt[s] += sign;
    }
  };
  const moveWindow = (last: number) => {
    const hi = Math.min(last, n - 1);
    const lo = Math.max(0, last - weeks * WEEK_HOURS + 1);
    if (hi < winHi || lo < winLo || lo > winHi + 1) {
      sum.fill(0);
      cnt.fill(0);
      winLo = lo;
      winHi = lo - 1;
    }
    while (winHi < hi) {
      addHour(++winHi, 1);
    }
    while (winLo < lo) {
      addHour(winLo++, -1);
    }
  };
  let profileFor = NaN;
  let profile: Profile = { rate: new Float64Array(WEEK_HOURS), method: 'none', historyHours: 0 };
  /** The profile from the history hours ending in (t - weeks, t]: only hours wholly known at t. */
  const profileAt = (last: number): Profile => {
    if (last === profileFor) {
      return profile;
    }
    moveWindow(last);
    const hourSum = new Float64Array(24);
    const hourCnt = new Float64Array(24);
    let allSum = 0;
    let allCnt = 0;
    for (let s = 0; s < WEEK_HOURS; s++) {
      hourSum[s % 24] += sum[s];
      hourCnt[s % 24] += cnt[s];
      allSum += sum[s];
      allCnt += cnt[s];
    }
    const rate = new Float64Array(WEEK_HOURS);
    let direct = 0;
    for (let s = 0; s < WEEK_HOURS; s++) {
      if (cnt[s] > 0) {
        rate[s] = sum[s] / cnt[s];
        direct++;
      } else if (hourCnt[s % 24] > 0) {
        rate[s] = hourSum[s % 24] / hourCnt[s % 24];
      } else if (allCnt > 0) {
        rate[s] = allSum / allCnt;
      }
    }
    const method: ForecastMethod = allCnt === 0 ? 'none' : direct === WEEK_HOURS ? 'weekly-profile' : 'partial-profile';
    profileFor = last;
    profile = { rate, method, historyHours: allCnt };
    return profile;
  };

  // Counted hours per slot in the whole hours after `from` up to `end`: kept for the last (from, end) and advanced when a
  // sweep moves `from` forward, so a chart pays the hours of a period once, not once per point.
  let tailEnd = NaN;
  let tailFrom = NaN;
  let tail = new Float64Array(WEEK_HOURS);
  const hourWeight = (j: number, end: number) =>
    countedHours(firstEnd + (j - 1) * HOUR_MS, Math.min(end, firstEnd + j * HOUR_MS));
  /** Per slot, counted hours of the grid hours j with from < j <= the hour holding end. */
  const tailAfter = (from: number, end: number): Float64Array => {
    const lastHour = Math.ceil((end - firstEnd) / HOUR_MS);
    if (end === tailEnd && from >= tailFrom) {
      for (let j = tailFrom + 1; j <= Math.min(from, lastHour); j++) {
        tail[slotOf(j)] -= hourWeight(j, end);
      }
    } else {
      tail = new Float64Array(WEEK_HOURS);
      for (let j = from + 1; j <= lastHour; j++) {
        tail[slotOf(j)] += hourWeight(j, end);
      }
      tailEnd = end;
    }
    tailFrom = from;
    return tail;
  };

  return {
    at(t: number, end: number, elapsed?: ElapsedTraffic): Forecast {
      const last = Math.floor((t - firstEnd) / HOUR_MS);
      const p = profileAt(last);
      if (!(end > t)) {
        return { total: 0, method: p.method, historyHours: p.historyHours };
      }
      let rate = p.rate;
      let method = p.method;
      if (method === 'none' && elapsed && t > elapsed.start && elapsed.total === elapsed.total) {
        rate = new Float64Array(WEEK_HOURS).fill((elapsed.total / (t - elapsed.start)) * HOUR_MS);
        method = 'elapsed-rate';
      }
      if (method === 'none') {
        return { total: 0, method, historyHours: 0 };
      }
      // The hour holding t is partly elapsed: only its part after t is forecast.
      const current = Math.ceil((t - firstEnd) / HOUR_MS);
      const currentEnd = firstEnd + current * HOUR_MS;
      let sum = rate[slotOf(current)] * countedHours(t, Math.min(currentEnd, end));
      if (end > currentEnd) {
        const w = tailAfter(current, end);
        for (let s = 0; s < WEEK_HOURS; s++) {
          sum += rate[s] * w[s];
        }
      }
      return { total: sum, method, historyHours: p.historyHours };
    },
  };
}

/** F(t, end] from the history (see the header); one evaluation. For many t over one history, use createForecaster. */
export function forecastEvents(
  history: TrafficHistory,
  t: number,
  end: number,
  opts: ForecastOptions = {},
  elapsed?: ElapsedTraffic
): Forecast {
  return createForecaster(history, opts).at(t, end, elapsed);
}
