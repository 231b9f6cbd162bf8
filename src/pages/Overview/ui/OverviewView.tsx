// The overview's plain React view: the toolbar, the SLO table (or one collapsible section per service), the invalid
// SLOs with their errors, and the empty and error states. Status is text and colour, never colour alone.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, EmptyState, Icon, LinkButton, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';

import type { InvalidSlo } from '../../../infrastructure/settings';
import { formatSloError } from '../../../slo';
import { pageTestIds } from '../../../shared/testIds';
import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';
import { OverviewExport } from '../../shared/ExportSlos';
import { CreateSloButton } from '../../Editor/ui/EditorLinks';
import { SLO_DOCS_URL } from '../domain/links';
import type { OverviewRow } from '../domain/overviewRow';
import {
  EMPTY_QUERY,
  groupRowsByService,
  incompleteSort,
  showsInvalid,
  type OverviewQuery,
} from '../domain/overviewQuery';
import { OverviewFilters } from './OverviewFilters';
import { SloTable } from './SloTable';
import { StatusBadge } from './StatusBadge';

const ids = pageTestIds.overview;

export interface OverviewViewProps {
  query: OverviewQuery;
  onQuery: (change: Partial<OverviewQuery>) => void;
  loading: boolean;
  error?: string;
  /** Every valid SLO's row, and the rows the query keeps, in its order. */
  allRows: OverviewRow[];
  rows: OverviewRow[];
  invalid: InvalidSlo[];
  evaluatedAt?: number;
  provisioned: boolean;
  canWrite: boolean;
  expanded: readonly string[];
  onToggleExpanded: (id: string) => void;
  collapsedServices: readonly string[];
  onToggleService: (service: string) => void;
  /** A row came on screen or left it (evaluated first while loading). */
  onScreen?: (id: string, visible: boolean) => void;
  onRefresh?: () => void;
}

const SORT_FIGURE: Record<string, string> = { budget: 'budget left', burn: 'burn rate' };

