// The SLO table of the overview: per SLO its name (a link to its detail page), service and labels, objective and
// window, SLI, budget left, trend, burn rate now, time to exhaustion, policy level with its actions, status and
// diagnostics. A grouped SLO shows its worst group and folds a row per group below it.
import { css } from '@emotion/css';
import React from 'react';
import { Link } from 'react-router-dom';

import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, Tooltip, useStyles2 } from '@grafana/ui';

import {
  exhaustionText,
  formatBurnRate,
  formatPercent,
  policyActionsText,
  policyText,
  sliDecimals,
  type PolicyState,
} from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { formatPercent as formatObjective } from '../../../slo/percent';
import { sloDetailUrl } from '../domain/links';
import {
  rowDiagnostics,
  trendState,
  type BudgetBasis,
  type GroupFigures,
  type OverviewRow,
} from '../domain/overviewRow';
import { Sparkline } from './Sparkline';
import { DiagnosticBadges, StatusBadge } from './StatusBadge';

const ids = pageTestIds.overview;

const BASIS: Record<BudgetBasis, { short: string; tip: string }> = {
  burndown: {
    short: 'burn-down',
    tip: "The burn-down: the share left of the period's estimated allowance (bad events so far against the objective over the period's events, counted and forecast).",
  },
  window: { short: 'window', tip: 'The remaining budget over the rolling window that ends now.' },
};

/**
 * Fixed column widths (the table's `table-layout: fixed`; the name takes the rest): with 200 rows, widths measured from
 * the content made every arriving figure re-lay out the whole table.
 */
// Objective wide enough for "(Europe/Berlin)" unbroken; headers and the status' "(worst of N)" wrap.
const COLUMN_WIDTHS = ['40px', undefined, '7%', '10%', '7%', '7%', '120px', '7%', '8%', '8%', '13%'];

export interface SloTableProps {
  rows: OverviewRow[];
  expanded: readonly string[];
  onToggleExpanded: (id: string) => void;
  /** A row came on screen or left it. */
  onScreen?: (id: string, visible: boolean) => void;
}

/** A function that keeps its identity across renders and calls the latest `f`, so memoised rows stay memoised. */
function useStable<A extends unknown[]>(f: ((...a: A) => void) | undefined): (...a: A) => void {
  const latest = React.useRef(f);
  latest.current = f;
  return React.useCallback((...a: A) => latest.current?.(...a), []);
}

/**
 * Rows rendered in full when the table mounts, before the IntersectionObserver has said where they are: the first
 * screen and some more. The others start as placeholders.
 */
export const INITIAL_FULL_ROWS = 30;
/** A placeholder's height until its row has been seen in full (a loaded row of two text lines, px). */
export const ROW_HEIGHT_ESTIMATE = 58;
/** How far beyond the viewport rows are still rendered in full (IntersectionObserver rootMargin). */
const NEAR_MARGIN = '150% 0px';

/** A row's watcher: told whether it is near the viewport, with its height as last laid out. */
type NearListener = (near: boolean, height: number) => void;

interface RowWatch {
  /** Observes a row element; returns the call that stops observing it. */
  watch: (el: Element, onNear: NearListener) => () => void;
  /** Whether rows are windowed at all (not where IntersectionObserver is missing, e.g. jsdom). */
  windowed: boolean;
}

/**
 * One pair of IntersectionObservers per table: rows on screen (reported to `onScreen`, which evaluates them first) and
 * rows near the screen (rendered in full; the others are light placeholders of their last height).
 */
function useRowWatch(onScreen: (id: string, visible: boolean) => void): RowWatch {
  const watch = React.useMemo((): RowWatch => {
    if (typeof IntersectionObserver === 'undefined') {
      return { watch: () => () => undefined, windowed: false };
    }
    const listeners = new Map<Element, NearListener>();
    const screen = new IntersectionObserver((entries) =>
      entries.forEach((e) => onScreen(e.target.getAttribute('data-slo-id') ?? '', e.isIntersecting))
    );
    const near = new IntersectionObserver(
      (entries) => entries.forEach((e) => listeners.get(e.target)?.(e.isIntersecting, e.boundingClientRect.height)),
      { rootMargin: NEAR_MARGIN }
    );
    return {
      windowed: true,
      watch: (el, onNear) => {
        listeners.set(el, onNear);
        screen.observe(el);
        near.observe(el);
        return () => {
          listeners.delete(el);
          screen.unobserve(el);
          near.unobserve(el);
        };
      },
    };
  }, [onScreen]);
  return watch;
}

