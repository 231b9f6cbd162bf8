// The overview's toolbar: search, filters by service, label, window kind and policy level, sort, group by service,
// and the status chips (each with its count: the status summary and the status filter in one).
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Combobox, Icon, Input, InlineSwitch, MultiCombobox, useStyles2, type ComboboxOption } from '@grafana/ui';

import { pageTestIds } from '../../../shared/testIds';
import type { OverviewRow, WindowKind } from '../domain/overviewRow';
import { filterOptions, parseSort, sortText, type OverviewQuery } from '../domain/overviewQuery';
import { OVERVIEW_STATUSES, type OverviewStatus } from '../domain/overviewStatus';
import { STATUS_ICON, statusColour, statusText } from './StatusBadge';

const ids = pageTestIds.overview;

const SORTS: Array<ComboboxOption<string>> = [
  { value: 'name-asc', label: 'Name (A-Z)' },
  { value: 'name-desc', label: 'Name (Z-A)' },
  { value: 'budget-asc', label: 'Budget left (lowest first)' },
  { value: 'budget-desc', label: 'Budget left (highest first)' },
  { value: 'burn-desc', label: 'Burn rate (highest first)' },
  { value: 'burn-asc', label: 'Burn rate (lowest first)' },
];

const WINDOWS: Array<ComboboxOption<WindowKind>> = [
  { value: 'rolling', label: 'Rolling' },
  { value: 'calendar', label: 'Calendar' },
  { value: 'fixed', label: 'Fixed' },
];

const opts = (xs: string[]): Array<ComboboxOption<string>> => xs.map((x) => ({ value: x, label: x }));

export interface OverviewFiltersProps {
  query: OverviewQuery;
  onQuery: (change: Partial<OverviewQuery>) => void;
  /** Every row (for the options and the counts), and how many invalid SLOs the settings hold. */
  allRows: OverviewRow[];
  invalidCount: number;
}

/**
 * The toolbar and the status chips. While figures arrive every batch brings new rows, but the options rarely change:
 * they are kept by content, so the comboboxes (the costliest part to render) re-render only when the query or the
 * options do.
 */
export function OverviewFilters({ query, onQuery, allRows, invalidCount }: OverviewFiltersProps) {
  const styles = useStyles2(getStyles);
  const o = filterOptions(allRows);
  const key = JSON.stringify(o);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- kept by content (key), not by the rows' identity
  const options = React.useMemo(() => o, [key]);
  const latest = React.useRef(onQuery);
  latest.current = onQuery;
  const stableOnQuery = React.useCallback((change: Partial<OverviewQuery>) => latest.current(change), []);
  const counts = new Map<OverviewStatus, number>([['invalid', invalidCount]]);
  for (const r of allRows) {
    if (r.status !== 'loading') {
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    }
  }
  return (
    <div className={styles.wrap}>
      <Toolbar query={query} onQuery={stableOnQuery} options={options} />
      <StatusChips query={query} onQuery={stableOnQuery} counts={counts} />
    </div>
  );
}

type FilterOptions = ReturnType<typeof filterOptions>;

interface ToolbarProps {
  query: OverviewQuery;
  onQuery: (change: Partial<OverviewQuery>) => void;
  options: FilterOptions;
}

const Toolbar = React.memo(function Toolbar({ query: q, onQuery, options: o }: ToolbarProps) {
  const styles = useStyles2(getStyles);
  // A multi-value filter: the label filter also takes a typed key=value that no row has (yet).
  const multi = (
    testId: string,
    label: string,
    placeholder: string,
    options: Array<ComboboxOption<string>>,
    value: string[],
    width: number,
    onChange: (v: string[]) => void
  ) => (
    <div data-testid={testId}>
      <label htmlFor={`${testId}-input`} className={styles.hidden}>
        {label}
      </label>
      <MultiCombobox
        id={`${testId}-input`}
        placeholder={placeholder}
        options={options}
        value={value}
        onChange={(v) => onChange(v.map((x) => x.value))}
        createCustomValue={testId === ids.labelFilter}
        width={width}
      />
    </div>
  );
  return (
    <div className={styles.row}>
      <Input
        className={styles.search}
        prefix={<Icon name="search" />}
        placeholder="Search by name, id, service or label (team=payments)"
        value={q.search}
        onChange={(e) => onQuery({ search: e.currentTarget.value })}
        data-testid={ids.search}
        aria-label="Search SLOs"
      />
      {/* Each combobox sits in a wrapper with its test id, and is named by a visually hidden label. */}
      {multi(ids.serviceFilter, 'Filter by service', 'Service', opts(o.services), q.services, 22, (v) =>
        onQuery({ services: v })
      )}
      {multi(ids.labelFilter, 'Filter by label', 'Label (key=value)', opts(o.labels), q.labels, 26, (v) =>
        onQuery({ labels: v })
      )}
      {multi(ids.windowFilter, 'Filter by window kind', 'Window', WINDOWS, q.windows, 20, (v) =>
        onQuery({ windows: v as WindowKind[] })
      )}
      {multi(ids.policyFilter, 'Filter by policy level', 'Policy level', opts(o.policies), q.policies, 22, (v) =>
        onQuery({ policies: v })
      )}
      <div data-testid={ids.sort}>
        <label htmlFor={`${ids.sort}-input`} className={styles.hidden}>
          Sort
        </label>
        <Combobox
          id={`${ids.sort}-input`}
          options={SORTS}
          value={sortText(q.sort)}
          onChange={(v) => onQuery({ sort: parseSort(v.value) })}
          width={30}
          prefixIcon="sort-amount-down"
        />
      </div>
      <InlineSwitch
        label="Group by service"
        showLabel
        value={q.groupByService}
        onChange={(e) => onQuery({ groupByService: e.currentTarget.checked })}
        data-testid={ids.groupByService}
      />
    </div>
  );
});

interface StatusChipsProps {
  query: OverviewQuery;
  onQuery: (change: Partial<OverviewQuery>) => void;
  counts: ReadonlyMap<OverviewStatus, number>;
}

function StatusChips({ query: q, onQuery, counts }: StatusChipsProps) {
  const styles = useStyles2(getStyles);
  const toggleStatus = (s: OverviewStatus) =>
    onQuery({ statuses: q.statuses.includes(s) ? q.statuses.filter((x) => x !== s) : [...q.statuses, s] });
  return (
    <div className={styles.row} role="group" aria-label="Filter by status">
      {OVERVIEW_STATUSES.map((s) => {
        const on = q.statuses.includes(s);
        return (
          <button
            key={s}
            type="button"
            className={styles.chip(s, on)}
            aria-pressed={on}
            onClick={() => toggleStatus(s)}
            data-testid={ids.statusFilter}
            data-status={s}
          >
            <Icon name={STATUS_ICON[s]} /> {statusText(s)} <span className={styles.count}>{counts.get(s) ?? 0}</span>
          </button>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  search: css({ maxWidth: 420 }),
  hidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
  chip: (s: OverviewStatus, on: boolean) =>
    css({
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      padding: theme.spacing(0.25, 1),
      borderRadius: theme.shape.radius.pill,
      border: `1px solid ${on ? statusColour(theme, s) : theme.colors.border.medium}`,
      background: on ? theme.colors.action.selected : 'transparent',
      color: statusColour(theme, s),
      fontSize: theme.typography.bodySmall.fontSize,
      cursor: 'pointer',
      '&:hover': { background: theme.colors.action.hover },
    }),
  count: css({ color: theme.colors.text.primary, fontVariantNumeric: 'tabular-nums' }),
});