export function OverviewView(p: OverviewViewProps) {
  const styles = useStyles2(getStyles);
  const total = p.allRows.length;
  const nothing = !p.loading && total === 0 && p.invalid.length === 0 && p.error === undefined;
  const table = (rows: OverviewRow[]) => (
    <SloTable rows={rows} expanded={p.expanded} onToggleExpanded={p.onToggleExpanded} onScreen={p.onScreen} />
  );
  const partialSort = incompleteSort(p.rows, p.query.sort);
  return (
    <div
      className={styles.page}
      data-testid={ids.root}
      data-state={p.loading ? 'loading' : 'done'}
      data-evaluated-at={p.evaluatedAt ?? ''}
    >
      <div className={styles.importExport}>
        <CreateSloButton canWrite={p.canWrite} provisioned={p.provisioned} />
        <LinkButton
          href={`${PLUGIN_BASE_URL}/${ROUTES.Import}`}
          icon="import"
          variant="secondary"
          size="sm"
          data-testid={pageTestIds.export.importLink}
        >
          Import SLOs
        </LinkButton>
        {total > 0 && <OverviewExport visibleIds={p.rows.map((r) => r.id)} />}
      </div>
      {(total > 0 || p.invalid.length > 0) && (
        <OverviewFilters query={p.query} onQuery={p.onQuery} allRows={p.allRows} invalidCount={p.invalid.length} />
      )}
      {p.evaluatedAt !== undefined && (
        <span className={styles.asOf}>
          Status at {new Date(p.evaluatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
          {p.loading && total > 0
            ? ` (${p.allRows.filter((r) => r.status !== 'loading').length} of ${total} loaded)`
            : ''}
          {p.onRefresh && total > 0 && (
            <Button
              variant="secondary"
              fill="text"
              size="sm"
              icon="sync"
              onClick={p.onRefresh}
              disabled={p.loading}
              data-testid={ids.refresh}
            >
              Refresh
            </Button>
          )}
        </span>
      )}
      {partialSort && (
        <span
          className={styles.asOf}
          data-testid={ids.sortIncomplete}
          data-sorted={partialSort.sorted}
          data-total={partialSort.total}
          role="status"
        >
          <Icon name="fa fa-spinner" /> Sorting {partialSort.sorted} of {partialSort.total} by{' '}
          {SORT_FIGURE[p.query.sort.key]}; the {partialSort.total - partialSort.sorted} still loading are listed last
          and take their place when their figures arrive.
        </span>
      )}
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
      {p.loading && total === 0 && p.error === undefined && <LoadingPlaceholder text="Loading SLOs..." />}
      {nothing && (
        <div data-testid={ids.empty}>
          <EmptyState variant="call-to-action" message="No SLOs yet">
            Define SLOs in the app&apos;s settings (jsonData.slos) or through provisioning; see{' '}
            <TextLink href={SLO_DOCS_URL} external>
              getting started
            </TextLink>
            .
          </EmptyState>
        </div>
      )}
      {total > 0 && !p.query.groupByService && p.rows.length > 0 && table(p.rows)}
      {total > 0 &&
        p.query.groupByService &&
        groupRowsByService(p.rows).map((g) => {
          const open = !p.collapsedServices.includes(g.service);
          return (
            <section
              key={g.service}
              className={styles.section}
              data-testid={ids.serviceSection}
              data-service={g.service}
              data-count={g.rows.length}
              data-status={g.worst}
              aria-label={`Service ${g.service}`}
            >
              <button
                type="button"
                className={styles.sectionHeader}
                aria-expanded={open}
                onClick={() => p.onToggleService(g.service)}
                data-testid={ids.serviceToggle}
              >
                <Icon name={open ? 'angle-down' : 'angle-right'} />
                <strong>{g.service}</strong>
                <span className={styles.muted}>
                  {g.rows.length} SLO{g.rows.length === 1 ? '' : 's'}
                </span>
                <StatusBadge status={g.worst} suffix=" (worst)" />
              </button>
              {open && table(g.rows)}
            </section>
          );
        })}
      {total > 0 && p.rows.length === 0 && (
        <p className={styles.empty} data-testid={ids.noMatch}>
          No SLO matches these filters.{' '}
          <TextLink href="#" onClick={(e) => (e.preventDefault(), p.onQuery(EMPTY_QUERY))} inline>
            Clear them
          </TextLink>
        </p>
      )}
      {p.invalid.length > 0 && !showsInvalid(p.query) && (
        <p className={styles.empty} data-testid={ids.invalidHidden}>
          <Icon name="exclamation-triangle" className={styles.errorIcon} /> {p.invalid.length} invalid SLO
          {p.invalid.length === 1 ? '' : 's'} in the settings {p.invalid.length === 1 ? 'is' : 'are'} not shown by the
          status filter.
        </p>
      )}
      {p.invalid.length > 0 && showsInvalid(p.query) && (
        <section aria-label="Invalid SLOs" className={styles.invalid}>
          <h3 className={styles.invalidTitle}>
            <Icon name="exclamation-triangle" /> Invalid SLOs ({p.invalid.length})
          </h3>
          <p className={styles.empty}>These SLOs in the app&apos;s settings do not validate; they are not evaluated.</p>
          <ul className={styles.list}>
            {p.invalid.map((s) => (
              <li
                key={s.index}
                data-testid={ids.invalid}
                data-index={s.index}
                data-trend="none"
                className={styles.invalidItem}
              >
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
  importExport: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start' }),
  asOf: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  empty: css({ color: theme.colors.text.secondary }),
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  sectionHeader: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    background: 'none',
    border: 'none',
    padding: theme.spacing(0.5, 0),
    color: theme.colors.text.primary,
    cursor: 'pointer',
    textAlign: 'left',
  }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  invalid: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.error.border}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
  }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  invalidItem: css({ padding: theme.spacing(1, 0) }),
  errorIcon: css({ color: theme.colors.error.text }),
  invalidTitle: css({ color: theme.colors.error.text }),
  errorText: css({ color: theme.colors.error.text, fontFamily: theme.typography.fontFamilyMonospace }),
});
