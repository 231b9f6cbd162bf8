// The period picker: this period, any month, a rolling window, a custom fixed range, and the previous complete periods
// as a row of small results (met or missed, final SLI, budget used); choosing one reloads the page's period.
import { css, cx } from '@emotion/css';
import React, { useEffect, useState } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, Input, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { formatPercent, sliDecimals } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { formatRfc3339 } from '../../../slo';
import type { SloSpec } from '../../../slo/types';
import { defaultRollingDuration, parsePeriod, type PeriodChoice } from '../domain/period';
import type { PeriodResult } from '../loadDetail';

const ids = pageTestIds.detail;
type Kind = 'current' | 'month' | 'rolling' | 'range' | 'period';

export interface PeriodPickerProps {
  spec: SloSpec;
  choice: PeriodChoice;
  previous?: PeriodResult[];
  previousError?: string;
  onChoice: (c: PeriodChoice) => void;
}

export function PeriodPicker({ spec, choice, previous, previousError, onChoice }: PeriodPickerProps) {
  const styles = useStyles2(getStyles);
  const [kind, setKind] = useState<Kind>(choice.kind);
  const [month, setMonth] = useState(choice.kind === 'month' ? choice.month : new Date().toISOString().slice(0, 7));
  const [rolling, setRolling] = useState(choice.kind === 'rolling' ? choice.duration : defaultRollingDuration(spec));
  const [from, setFrom] = useState(choice.kind === 'range' ? formatRfc3339(choice.from) : '');
  const [to, setTo] = useState(choice.kind === 'range' ? formatRfc3339(choice.to) : '');
  const [problem, setProblem] = useState<string>();
  // The URL (back, a link) may change the choice under the picker.
  useEffect(() => setKind(choice.kind), [choice]);

  const apply = (c: PeriodChoice | { error: string }) => {
    if ('error' in c) {
      setProblem(c.error);
      return;
    }
    setProblem(undefined);
    onChoice(c);
  };
  const options = [
    { label: spec.window.kind === 'rolling' ? 'Now' : 'This period', value: 'current' as Kind },
    { label: 'Month', value: 'month' as Kind },
    { label: 'Rolling', value: 'rolling' as Kind },
    { label: 'Custom range', value: 'range' as Kind },
  ];
  const decimals = sliDecimals(spec.objective);
  return (
    <section className={styles.box} aria-label="Period">
      <div className={styles.row}>
        <RadioButtonGroup
          options={options.map((o) => ({ ...o, 'data-testid': ids.periodKind, 'data-kind': o.value }))}
          value={kind === 'period' ? undefined : kind}
          onChange={(k) => {
            setKind(k);
            if (k === 'current') {
              apply({ kind: 'current' });
            }
          }}
        />
        {kind === 'month' && (
          <>
            <Input
              type="month"
              width={20}
              value={month}
              onChange={(e) => setMonth(e.currentTarget.value)}
              data-testid={ids.monthInput}
              aria-label="Month"
            />
            <Button variant="secondary" onClick={() => apply(parsePeriod({ period: `month:${month}` }))}>
              Show month
            </Button>
          </>
        )}
        {kind === 'rolling' && (
          <>
            <Input
              width={12}
              value={rolling}
              onChange={(e) => setRolling(e.currentTarget.value)}
              data-testid={ids.rollingInput}
              aria-label="Rolling window"
            />
            <Button variant="secondary" onClick={() => apply(parsePeriod({ period: `rolling:${rolling}` }))}>
              Show rolling window
            </Button>
          </>
        )}
        {kind === 'range' && (
          <>
            <Input
              width={26}
              placeholder="2026-08-10T00:00:00Z"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              data-testid={ids.rangeFrom}
              aria-label="From"
            />
            <Input
              width={26}
              placeholder="2026-08-17T00:00:00Z"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              data-testid={ids.rangeTo}
              aria-label="To"
            />
            <Button
              variant="secondary"
              data-testid={ids.applyRange}
              onClick={() => apply(parsePeriod({ period: 'range', start: from, end: to }))}
            >
              Show range
            </Button>
          </>
        )}
        {problem && <span className={styles.error}>{problem}</span>}
      </div>
      <div className={styles.previous} aria-label="Previous periods">
        {previousError && <span className={styles.error}>Previous periods: {previousError}</span>}
        {!previous && !previousError && <span className={styles.muted}>Loading previous periods...</span>}
        {previous?.map((r) => {
          const selected = JSON.stringify(choice) === JSON.stringify(r.period.choice);
          return (
            <button
              key={r.period.start}
              type="button"
              className={cx(styles.card, selected && styles.selected)}
              onClick={() => onChoice(r.period.choice)}
              data-testid={ids.previous}
              data-start={r.period.start}
              data-end={r.period.end}
              data-met={r.met === null ? '' : String(r.met)}
              data-sli={r.sli ?? ''}
              data-consumed={r.consumed ?? ''}
              aria-pressed={selected}
            >
              <strong>{r.period.label}</strong>{' '}
              {r.met === null ? (
                <Badge text="No data" color="orange" />
              ) : r.met ? (
                <Badge text="Met" color="green" icon="check" />
              ) : (
                <Badge text="Missed" color="red" icon="times" />
              )}
              <div className={styles.muted}>SLI {formatPercent(r.sli, decimals)}</div>
              <div className={styles.muted}>Budget used {formatPercent(r.consumed)}</div>
            </button>
          );
        })}
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  previous: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) }),
  card: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.primary,
    padding: theme.spacing(1),
    textAlign: 'left',
    cursor: 'pointer',
    minWidth: 150,
  }),
  selected: css({ borderColor: theme.colors.primary.border, boxShadow: `0 0 0 1px ${theme.colors.primary.border}` }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
});
