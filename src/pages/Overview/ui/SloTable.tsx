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
import { rowDiagnostics, type BudgetBasis, type GroupFigures, type OverviewRow } from '../domain/overviewRow';
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

/** A ref callback for rows that reports them coming on screen and leaving it (one IntersectionObserver per table). */
function useOnScreen(onScreen: (id: string, visible: boolean) => void): (el: HTMLElement | null) => void {
  const observer = React.useMemo(
    () =>
      typeof IntersectionObserver === 'undefined'
        ? undefined
        : new IntersectionObserver((entries) =>
            entries.forEach((e) => onScreen(e.target.getAttribute('data-slo-id') ?? '', e.isIntersecting))
          ),
    [onScreen]
  );
  React.useEffect(() => () => observer?.disconnect(), [observer]);
  return React.useCallback(
    (el: HTMLElement | null) => {
      if (el) {
        observer?.observe(el);
      }
    },
    [observer]
  );
}

export function SloTable({ rows, expanded, onToggleExpanded, onScreen }: SloTableProps) {
  const styles = useStyles2(getStyles);
  const toggle = useStable(onToggleExpanded);
  const observe = useOnScreen(useStable(onScreen));
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
        {rows.map((r) => (
          <SloRow key={r.id} row={r} open={expanded.includes(r.id)} onToggle={toggle} observe={observe} />
        ))}
      </tbody>
    </table>
  );
}

interface SloRowProps {
  row: OverviewRow;
  open: boolean;
  onToggle: (id: string) => void;
  observe: (el: HTMLElement | null) => void;
}

/** One SLO's row and its open group rows; memoised, so a figure arriving for one SLO re-renders that row only. */
const SloRow = React.memo(function SloRow({ row: r, open, onToggle, observe }: SloRowProps) {
  const styles = useStyles2(getStyles);
  const grouped = r.groups.length > 1 || (r.groups.length === 1 && r.groups[0].name !== '');
  return (
    <>
      <tr ref={observe} data-testid={ids.row} data-slo-id={r.id} data-state={r.status}>
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
          <Link to={sloDetailUrl(r.id)} className={styles.name} data-testid={ids.link}>
            {r.name}
          </Link>
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
});

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
