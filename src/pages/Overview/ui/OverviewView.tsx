// The overview's plain React view: a search box, the SLO table and the list of invalid SLOs. Status is text and
// colour, never colour alone.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Icon, Input, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import type { InvalidSlo } from '../../../infrastructure/settings';
import { formatSloError } from '../../../slo';
import { pageTestIds } from '../../../shared/testIds';
import type { OverviewRow } from '../domain/overviewRow';
import { SloTable } from './SloTable';

const ids = pageTestIds.overview;

export interface OverviewViewProps {
  search: string;
  onSearch: (search: string) => void;
  loading: boolean;
  error?: string;
  rows: OverviewRow[];
  /** SLOs before the search. */
  total: number;
  invalid: InvalidSlo[];
  evaluatedAt?: number;
  provisioned: boolean;
}

export function OverviewView(p: OverviewViewProps) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.page}
      data-testid={ids.root}
      data-state={p.loading ? 'loading' : 'done'}
      data-evaluated-at={p.evaluatedAt ?? ''}
    >
      <div className={styles.toolbar}>
        <Input
          className={styles.search}
          prefix={<Icon name="search" />}
          placeholder="Search by name, id, service or label (team=payments)"
          value={p.search}
          onChange={(e) => p.onSearch(e.currentTarget.value)}
          data-testid={ids.search}
          aria-label="Search SLOs"
        />
        {p.evaluatedAt !== undefined && (
          <span className={styles.asOf}>
            Status at {new Date(p.evaluatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
          </span>
        )}
      </div>
      {p.provisioned && (
        <Alert severity="info" title="Provisioned SLOs">
          These SLOs come from provisioning and are read-only here.
        </Alert>
      )}
      {p.error !== undefined && (
        <Alert severity="error" title="The app's settings could not be read" data-testid={ids.error}>
          {p.error}
        </Alert>
      )}
      {p.loading && p.total === 0 && p.error === undefined && <LoadingPlaceholder text="Loading SLOs..." />}
      {!p.loading && p.total === 0 && p.invalid.length === 0 && p.error === undefined && (
        <p className={styles.empty} data-testid={ids.empty}>
          No SLOs configured yet. Provision them under jsonData.slos.
        </p>
      )}
      {p.total > 0 && <SloTable rows={p.rows} />}
      {p.total > 0 && p.rows.length === 0 && <p className={styles.empty}>No SLO matches “{p.search}”.</p>}
      {p.invalid.length > 0 && (
        <section aria-label="Invalid SLOs" className={styles.invalid}>
          <h3>Invalid SLOs ({p.invalid.length})</h3>
          <p className={styles.empty}>These SLOs in the app&apos;s settings do not validate; they are not evaluated.</p>
          <ul className={styles.list}>
            {p.invalid.map((s) => (
              <li key={s.index} data-testid={ids.invalid} data-index={s.index} className={styles.invalidItem}>
                <Icon name="exclamation-triangle" className={styles.errorIcon} />{' '}
                <strong>{s.name ?? s.id ?? `SLO #${s.index + 1}`}</strong>
                {s.id && s.name ? <span className={styles.muted}> ({s.id})</span> : null}
                <ul>
                  {s.errors.map((e, i) => (
                    <li key={i} className={styles.errorText}>
                      {formatSloError(e)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  toolbar: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2) }),
  search: css({ maxWidth: 520 }),
  asOf: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  empty: css({ color: theme.colors.text.secondary }),
  invalid: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.error.border}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
  }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  invalidItem: css({ padding: theme.spacing(1, 0) }),
  errorIcon: css({ color: theme.colors.error.text }),
  errorText: css({ color: theme.colors.error.text, fontFamily: theme.typography.fontFamilyMonospace }),
  muted: css({ color: theme.colors.text.secondary }),
});
