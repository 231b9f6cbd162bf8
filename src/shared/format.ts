// One formatting module for every surface (CLI, panel, pages): percentages, burn rates, spans, budget as time,
// exhaustion, group names, policy and diagnostics as people read them. Pure TypeScript (no React, no Grafana), with
// exhaustive switches: a new state is a compile error here, never a silent "No data".
import type { BudgetAsTime, Diagnostic, Exhaustion } from '../engine';
import { formatDuration } from '../slo/duration';
import type { Indicator, PolicyLevel, WindowSpec } from '../slo/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** What a missing figure reads as. */
export const NO_DATA_TEXT = 'No data';

/** 0.456 -> "45.6%" (Grafana's percentunit); null -> "No data". */
export function formatPercent(fraction: number | null, decimals = 1): string {
  return fraction === null ? NO_DATA_TEXT : `${(fraction * 100).toFixed(decimals)}%`;
}

/** 2 -> "2.00 ×" (Grafana's suffix unit); `ascii` gives "2.00x" for terminals. null -> "No data". */
export function formatBurnRate(rate: number | null, decimals = 2, ascii = false): string {
  return rate === null ? NO_DATA_TEXT : `${rate.toFixed(decimals)}${ascii ? 'x' : ' ×'}`;
}

/** A burn-rate factor with 3 significant digits: 14.4×, 0.5×. */
export function formatFactor(f: number): string {
  return `${Number(f.toPrecision(3))}×`;
}

/** Decimals that show an SLI against its target: one more than the target has as a percentage (99.95% -> 3). */
export function sliDecimals(target: number): number {
  const pct = String(Number((target * 100).toPrecision(12)));
  const dot = pct.indexOf('.');
  return Math.max(2, (dot < 0 ? 0 : pct.length - dot - 1) + 1);
}

/** 43 min, 10.9 h, 3.5 days: a span as people say it. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  const one = (x: number) => String(Number(x.toFixed(1)));
  if (abs < MIN) {
    return `${Math.round(ms / 1000)} s`;
  }
  if (abs < 2 * HOUR) {
    return `${Math.round(ms / MIN)} min`;
  }
  if (abs < 2 * DAY) {
    return `${one(ms / HOUR)} h`;
  }
  return `${one(ms / DAY)} days`;
}

/** ISO 8601 duration (PnDTnHnMnS), whole seconds; PT0S for zero or less. */
export function isoDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  if (s <= 0) {
    return 'PT0S';
  }
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const time = `${h ? h + 'H' : ''}${m ? m + 'M' : ''}${s ? s + 'S' : ''}`;
  return `P${d ? d + 'D' : ''}${time ? 'T' + time : ''}`;
}

/** An instant as RFC 3339 in UTC, without milliseconds when they are zero. */
export function formatRfc3339Utc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Short label of a lookback: 5m, 1h, 3d. */
export function lookbackLabel(ms: number): string {
  if (ms % DAY === 0) {
    return `${ms / DAY}d`;
  }
  if (ms % HOUR === 0) {
    return `${ms / HOUR}h`;
  }
  return `${Math.round(ms / MIN)}m`;
}

/** "30 days", "quarter", "window of 14 days". */
export function windowLabel(window: WindowSpec, windowMs: number): string {
  switch (window.kind) {
    case 'rolling':
      return windowMs % DAY === 0 ? `${windowMs / DAY} day${windowMs === DAY ? '' : 's'}` : formatSpan(windowMs);
    case 'calendar':
      return window.unit;
    case 'fixed':
      return `window of ${formatSpan(windowMs)}`;
  }
}

/** "43 min of full outage per 30 days": the whole window's budget as time. */
export function budgetAllowanceText(b: BudgetAsTime, window: WindowSpec, windowMs: number): string {
  return `${formatSpan(b.allowanceMs)} of full outage per ${windowLabel(window, windowMs)}`;
}

/** "21 min of full outage left", "overspent by 5 min of full outage", or "No data". */
export function budgetLeftText(b: BudgetAsTime): string {
  if (b.remainingMs === null) {
    return NO_DATA_TEXT;
  }
  return b.remainingMs < 0
    ? `overspent by ${formatSpan(-b.remainingMs)} of full outage`
    : `${formatSpan(b.remainingMs)} of full outage left`;
}

export interface ExhaustionText {
  text: string;
  /** When it is projected: the instant, for the caller to format in its own zone. */
  at?: number;
}

/** Time to exhaustion as people read it; every state has its own words. */
export function exhaustionText(e: Exhaustion): ExhaustionText {
  switch (e.state) {
    case 'exhausted':
      return { text: 'Exhausted' };
    case 'projected':
      return { text: `in ${formatSpan(e.inMs)}`, at: e.at };
    case 'not-this-period':
      return { text: 'Not this period' };
    case 'never':
      return { text: 'Not at this rate' };
    case 'not-burning':
      return { text: 'Not burning' };
    case 'unknown':
      return { text: NO_DATA_TEXT };
  }
}

