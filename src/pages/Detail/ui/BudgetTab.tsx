// The budget tab: the burn-down with its ideal line (or the budget left for rolling windows), the SLI, the burn rates
// with the alert tiers (log scale on demand) and cumulative bad against allowed events, over the chosen period.
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { InlineField, InlineSwitch, useStyles2 } from '@grafana/ui';

import { burnRateModel, cumulativeModel, exclusionRegions } from '../../../shared/charts/plotModel';
import { pageTestIds } from '../../../shared/testIds';
import type { SloSpec } from '../../../slo/types';
import { burndownModel, remainingOnlyModel, sliModel } from '../domain/charts';
import { sloZone } from '../domain/period';
import type { DetailData } from '../loadDetail';
import { DetailChart } from './DetailChart';

export interface BudgetTabProps {
  spec: SloSpec;
  data: DetailData;
  logScale: boolean;
  onLogScale: (v: boolean) => void;
}

export function BudgetTab({ spec, data, logScale, onLogScale }: BudgetTabProps) {
  const styles = useStyles2(getStyles);
  const { budget, group, burndown, period } = data;
  const range = period.range;
  const zone = sloZone(spec);
  const models = useMemo(() => {
    const regions = exclusionRegions(budget);
    const only = group ? { ...budget, groups: [group] } : budget;
    return {
      main: burndown
        ? burndownModel(burndown, range, spec.policy, regions)
        : group?.series
        ? remainingOnlyModel(group.series, range, spec.policy, regions)
        : undefined,
      sli: group?.series ? sliModel(group.series, range, budget.target, regions) : undefined,
      burnRate: burnRateModel(only),
      cumulative: cumulativeModel(only),
    };
  }, [budget, group, burndown, range, spec.policy]);
  if (!group?.buckets) {
    return (
      <p className={styles.muted}>
        Charts cover occurrence-based ratio and latency SLOs; this SLO shows its figures above.
      </p>
    );
  }
  return (
    <div className={styles.grid}>
      {models.main && (
        <DetailChart
          title={burndown ? 'Burn-down (budget left of the period’s allowance) and the ideal line' : 'Budget left'}
          kind="burndown"
          model={models.main}
          range={range}
          timeZone={zone}
        />
      )}
      {models.sli && <DetailChart title="SLI" kind="sli" model={models.sli} range={range} timeZone={zone} />}
      <div>
        <InlineField label="Log scale" tooltip="Keeps the alert thresholds readable next to a large spike">
          <InlineSwitch
            value={logScale}
            onChange={(e) => onLogScale(e.currentTarget.checked)}
            data-testid={pageTestIds.detail.logScale}
          />
        </InlineField>
        <DetailChart
          title="Burn rates, with the alert tiers (dashed)"
          kind="burnRate"
          model={models.burnRate}
          range={range}
          timeZone={zone}
          logScale={logScale}
        />
      </div>
      <DetailChart
        title="Cumulative bad events against allowed bad events"
        kind="cumulative"
        model={models.cumulative}
        range={range}
        timeZone={zone}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(520px, 1fr))', gap: theme.spacing(2) }),
  muted: css({ color: theme.colors.text.secondary }),
});