export function SloTable({ rows, expanded, onToggleExpanded, onScreen }: SloTableProps) {
  const styles = useStyles2(getStyles);
  const toggle = useStable(onToggleExpanded);
  const watch = useRowWatch(useStable(onScreen));
  return (
    <table className={styles.table} aria-label="SLOs">
      <colgroup>
        {COLUMN_WIDTHS.map((w, i) => (
          <col key={i} style={w ? { width: w } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th aria-label="Groups" />
          <th>Name</th>
          <th>Service</th>
          <th>Objective</th>
          <th className={styles.number}>SLI</th>
          <th className={styles.number}>Budget left</th>
          <th>Last 7 days</th>
          <th className={styles.number}>Burn rate (1h)</th>
          <th>Exhaustion</th>
          <th>Policy</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <SloRow
            key={r.id}
            row={r}
            open={expanded.includes(r.id)}
            onToggle={toggle}
            watch={watch}
            fullAtFirst={!watch.windowed || i < INITIAL_FULL_ROWS}
          />
        ))}
      </tbody>
    </table>
  );
}

interface SloRowProps {
  row: OverviewRow;
  open: boolean;
  onToggle: (id: string) => void;
  watch: RowWatch;
  /** Rendered in full before the observer has placed it (read once, at mount). */
  fullAtFirst: boolean;
}

/** Memoised rows: a change of position alone (fullAtFirst) re-renders nothing. */
const sameRow = (a: SloRowProps, b: SloRowProps) =>
  a.row === b.row && a.open === b.open && a.onToggle === b.onToggle && a.watch === b.watch;

/**
 * One SLO's row and its open group rows; memoised, so a figure arriving for one SLO re-renders that row only. Far from
 * the viewport it is a placeholder of its last height: the same row element (test id, SLO id, status) with only its
 * name link, so the table keeps one row per SLO for screen readers and Tab still reaches every SLO (focus scrolls it
 * near, and the link keeps its focus as the row fills in). Its figures load either way, and its data-state and
 * data-trend (trendState) say how far, placeholder or not.
 */
const SloRow = React.memo(function SloRow({ row: r, open, onToggle, watch, fullAtFirst }: SloRowProps) {
  const styles = useStyles2(getStyles);
  const [full, setFull] = React.useState(fullAtFirst);
  const height = React.useRef(ROW_HEIGHT_ESTIMATE);
  const tr = React.useRef<HTMLTableRowElement>(null);
  React.useEffect(
    () =>
      watch.watch(tr.current!, (near, h) => {
        if (!near && h > 0) {
          height.current = h;
        }
        setFull(near);
      }),
    [watch]
  );
  const grouped = r.groups.length > 1 || (r.groups.length === 1 && r.groups[0].name !== '');
  const name = (
    <Link to={sloDetailUrl(r.id)} className={styles.name} data-testid={ids.link}>
      {r.name}
    </Link>
  );
  const placeholder = full ? {} : { 'data-placeholder': '', style: { height: height.current } };
  return (
    <>
      <tr
        ref={tr}
        data-testid={ids.row}
        data-slo-id={r.id}
        data-state={r.status}
        data-trend={trendState(r)}
        {...placeholder}
      >
        {full ? (
          <>
            <td className={styles.toggle}>
              {grouped && (
                <IconButton
                  name={open ? 'angle-down' : 'angle-right'}
                  aria-expanded={open}
                  aria-label={`${open ? 'Hide' : 'Show'} the ${r.groups.length} groups of ${r.name}`}
                  tooltip={`${open ? 'Hide' : 'Show'} ${r.groups.length} groups`}
                  onClick={() => onToggle(r.id)}
                  data-testid={ids.groupsToggle}
                />
              )}
            </td>
            <td>
              {name}
              <div className={styles.muted}>
                {r.id}
                {Object.entries(r.labels).map(([k, v]) => (
                  <span key={k} className={styles.label}>
                    {k}={v}
                  </span>
                ))}
              </div>
            </td>
            <td>{r.service ?? <span className={styles.muted}>–</span>}</td>
            <td>
              <div>{formatObjective(r.objective)}</div>
              <div className={styles.muted}>{r.windowText}</div>
            </td>
            <Figures row={r} g={r.worst} />
            <td>
              <StatusBadge
                status={r.status}
                suffix={grouped && r.status !== 'loading' ? ` (worst of ${r.groups.length})` : undefined}
              />
              <DiagnosticBadges diagnostics={rowDiagnostics(r)} />
              {r.message && <div className={styles.error}>{r.message}</div>}
            </td>
          </>
        ) : (
          <>
            <td />
            <td>{name}</td>
            <td colSpan={COLUMN_WIDTHS.length - 2} />
          </>
        )}
      </tr>
      {open &&
        r.groups.map((g) => (
          <tr key={g.name} data-testid={ids.groupRow} data-slo-id={r.id} data-group={g.name} className={styles.group}>
            <td />
            <td colSpan={3} className={styles.groupName}>
              {g.name}
            </td>
            <Figures row={r} g={g} />
            <td>
              <StatusBadge status={g.status} />
              <DiagnosticBadges diagnostics={g.diagnostics} />
            </td>
          </tr>
        ))}
    </>
  );
}, sameRow);

/** The figure cells of a row (its worst group) or of one group: SLI, budget left, trend, burn rate, exhaustion, policy. */
function Figures({ row, g }: { row: OverviewRow; g?: GroupFigures }) {
  const styles = useStyles2(getStyles);
  const loading = row.status === 'loading';
  const dash = <span className={styles.muted}>{loading ? '…' : '–'}</span>;
  const basis = BASIS[row.budgetBasis];
  const exhaustion = g ? exhaustionText(g.exhaustion) : undefined;
  const isRowFigures = g === row.worst;
  return (
    <>
      <td className={styles.number} data-testid={ids.sli} data-value={g?.sli ?? ''}>
        {g ? formatPercent(g.sli, sliDecimals(row.objective)) : dash}
        {isRowFigures && <div className={styles.muted}>{row.sliText}</div>}
      </td>
      <td
        className={styles.number}
        data-testid={ids.budgetLeft}
        data-value={g?.budgetLeft ?? ''}
        data-basis={row.budgetBasis}
        data-window-remaining={g?.remaining ?? ''}
        data-forecast={g?.forecastTotal ?? ''}
      >
        {/* The existing id "remaining" keeps carrying the figure shown as budget left. */}
        <span data-testid={ids.remaining} data-value={g?.budgetLeft ?? ''}>
          {g ? formatPercent(g.budgetLeft, 2) : dash}
        </span>
        <Tooltip content={basis.tip}>
          <div className={styles.muted} tabIndex={0}>
            {basis.short}
          </div>
        </Tooltip>
      </td>
      <td>{isRowFigures ? <Sparkline trend={loading ? undefined : row.trend} /> : null}</td>
      <td className={styles.number} data-testid={ids.burnRate} data-value={g?.burnRate ?? ''}>
        {g ? formatBurnRate(g.burnRate) : dash}
      </td>
      <td data-testid={ids.exhaustion} data-state={g?.exhaustion.state ?? ''}>
        {exhaustion ? (
          <span title={exhaustion.at !== undefined ? new Date(exhaustion.at).toISOString() : undefined}>
            {exhaustion.text}
          </span>
        ) : (
          dash
        )}
      </td>
      <td data-testid={ids.policy}>
        {g ? <Policy state={g.policy} /> : loading ? dash : <Policy state={row.policy} />}
      </td>
    </>
  );
}

function Policy({ state }: { state: PolicyState }) {
  const styles = useStyles2(getStyles);
  const actions = policyActionsText(state);
  return (
    <>
      <div className={state.kind === 'active' ? styles.policyActive : undefined}>{policyText(state)}</div>
      {actions && <div className={styles.muted}>{actions}</div>}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    'th, td': {
      padding: theme.spacing(1, 1.5),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
      overflowWrap: 'break-word',
    },
    th: {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      whiteSpace: 'normal',
      overflowWrap: 'normal',
    },
  }),
  toggle: css({ width: theme.spacing(4), padding: `${theme.spacing(0.5)} !important` }),
  number: css({ textAlign: 'right !important' as 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
  name: css({ color: theme.colors.text.link, fontWeight: theme.typography.fontWeightMedium }),
  // Wraps in the fixed-width number cells too ("Latency <= 0.25 s" under the SLI).
  muted: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'normal',
  }),
  label: css({
    marginLeft: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  group: css({ background: theme.colors.background.secondary }),
  groupName: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
  policyActive: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  error: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize, maxWidth: 360 }),
});