/** Time to exhaustion for programs: exhausted -> "PT0S", projected -> its duration, otherwise null. */
export function exhaustionJson(e: Exhaustion): string | null {
  return e.inMs === null ? null : isoDuration(e.inMs);
}

/** `route="/pay", region="eu"` ('' for an ungrouped SLO); `separator` "," gives the CLI's compact form. */
export function groupName(labels: Record<string, string>, separator = ', '): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(separator);
}

/** An SLO's policy at t: it has none, no level is active, one is, or the figures it reads are unknown (no data). */
export type PolicyState =
  | { kind: 'none' }
  | { kind: 'ok' }
  | { kind: 'active'; level: PolicyLevel }
  | { kind: 'unknown' };

/** `noData`: the status has no figures, so "no level active" means nothing and must not read as OK. */
export function policyState(levels: readonly PolicyLevel[], active: PolicyLevel | null, noData = false): PolicyState {
  if (active) {
    return { kind: 'active', level: active };
  }
  if (levels.length === 0) {
    return { kind: 'none' };
  }
  return noData ? { kind: 'unknown' } : { kind: 'ok' };
}

/** "No policy" for an SLO without levels, "OK" when none is active, else the active level's name. */
export function policyText(state: PolicyState): string {
  switch (state.kind) {
    case 'none':
      return 'No policy';
    case 'ok':
      return 'OK';
    case 'unknown':
      return 'Unknown (no data)';
    case 'active':
      return state.level.name;
  }
}

/** The active level's actions, "notify #team; freeze releases" ('' otherwise). */
export function policyActionsText(state: PolicyState): string {
  switch (state.kind) {
    case 'none':
    case 'ok':
    case 'unknown':
      return '';
    case 'active':
      return state.level.actions.join('; ');
  }
}

/** A diagnostic as one line: what it is, about which counter, and the message. */
export function diagnosticText(d: Diagnostic): string {
  const counter = d.counter ? ` (${d.counter})` : '';
  switch (d.kind) {
    case 'no-data':
      return `No data${counter}: ${d.message}`;
    case 'partial':
      return `Partial data: ${d.message}`;
    case 'no-series':
      return `No series${counter}: ${d.message}`;
    case 'stale':
      return `Stale${counter}: ${d.message}`;
    case 'threshold-not-bucket-bound':
      return `Threshold is not a bucket bound: ${d.message}`;
    case 'window-before-data':
      return `Window starts before the data: ${d.message}`;
  }
}

