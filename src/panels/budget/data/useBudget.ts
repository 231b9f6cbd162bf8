// The panel's data, whichever the mode: SLO mode loads asynchronously (stale results are dropped, the last result stays
// on screen while a refresh loads); query mode converts the dashboard's frames synchronously. Errors become values.
import { useEffect, useMemo, useRef, useState } from 'react';

import { LoadingState, type PanelData, type TimeRange } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { QueryError } from '../../../query';
import type { BudgetPanelOptions } from '../options';
import type { PanelError } from '../views/PanelStates';
import { PanelConfigError, type PanelBudget } from '../../../shared/budget/model';
import { queryModeBudget } from './queryMode';
import { defaultSloModeDeps, loadSloModeBudget, type SloModeDeps } from '../../../shared/budget/sloBudget';
import { settingsErrorMessage } from '../../../datasource/appSettings';

export interface BudgetState {
  loading: boolean;
  budget?: PanelBudget;
  error?: PanelError;
}

const ROLE_FIELD: Record<string, string> = {
  bad: 'indicator bad events',
  good: 'indicator good events',
  total: 'indicator total events',
  expr: 'indicator expression',
};

/** Any failure as what the panel shows: the datasource's own message for query errors. */
export function toPanelError(e: unknown): PanelError {
  if (e instanceof PanelConfigError) {
    const titles: Record<PanelConfigError['kind'], string> = {
      'unknown-slo': 'SLO not found',
      'no-slos': 'No SLOs',
      settings: 'SLO settings',
      options: 'Panel options',
    };
    return { kind: e.kind, title: titles[e.kind], message: e.message };
  }
  if (e instanceof QueryError) {
    const what = e.role ? ` (${ROLE_FIELD[e.role] ?? e.role})` : '';
    return {
      kind: 'query',
      title: `The data source answered with an error${what}`,
      message: e.message,
      detail: e.expr,
    };
  }
  if (e instanceof Error) {
    return { kind: 'query', title: 'Error', message: e.message };
  }
  return { kind: 'settings', title: 'Could not read the Burndown app settings', message: settingsErrorMessage(e) };
}

function rangeOf(timeRange: TimeRange) {
  return { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() };
}

function useSloMode(
  enabled: boolean,
  options: BudgetPanelOptions,
  timeRange: TimeRange,
  timeZone: TimeZone,
  deps: SloModeDeps
): BudgetState {
  const range = rangeOf(timeRange);
  // What decides the result; a change of SLO or window clears the old one, a refresh keeps it on screen.
  const identity = JSON.stringify([
    options.sloId,
    options.sloWindow,
    options.calendarUnit,
    options.timeZone,
    options.rollingWindow,
    options.view === 'burnRate',
    options.view,
    options.figure,
    timeZone,
  ]);
  const requestKey = `${identity}|${range.from}|${range.to}`;
  const [state, setState] = useState<BudgetState & { identity?: string }>({ loading: enabled });
  const latest = useRef('');
  useEffect(() => {
    if (!enabled) {
      return;
    }
    latest.current = requestKey;
    setState((s) => ({
      loading: true,
      budget: s.identity === identity ? s.budget : undefined,
      error: undefined,
      identity,
    }));
    loadSloModeBudget({ options, range, timeZone, view: options.view, figure: options.figure }, deps).then(
      (budget) => latest.current === requestKey && setState({ loading: false, budget, identity }),
      (e: unknown) => latest.current === requestKey && setState({ loading: false, error: toPanelError(e), identity })
    );
    // requestKey covers every input that matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, requestKey, deps]);
  return {
    loading: state.loading,
    budget: state.identity === identity ? state.budget : undefined,
    error: state.identity === identity ? state.error : undefined,
  };
}

function queryErrorOf(data: PanelData): PanelError | undefined {
  const err = data.errors?.[0];
  if (!err) {
    return undefined;
  }
  return {
    kind: 'query',
    title: `The data source answered with an error${err.refId ? ` (query ${err.refId})` : ''}`,
    message: err.message ?? err.data?.message ?? 'query failed',
  };
}

function useQueryMode(
  enabled: boolean,
  data: PanelData,
  options: BudgetPanelOptions,
  timeRange: TimeRange,
  timeZone: TimeZone,
  now: () => number
): BudgetState {
  return useMemo(() => {
    if (!enabled) {
      return { loading: false };
    }
    const loading = data.state === LoadingState.Loading;
    const error = queryErrorOf(data);
    if (error) {
      return { loading, error };
    }
    if (loading && data.series.length === 0) {
      return { loading };
    }
    try {
      const budget = queryModeBudget({
        frames: data.series,
        options,
        range: rangeOf(data.timeRange ?? timeRange),
        timeZone,
        now: now(),
        refIds: data.request?.targets.map((q) => q.refId),
        intervalMs: data.request?.intervalMs,
      });
      return { loading, budget };
    } catch (e) {
      return { loading, error: toPanelError(e) };
    }
  }, [enabled, data, options, timeRange, timeZone, now]);
}

const realNow = () => Date.now();

export function useBudget(props: {
  data: PanelData;
  options: BudgetPanelOptions;
  timeRange: TimeRange;
  timeZone: TimeZone;
  deps?: SloModeDeps;
}): BudgetState {
  const deps = props.deps ?? defaultSloModeDeps;
  const slo = useSloMode(props.options.mode !== 'query', props.options, props.timeRange, props.timeZone, deps);
  const query = useQueryMode(
    props.options.mode === 'query',
    props.data,
    props.options,
    props.timeRange,
    props.timeZone,
    deps.now ?? realNow
  );
  return props.options.mode === 'query' ? query : slo;
}
