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

export function OverviewFilters({ query: q, onQuery, allRows, invalidCount }: OverviewFiltersProps) {
  const styles = useStyles2(getStyles);
  const o = filterOptions(allRows);
  const counts = new Map<OverviewStatus, number>([['invalid', invalidCount]]);
  for (const r of allRows) {
    if (r.status !== 'loading') {
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    }
  }
  const toggleStatus = (s: OverviewStatus) =>
    onQuery({ statuses: q.statuses.includes(s) ? q.statuses.filter((x) => x !== s) : [...q.statuses, s] });
  return (
    <div className={styles.wrap}>
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
        <MultiCombobox
          placeholder="Service"
          options={opts(o.services)}
          value={q.services}
          onChange={(v) => onQuery({ services: v.map((x) => x.value) })}
          width="auto"
          minWidth={14}
          maxWidth={30}
          data-testid={ids.serviceFilter}
        />
        <MultiCombobox
          placeholder="Label (key=value)"
          options={opts(o.labels)}
          value={q.labels}
          onChange={(v) => onQuery({ labels: v.map((x) => x.value) })}
          createCustomValue
          width="auto"
          minWidth={16}
          maxWidth={30}
          data-testid={ids.labelFilter}
        />
        <MultiCombobox
          placeholder="Window"
          options={WINDOWS}
          value={q.windows}
          onChange={(v) => onQuery({ windows: v.map((x) => x.value) })}
          width="auto"
          minWidth={12}
          maxWidth={30}
          data-testid={ids.windowFilter}
        />
        <MultiCombobox
          placeholder="Policy level"
          options={opts(o.policies)}
          value={q.policies}
          onChange={(v) => onQuery({ policies: v.map((x) => x.value) })}
          width="auto"
          minWidth={14}
          maxWidth={30}
          data-testid={ids.policyFilter}
        />
        <Combobox
          options={SORTS}
          value={sortText(q.sort)}
          onChange={(v) => onQuery({ sort: parseSort(v.value) })}
          width={28}
          prefixIcon="sort-amount-down"
          data-testid={ids.sort}
        />
        <InlineSwitch
          label="Group by service"
          showLabel
          value={q.groupByService}
          onChange={(e) => onQuery({ groupByService: e.currentTarget.checked })}
          data-testid={ids.groupByService}
        />
      </div>
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
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  search: css({ maxWidth: 420 }),
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
