// The editor's form over the whole `burndown/v1` SLO: what it measures (indicator, data source), the objective and
// window, budgeting, exclusions, policy (with the presets of src/slo/policyPresets.ts), alerting and labels. Plain
// React over the form model (domain/sloForm.ts); every field carries its document path for its errors.
import { css } from '@emotion/css';
import React from 'react';

import type { DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, FieldSet, InlineSwitch, Input, RadioButtonGroup, Stack, TextArea, useStyles2 } from '@grafana/ui';

import { PROMETHEUS_TYPES } from '../../../infrastructure/datasources/resolveSloDatasource';
import { pageTestIds } from '../../../shared/testIds';
import { CALENDAR_UNITS, COMPARISON_OPS, NO_DATA_POLICIES, POLICY_PRESETS, policyPreset, WEEKDAYS } from '../../../slo';
import { policyForm, type IndicatorKind, type PolicyLevelForm, type SloForm, type WindowKind } from '../domain/sloForm';
import type { SloQueryRole } from '../../../promql';
import { ErrorLines, FormField, inputId, QueryField, type FieldContext } from './FormField';

const ids = pageTestIds.editor;

export interface SloFormFieldsProps {
  form: SloForm;
  onForm: (f: SloForm) => void;
  ctx: FieldContext;
}

