// Time to exhaustion at the current burn rate (docs/semantics.md section 5); one formula per window kind and budgeting method:
//   rolling W (both methods):     tau = R x W / (burnRate - 1 + R), only when burnRate >= 1, with R = remaining
//                                 (what was spent, 1 - R, is taken as spread evenly over W and leaves the window
//                                 while new spending arrives at burnRate / W; below burn rate 1 it never runs out)
//   calendar/fixed, occurrences:  tau = (e*T - B) / (e * r * (burnRate - 1)), only when burnRate > 1
//                                 (the allowance e*T grows with traffic r, e = 1 - target, B/T = bad/total so far)
//   calendar/fixed, timeslices:   tau = (e*N - badSlices) * slice / (e * burnRate)   (allowance fixed: N slices in the window)
//   calendar/fixed, burn-down:    tau = (A - B) / badRate, A the burn-down's allowance (it already holds the forecast of
//                                 the period's traffic), B the bad events so far, badRate the bad events per ms now
// A result past the window's end is "not this period".

export type Exhaustion =
  | { state: 'exhausted'; inMs: 0 }
  | { state: 'projected'; inMs: number; at: number }
  | { state: 'not-this-period'; inMs: null }
  /** Rolling windows: at this burn rate the budget settles above zero. */
  | { state: 'never'; inMs: null }
  | { state: 'not-burning'; inMs: null }
  | { state: 'unknown'; inMs: null };

const EXHAUSTED: Exhaustion = { state: 'exhausted', inMs: 0 };
const NOT_THIS_PERIOD: Exhaustion = { state: 'not-this-period', inMs: null };
const NEVER: Exhaustion = { state: 'never', inMs: null };
const NOT_BURNING: Exhaustion = { state: 'not-burning', inMs: null };
const UNKNOWN: Exhaustion = { state: 'unknown', inMs: null };

function projected(t: number, inMs: number, windowEnd: number): Exhaustion {
  return t + inMs > windowEnd ? NOT_THIS_PERIOD : { state: 'projected', inMs, at: t + inMs };
}

export function exhaustionRolling(
  remaining: number | null,
  burnRate: number | null,
  windowMs: number,
  t: number
): Exhaustion {
  if (remaining === null) {
    return UNKNOWN;
  }
  if (remaining <= 0) {
    return EXHAUSTED;
  }
  if (burnRate === null || !(burnRate > 0)) {
    return NOT_BURNING;
  }
  if (burnRate < 1) {
    return NEVER;
  }
  const inMs = (remaining * windowMs) / (burnRate - 1 + remaining);
  return { state: 'projected', inMs, at: t + inMs };
}

export interface OccurrencesExhaustionInput {
  t: number;
  /** End of the calendar period or fixed window. */
  windowEnd: number;
  target: number;
  bad: number;
  total: number;
  burnRate: number | null;
  /** Total events per ms over the burn-rate lookback. */
  trafficRate: number;
}

export function exhaustionOccurrences(x: OccurrencesExhaustionInput): Exhaustion {
  const e = 1 - x.target;
  const left = e * x.total - x.bad;
  if (x.total > 0 && left <= 0) {
    return EXHAUSTED;
  }
  if (x.burnRate === null || !(x.trafficRate > 0)) {
    return NOT_BURNING;
  }
  if (x.burnRate <= 1) {
    return NOT_THIS_PERIOD;
  }
  return projected(x.t, Math.max(0, left) / (e * x.trafficRate * (x.burnRate - 1)), x.windowEnd);
}

/** When the burn-down (docs/semantics.md section 4) reaches zero at the current rate of bad events. */
export function exhaustionBurndown(x: {
  t: number;
  windowEnd: number;
  usedBad: number;
  allowedBad: number;
  /** Bad events per ms over the exhaustion lookback; null without events. */
  badRate: number | null;
}): Exhaustion {
  const left = x.allowedBad - x.usedBad;
  if (left <= 0) {
    return EXHAUSTED;
  }
  if (x.badRate === null || !(x.badRate > 0)) {
    return NOT_BURNING;
  }
  return projected(x.t, left / x.badRate, x.windowEnd);
}

export interface TimeslicesExhaustionInput {
  t: number;
  windowEnd: number;
  target: number;
  badSlices: number;
  slicesInWindow: number;
  sliceMs: number;
  burnRate: number | null;
}

export function exhaustionTimeslices(x: TimeslicesExhaustionInput): Exhaustion {
  const e = 1 - x.target;
  const left = e * x.slicesInWindow - x.badSlices;
  if (left <= 0) {
    return EXHAUSTED;
  }
  if (x.burnRate === null || !(x.burnRate > 0)) {
    return NOT_BURNING;
  }
  return projected(x.t, (left * x.sliceMs) / (e * x.burnRate), x.windowEnd);
}
