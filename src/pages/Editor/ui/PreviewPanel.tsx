// The editor's live preview: the draft's SLI, budget left (the burn-down for calendar and fixed windows) and its chart
// over the chosen window, from the data source through the detail page's loader, plus the status's diagnostics in the
// formatter's words. No data reads "No data", never a healthy budget.
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { exclusionRegions } from '../../../panels/budget/viewModel';
import { describeWindow, diagnosticText, formatPercent, NO_DATA_TEXT, sliDecimals } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { burndownModel, remainingOnlyModel } from '../../Detail/domain/charts';
import { sloZone } from '../../Detail/domain/period';
import { DetailChart } from '../../Detail/ui/DetailChart';
import type { EditorPreview } from '../EditorScene';

const ids = pageTestIds.editor;

export function PreviewPanel({ preview }: { preview: EditorPreview }) {
  const styles = useStyles2(getStyles);
  const { data, spec } = preview;
  const status = data?.group?.status;
  const chart = useMemo(() => {
    if (!data || !spec) {
      return undefined;
    }
    const regions = exclusionRegions(data.budget);
    const range = data.period.range;
    if (data.burndown) {
      return burndownModel(data.burndown, range, spec.policy, regions);
    }
    return data.group?.series ? remainingOnlyModel(data.group.series, range, spec.policy, regions) : undefined;
  }, [data, spec]);
  const burndown = status?.burndown?.remaining;
  const left = burndown !== undefined ? burndown : status?.remaining ?? null;
  // Without data there is no figure (the formatter's NO_DATA_TEXT), never 100%.
  const noData = !status || status.noData;
  return (
    <section className={styles.panel} data-testid={ids.preview} data-state={preview.phase} aria-label="Preview">
      <h3 className={styles.title}>Preview</h3>
      {preview.phase === 'invalid' && <p className={styles.muted}>The preview appears once the SLO validates.</p>}
      {preview.phase === 'error' && (
        <Alert severity="error" title="The preview could not be loaded">
          {preview.error}
        </Alert>
      )}
      {(preview.phase === 'loading' || preview.phase === 'waiting') && !data && (
        <LoadingPlaceholder text="Querying the data source..." />
      )}
      {data && spec && (
        <>
          <p className={styles.muted}>
            {describeWindow(spec.window)} · {data.period.label}
            {preview.phase !== 'done' ? ' · updating...' : ''}
          </p>
          <dl className={styles.figures}>
            <div>
              <dt className={styles.muted}>{burndown !== undefined ? 'Budget left (burn-down)' : 'Budget left'}</dt>
              <dd
                className={styles.value}
                data-testid={ids.previewBudgetLeft}
                data-value={noData ? '' : left ?? ''}
                data-basis={burndown !== undefined ? 'burndown' : 'window'}
              >
                {noData ? NO_DATA_TEXT : formatPercent(left)}
              </dd>
            </div>
            <div>
              <dt className={styles.muted}>SLI</dt>
              <dd className={styles.value} data-testid={ids.previewSli} data-value={status?.sli ?? ''}>
                {noData ? NO_DATA_TEXT : formatPercent(status?.sli ?? null, sliDecimals(spec.objective))}
              </dd>
            </div>
          </dl>
          {status?.diagnostics.map((d, i) => (
            <Alert
              key={i}
              severity="warning"
              title={diagnosticText(d)}
              data-testid={ids.previewDiagnostic}
              data-kind={d.kind}
            />
          ))}
          {chart && (
            <DetailChart
              title={data.burndown ? 'Burn-down and the ideal line' : 'Budget left'}
              kind={data.burndown ? 'burndown' : 'remaining'}
              model={chart}
              range={data.period.range}
              timeZone={sloZone(spec)}
              height={220}
            />
          )}
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  title: css({ margin: 0 }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
  figures: css({ display: 'flex', gap: theme.spacing(3), margin: 0 }),
  value: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
});
