// The overview's toolbar: search, filters by service, label, window kind and policy level, sort, group by service,
// and the status chips (each with its count: the status summary and the status filter in one).
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Icon, Input, InlineSwitch, MultiSelect, Select, useStyles2 } from '@grafana/ui';

import { pageTestIds } from '../../../shared/testIds';
import type { OverviewRow, WindowKind } from '../domain/overviewRow';
import { filterOptions, parseSort, sortText, type OverviewQuery } from '../domain/overviewQuery';
import { OVERVIEW_STATUSES, type OverviewStatus } from '../domain/overviewStatus';
import { STATUS_ICON, statusColour, statusText } from './StatusBadge';

const ids = pageTestIds.overview;

const SORTS: Array<SelectableValue<string>> = [
  { value: 'name-asc', label: 'Name (A-Z)' },
  { value: 'name-desc', label: 'Name (Z-A)' },
  { value: 'budget-asc', label: 'Budget left (lowest first)' },
  { value: 'budget-desc', label: 'Budget left (highest first)' },
  { value: 'burn-desc', label: 'Burn rate (highest first)' },
  { value: 'burn-asc', label: 'Burn rate (lowest first)' },
];

const WINDOWS: Array<SelectableValue<WindowKind>> = [
  { value: 'rolling', label: 'Rolling' },
  { value: 'calendar', label: 'Calendar' },
  { value: 'fixed', label: 'Fixed' },
];

const opts = (xs: string[]): Array<SelectableValue<string>> => xs.map((x) => ({ value: x, label: x }));
const values = <T,>(v: Array<SelectableValue<T>>): T[] => v.flatMap((x) => (x.value === undefined ? [] : [x.value]));

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
        {/* Each select sits in a wrapper with its test id: Grafana's Select puts data-testid on its inner input. */}
        <div data-testid={ids.serviceFilter}>
          <MultiSelect
            aria-label="Filter by service"
            placeholder="Service"
            options={opts(o.services)}
            value={q.services}
            onChange={(v) => onQuery({ services: values(v) })}
            width={22}
          />
        </div>
        <div data-testid={ids.labelFilter}>
          <MultiSelect
            aria-label="Filter by label"
            placeholder="Label (key=value)"
            options={opts(o.labels)}
            value={q.labels}
            onChange={(v) => onQuery({ labels: values(v) })}
            allowCustomValue
            width={26}
          />
        </div>
        <div data-testid={ids.windowFilter}>
          <MultiSelect
            aria-label="Filter by window kind"
            placeholder="Window"
            options={WINDOWS}
            value={q.windows}
            onChange={(v) => onQuery({ windows: values(v) })}
            width={20}
          />
        </div>
        <div data-testid={ids.policyFilter}>
          <MultiSelect
            aria-label="Filter by policy level"
            placeholder="Policy level"
            options={opts(o.policies)}
            value={q.policies}
            onChange={(v) => onQuery({ policies: values(v) })}
            width={22}
          />
        </div>
        <div data-testid={ids.sort}>
          <Select
            aria-label="Sort"
            options={SORTS}
            value={sortText(q.sort)}
            onChange={(v) => onQuery({ sort: parseSort(v.value) })}
            width={30}
            prefix={<Icon name="sort-amount-down" />}
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