const options = <T extends string>(values: readonly T[], label: (v: T) => string = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function SloFormFields({ form: f, onForm, ctx }: SloFormFieldsProps) {
  const styles = useStyles2(getStyles);
  const set = (patch: Partial<SloForm>) => onForm({ ...f, ...patch });
  const text = (key: keyof SloForm, path: string, label: string, description?: string, placeholder?: string) => (
    <FormField path={path} label={label} description={description} ctx={ctx}>
      <Input
        id={inputId(path)}
        value={f[key] as string}
        placeholder={placeholder}
        readOnly={ctx.readOnly}
        onChange={(e) => set({ [key]: e.currentTarget.value } as Partial<SloForm>)}
      />
    </FormField>
  );
  const query = (key: keyof SloForm, path: string, label: string, role: SloQueryRole, description?: string) => (
    <QueryField
      path={path}
      label={label}
      description={description}
      role={role}
      value={f[key] as string}
      onChange={(v) => set({ [key]: v } as Partial<SloForm>)}
      ctx={ctx}
    />
  );
  const radio = <K extends keyof SloForm>(
    key: K,
    path: string,
    label: string,
    choices: Array<{ value: SloForm[K]; label: string }>
  ) => (
    <FormField path={path} label={label} ctx={ctx}>
      <RadioButtonGroup<SloForm[K]>
        options={choices}
        value={f[key]}
        disabled={ctx.readOnly}
        onChange={(v) => set({ [key]: v } as Partial<SloForm>)}
      />
    </FormField>
  );
  const setLevel = (i: number, patch: Partial<PolicyLevelForm>) =>
    set({ policy: f.policy.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  return (
    <div className={styles.column}>
      <FieldSet label="What it is">
        {text(
          'id',
          'id',
          'Id',
          'Lowercase letters, digits and hyphens; links and the CLI use it',
          'checkout-availability'
        )}
        {text('name', 'name', 'Name', undefined, 'Checkout availability')}
        {text('service', 'service', 'Service', 'Optional: groups SLOs on the overview')}
        {text('description', 'description', 'Description')}
      </FieldSet>

      <FieldSet label="What it measures">
        <FormField
          path="datasource"
          label="Data source"
          description="A Prometheus-compatible data source; empty: Grafana's default Prometheus data source"
          ctx={ctx}
        >
          <DataSourcePicker
            inputId={inputId('datasource')}
            current={f.datasourceUid || null}
            type={PROMETHEUS_TYPES}
            noDefault
            disabled={ctx.readOnly}
            onChange={(ds: DataSourceInstanceSettings) => set({ datasourceUid: ds.uid, datasourceType: ds.type })}
            onClear={() => set({ datasourceUid: '', datasourceType: '' })}
          />
        </FormField>
        <FormField path="indicator" label="Indicator" ctx={ctx}>
          <RadioButtonGroup<IndicatorKind>
            id={inputId('indicator')}
            options={[
              { value: 'ratio', label: 'Ratio of events' },
              { value: 'latency', label: 'Latency histogram' },
              { value: 'threshold', label: 'Threshold expression' },
              { value: 'composite', label: 'Composite' },
            ]}
            value={f.indicatorKind}
            disabled={ctx.readOnly}
            onChange={(indicatorKind) => set({ indicatorKind })}
          />
        </FormField>
        {f.indicatorKind === 'ratio' && (
          <>
            {radio('ratioEvents', 'indicator.ratio', 'Counted events', [
              { value: 'bad', label: 'Bad' },
              { value: 'good', label: 'Good' },
            ])}
            {query(
              'ratioQuery',
              `indicator.ratio.${f.ratioEvents}`,
              f.ratioEvents === 'bad' ? 'Bad events' : 'Good events',
              'counter',
              'Counter selectors; Burndown applies increase() itself'
            )}
            {query('ratioTotal', 'indicator.ratio.total', 'Total events', 'counter')}
          </>
        )}
        {f.indicatorKind === 'latency' && (
          <>
            {query(
              'histogram',
              'indicator.latency.histogram',
              'Histogram',
              'histogram',
              'Base name with optional matchers, e.g. http_request_duration_seconds{job="checkout"}'
            )}
            {text(
              'latencyThreshold',
              'indicator.latency.threshold',
              'Threshold (seconds)',
              'One of the histogram’s le bounds'
            )}
          </>
        )}
        {f.indicatorKind === 'threshold' && (
          <>
            {query('thresholdExpr', 'indicator.threshold.expr', 'Expression', 'gauge')}
            {radio('thresholdOp', 'indicator.threshold.op', 'Good when the value is', options(COMPARISON_OPS))}
            {text('thresholdValue', 'indicator.threshold.value', 'Value')}
          </>
        )}
        {f.indicatorKind === 'composite' && (
          <FormField
            path="indicator.composite.components"
            label="Components"
            description="Other SLOs and their weights"
            ctx={ctx}
          >
            <Rows
              items={f.components}
              readOnly={ctx.readOnly}
              add={{ slo: '', weight: '1' }}
              addLabel="Add component"
              onChange={(components) => set({ components })}
              render={(c, update) => (
                <>
                  <Input
                    aria-label="Component SLO id"
                    value={c.slo}
                    onChange={(e) => update({ slo: e.currentTarget.value })}
                  />
                  <Input
                    aria-label="Weight"
                    width={10}
                    value={c.weight}
                    onChange={(e) => update({ weight: e.currentTarget.value })}
                  />
                </>
              )}
            />
          </FormField>
        )}
      </FieldSet>

      <FieldSet label="Objective and window">
        {text('objective', 'objective', 'Objective', 'A percentage such as 99.5% or a fraction such as 0.995')}
        {radio('windowKind', 'window', 'Window', options<WindowKind>(['rolling', 'calendar', 'fixed'], capital))}
        {f.windowKind === 'rolling' &&
          text('rolling', 'window.rolling', 'Rolling window', 'Prometheus units: 28d, 4w, 1h30m')}
        {f.windowKind === 'calendar' && (
          <>
            {radio('calendarUnit', 'window.calendar.unit', 'Calendar unit', options(CALENDAR_UNITS, capital))}
            {text(
              'timeZone',
              'window.calendar.timeZone',
              'Time zone',
              "IANA name, e.g. Europe/Berlin; empty: the app's default time zone (Settings), else UTC"
            )}
            {(f.calendarUnit === 'quarter' || f.calendarUnit === 'year') &&
              text(
                'startMonth',
                'window.calendar.startMonth',
                'Start month',
                '1-12: the month the fiscal year starts in'
              )}
            {f.calendarUnit === 'week' &&
              radio(
                'weekStart',
                'window.calendar.weekStart',
                'Week starts on',
                options(WEEKDAYS, (d) => capital(d).slice(0, 3))
              )}
          </>
        )}
        {f.windowKind === 'fixed' && (
          <Stack gap={2}>
            {text('fixedFrom', 'window.fixed.from', 'From', 'RFC 3339', '2026-08-01T00:00:00Z')}
            {text('fixedTo', 'window.fixed.to', 'To', 'RFC 3339', '2026-09-01T00:00:00Z')}
          </Stack>
        )}
        {radio('budgetingMethod', 'budgetingMethod', 'Budgeting method', [
          { value: 'occurrences', label: 'Occurrences' },
          { value: 'timeslices', label: 'Time slices' },
        ])}
        {f.budgetingMethod === 'timeslices' && (
          <Stack gap={2}>
            {text('sliceLength', 'timeslice.length', 'Slice length')}
            {f.indicatorKind !== 'threshold' && text('sliceTarget', 'timeslice.target', 'Slice target')}
            {radio('sliceNoData', 'timeslice.noData', 'A slice without data is', options(NO_DATA_POLICIES, capital))}
          </Stack>
        )}
        {text(
          'groupBy',
          'groupBy',
          'Group by',
          'Label names, comma-separated: one SLO per combination of their values'
        )}
      </FieldSet>

      <FieldSet label="Exclusions">
        <FormField
          path="exclusions"
          label="Excluded intervals"
          description="Maintenance windows and the like, with a reason"
          ctx={ctx}
        >
          <Rows
            items={f.exclusions}
            readOnly={ctx.readOnly}
            add={{ from: '', to: '', reason: '' }}
            addLabel="Add exclusion"
            onChange={(exclusions) => set({ exclusions })}
            render={(e, update, i) => (
              <>
                {(['from', 'to', 'reason'] as const).map((k) => (
                  <FormField key={k} path={`exclusions[${i}].${k}`} label={capital(k)} ctx={ctx}>
                    <Input
                      id={inputId(`exclusions[${i}].${k}`)}
                      value={e[k]}
                      onChange={(ev) => update({ [k]: ev.currentTarget.value })}
                    />
                  </FormField>
                ))}
              </>
            )}
          />
        </FormField>
      </FieldSet>

      <FieldSet label="Policy">
        <Stack gap={1} wrap="wrap">
          {POLICY_PRESETS.map((p) => (
            <Button
              key={p.id}
              variant="secondary"
              size="sm"
              tooltip={p.description}
              disabled={ctx.readOnly}
              data-testid={ids.preset}
              data-preset={p.id}
              onClick={() => set({ policy: policyForm(policyPreset(p.id)) })}
            >
              {`${p.label} preset`}
            </Button>
          ))}
        </Stack>
        <FormField
          path="policy"
          label="Levels"
          description="Least to most severe; each preset stays editable"
          ctx={ctx}
        >
          <Rows
            items={f.policy}
            readOnly={ctx.readOnly}
            add={{
              name: '',
              below: '',
              burnRateAbove: '',
              burnRateWindow: '',
              actions: '',
              exceptions: '',
              blocksReleases: true,
            }}
            addLabel="Add level"
            onChange={(policy) => set({ policy })}
            render={(l, _update, i) => (
              <div className={styles.level}>
                <Stack gap={2} wrap="wrap">
                  {(
                    [
                      ['name', 'name', 'Level name'],
                      ['below', 'below', 'Below (budget left)'],
                      ['burnRateAbove', 'burnRate.above', 'Or burn rate above'],
                      ['burnRateWindow', 'burnRate.window', 'over'],
                    ] as const
                  ).map(([key, sub, label]) => (
                    <FormField key={key} path={`policy[${i}].${sub}`} label={label} ctx={ctx}>
                      <Input
                        id={inputId(`policy[${i}].${sub}`)}
                        value={l[key]}
                        onChange={(e) => setLevel(i, { [key]: e.currentTarget.value })}
                      />
                    </FormField>
                  ))}
                </Stack>
                <FormField path={`policy[${i}].actions`} label="Actions" description="One per line" ctx={ctx}>
                  <TextArea
                    id={inputId(`policy[${i}].actions`)}
                    rows={2}
                    value={l.actions}
                    onChange={(e) => setLevel(i, { actions: e.currentTarget.value })}
                  />
                </FormField>
                <FormField
                  path={`policy[${i}].exceptions`}
                  label="Exceptions"
                  description="Kinds of change that may still ship, comma-separated: security-fix, sev1-remediation"
                  ctx={ctx}
                >
                  <Input
                    id={inputId(`policy[${i}].exceptions`)}
                    value={l.exceptions}
                    onChange={(e) => setLevel(i, { exceptions: e.currentTarget.value })}
                  />
                </FormField>
                <FormField
                  path={`policy[${i}].blocksReleases`}
                  label="Blocks releases"
                  description="Off for a level that only informs: burndown gate lets releases through it"
                  ctx={ctx}
                >
                  <InlineSwitch
                    id={inputId(`policy[${i}].blocksReleases`)}
                    value={l.blocksReleases}
                    disabled={ctx.readOnly}
                    onChange={(e) => setLevel(i, { blocksReleases: e.currentTarget.checked })}
                  />
                </FormField>
                <ErrorLines
                  path={`policy[${i}]`}
                  errors={(ctx.errors.get(`policy[${i}]`) ?? []).map((e) => ({ text: e.message }))}
                />
              </div>
            )}
          />
        </FormField>
      </FieldSet>

      <FieldSet label="Alerting">
        <Stack gap={2}>
          {(
            [
              ['alertPage', 'alerting.page', 'Page'],
              ['alertTicket', 'alerting.ticket', 'Ticket'],
            ] as const
          ).map(([key, path, label]) => (
            <FormField key={key} path={path} label={label} ctx={ctx}>
              <InlineSwitch
                id={inputId(path)}
                value={f[key]}
                disabled={ctx.readOnly}
                onChange={(e) => set({ [key]: e.currentTarget.checked })}
              />
            </FormField>
          ))}
        </Stack>
        {text('runbook', 'alerting.runbook', 'Runbook URL')}
        {text(
          'minBadEvents',
          'alerting.minBadEvents',
          'Minimum bad events',
          'Burn-rate alerts stay silent below this many bad events in the long window'
        )}
      </FieldSet>

      <FieldSet label="Labels">
        <FormField path="labels" label="Labels" description="Free key/value pairs for filtering" ctx={ctx}>
          <Rows
            items={f.labels}
            readOnly={ctx.readOnly}
            add={{ key: '', value: '' }}
            addLabel="Add label"
            onChange={(labels) => set({ labels })}
            render={(l, update) => (
              <>
                <Input aria-label="Label name" value={l.key} onChange={(e) => update({ key: e.currentTarget.value })} />
                <Input
                  aria-label="Label value"
                  value={l.value}
                  onChange={(e) => update({ value: e.currentTarget.value })}
                />
              </>
            )}
          />
        </FormField>
      </FieldSet>
    </div>
  );
}

interface RowsProps<T> {
  items: T[];
  add: T;
  addLabel: string;
  readOnly: boolean;
  onChange: (items: T[]) => void;
  render: (item: T, update: (patch: Partial<T>) => void, index: number) => React.ReactNode;
}

/** An editable list: each item's fields, a remove button, and an add button. */
function Rows<T>({ items, add, addLabel, readOnly, onChange, render }: RowsProps<T>) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.column}>
      {items.map((item, i) => (
        <div key={i} className={styles.row}>
          {render(item, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))), i)}
          {!readOnly && (
            <Button
              icon="trash-alt"
              variant="secondary"
              fill="text"
              aria-label={`Remove ${i + 1}`}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            />
          )}
        </div>
      ))}
      {!readOnly && (
        <div>
          <Button icon="plus" variant="secondary" size="sm" onClick={() => onChange([...items, { ...add }])}>
            {addLabel}
          </Button>
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start' }),
  level: css({
    flex: 1,
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
});
