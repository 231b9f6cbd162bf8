// Wall-clock <-> instant conversion for IANA zones via Intl (docs/semantics.md section 3: period starts in the SLO's zone, DST included).

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at instant `t` (epoch ms) in `timeZone`. */
export function wallTime(t: number, timeZone: string): WallTime {
  if (timeZone === 'UTC') {
    const d = new Date(t);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const w: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(t)) {
    if (p.type in w) {
      w[p.type as keyof WallTime] = Number(p.value);
    }
  }
  return w;
}

/** Offset of `timeZone` from UTC at instant `t`, in ms (Berlin in summer: +7,200,000). */
export function zoneOffset(t: number, timeZone: string): number {
  const w = wallTime(t, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

// Offsets are probed a day either side of the naive instant: with offsets up to +-14 h, +-12 h can land on the wrong side of
// a transition near the local time (Pacific/Auckland, +12/+13).
const PROBE = 24 * 3600 * 1000;

/** Wall-clock reading at t as a naive UTC timestamp (ms included). */
function wallMs(t: number, timeZone: string): number {
  const w = wallTime(t, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + (t - Math.floor(t / 1000) * 1000);
}

/**
 * The instant when the wall clock in `timeZone` shows the given local time. An ambiguous time
 * (clocks going back) resolves to its first occurrence; a skipped time (clocks going forward)
 * resolves to the instant of the jump, i.e. the first existing moment after it.
 */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (timeZone === 'UTC') {
    return naive;
  }
  const before = naive - zoneOffset(naive - PROBE, timeZone);
  const after = naive - zoneOffset(naive + PROBE, timeZone);
  const matches = (t: number) => {
    const w = wallTime(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === naive;
  };
  const candidates = [before, after].filter(matches).sort((a, b) => a - b);
  if (candidates.length > 0) {
    return candidates[0];
  }
  // Skipped local time: the earlier candidate reads before it, the later one after it; the jump lies between (on a whole
  // second). Search for the first instant whose wall clock reads at or after the requested time.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(mid, timeZone) >= naive) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}