/** Which data answered an SLO with `mode: recorded | auto` (SloStatus.answeredBy): "answered by recorded tiles (...)". */
export function answeredByText(a: { mode: 'raw' | 'recorded'; reason: string }): string {
  return `answered by ${a.reason}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A window as its definition reads: "Rolling 28d", "Calendar quarter, from Sep (Europe/Berlin)", "Fixed 2026-08-10 to 2026-08-17 (UTC)". */
export function describeWindow(w: WindowSpec): string {
  switch (w.kind) {
    case 'rolling':
      return `Rolling ${formatDuration(w.durationMs)}`;
    case 'calendar': {
      const start =
        (w.unit === 'quarter' || w.unit === 'year') && w.startMonth !== 1 ? `, from ${MONTHS[w.startMonth - 1]}` : '';
      const week = w.unit === 'week' && w.weekStart !== 'monday' ? `, from ${w.weekStart}` : '';
      return `Calendar ${w.unit}${start}${week} (${w.timeZone})`;
    }
    case 'fixed':
      return `Fixed ${compactUtc(w.from)} to ${compactUtc(w.to)} (UTC)`;
  }
}

/** An instant as short as it can be read exactly: "2026-08-10" at midnight UTC, "2026-08-10 06:30", else RFC 3339. */
function compactUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (ms % DAY === 0) {
    return iso.slice(0, 10);
  }
  return ms % MIN === 0 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : formatRfc3339Utc(ms);
}

/** Event counts are whole events in every output (increase() extrapolates fractions): null stays null. */
export function wholeEvents(n: number | null): number | null {
  return n === null || !Number.isFinite(n) ? null : Math.round(n);
}

/** 1234567 -> "1,234,567" whole events; null -> "No data". */
export function formatEvents(n: number | null): string {
  const w = wholeEvents(n);
  return w === null ? NO_DATA_TEXT : w.toLocaleString('en-US');
}

/** The budget left as time of full outage, compact for tables: "21 min", "-5 min" (overspent), or "No data". */
export function budgetLeftShort(b: BudgetAsTime): string {
  return b.remainingMs === null ? NO_DATA_TEXT : formatSpan(b.remainingMs);
}

/** 980 -> "980", 12_345 -> "12 k", 410_000 -> "410 k", 1_100_000 -> "1.1 M": counts in a sentence (null -> "No data"). */
export function formatCompactCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) {
    return NO_DATA_TEXT;
  }
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 1000) {
    return `${sign}${Math.round(abs)}`;
  }
  const units: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, name] of units) {
    // Round first, so 999,960 reads "1 M", not "1000 k".
    const v = abs / size;
    const shown = v < 10 ? Number(v.toFixed(1)) : Math.round(v);
    if (shown >= 1 && (shown < 1000 || size === 1e9)) {
      return `${sign}${shown} ${name}`;
    }
  }
  return `${sign}${Math.round(abs)}`;
}

/** The period a calendar or fixed window's burn-down covers, as in "this quarter's budget": quarter, month... period. */
export function periodWord(window: WindowSpec): string {
  switch (window.kind) {
    case 'calendar':
      return window.unit;
    case 'rolling':
    case 'fixed':
      return 'period';
  }
}

export interface BurndownWording {
  /** The burn-down: 1 - usedBad / allowedBad; null without data. */
  remaining: number | null;
  usedBad: number | null;
  allowedBad: number | null;
  /** The allowance contains a forecast (events still to come): shown with "~". False at the period's end. */
  estimated: boolean;
}

/**
 * The stat view's sentence (docs/semantics.md section 4): "62% of this quarter's budget left: 410 k of ~1.1 M allowed
 * errors used"; timeslices count "bad slices" and have no forecast. Without data: "No data".
 */
export function burndownText(
  f: BurndownWording,
  window: WindowSpec,
  unit: 'events' | 'slices' = 'events',
  decimals = 0
): string {
  if (f.remaining === null || f.usedBad === null || f.allowedBad === null) {
    return NO_DATA_TEXT;
  }
  const what = unit === 'slices' ? 'bad slices' : 'errors';
  const count = (n: number) => (unit === 'slices' ? formatEvents(n) : formatCompactCount(n));
  return `${formatPercent(f.remaining, decimals)} of this ${periodWord(window)}'s budget left: ${count(f.usedBad)} of ${
    f.estimated ? '~' : ''
  }${count(f.allowedBad)} allowed ${what} used`;
}

/** The budget as if the period ended at t, named so wherever the burn-down is the main figure. */
export const IF_ENDED_NOW_LABEL = 'If the period ended now';

/** "If the period ended now: 71.2%" (or "No data"). */
export function ifEndedNowText(remaining: number | null, decimals = 1): string {
  return `${IF_ENDED_NOW_LABEL}: ${formatPercent(remaining, decimals)}`;
}

/** An indicator as one short line: "Ratio bad/total", "Latency <= 0.25 s", "Threshold >= 1", "Composite of 3". */
export function describeIndicator(i: Indicator): string {
  switch (i.kind) {
    case 'ratio':
      return `Ratio ${i.bad !== undefined ? 'bad' : 'good'}/total`;
    case 'latency':
      return `Latency <= ${i.threshold} s`;
    case 'threshold':
      return `Threshold ${i.op} ${i.value}`;
    case 'composite':
      return `Composite of ${i.components.length}`;
  }
}

/**
 * The active policy level as one sentence: "Feature freeze: 18.0% left, below 25%: freeze non-critical releases;
 * exceptions: security-fix" ('' when no level is active). `remaining` is the figure the level was read from.
 */
export function policySentence(state: PolicyState, remaining: number | null): string {
  if (state.kind !== 'active') {
    return '';
  }
  const l = state.level;
  const trigger =
    l.below !== undefined
      ? `below ${formatPercent(l.below, 0)}`
      : l.burnRate
      ? `burn rate over ${lookbackLabel(l.burnRate.windowMs)} above ${formatFactor(l.burnRate.above)}`
      : '';
  const figure = remaining === null ? NO_DATA_TEXT : `${formatPercent(remaining)} left`;
  const head = [l.name, [figure, trigger].filter(Boolean).join(', ')].join(': ');
  const actions = l.actions.length > 0 ? `: ${l.actions.join('; ')}` : '';
  const exceptions = l.exceptions?.length ? `; exceptions: ${l.exceptions.join(', ')}` : '';
  return head + actions + exceptions;
}

/** A firing alert's start: "since 2026-08-13 10:50 UTC (10m ago)"; '' when unknown. */
export function firingSinceText(since: number | undefined, now: number): string {
  if (since === undefined) {
    return '';
  }
  const at = new Date(since).toISOString().slice(0, 16).replace('T', ' ');
  return `since ${at} UTC (${formatSpan(Math.max(0, now - since))} ago)`;
}
