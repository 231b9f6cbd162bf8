// The Settings page's plain React view: where the SLOs come from, how many validate (each invalid one with its
// errors), and the defaults form. Save is there only for users who may write settings that are not provisioned.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Icon, Input, LinkButton, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import { PROMETHEUS_TYPES } from '../../../infrastructure/datasources/resolveSloDatasource';
import type { SloSettingsSnapshot } from '../../../infrastructure/settings';
import { formatSloError } from '../../../slo';
import { pageTestIds } from '../../../shared/testIds';
import {
  INVALID_SLOS_URL,
  settingsWritable,
  type SettingsForm,
  type SettingsFormErrors,
} from '../domain/settingsForm';

const ids = pageTestIds.settings;

export interface SettingsViewProps {
  snapshot?: SloSettingsSnapshot;
  loadError?: string;
  form: SettingsForm;
  errors: SettingsFormErrors;
  saving: boolean;
  saveError?: string;
  saved: boolean;
  onChange(form: SettingsForm): void;
  onSave(): void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function SettingsView(p: SettingsViewProps) {
  const styles = useStyles2(getStyles);
  const s = p.snapshot;
  const state = p.loadError ? 'error' : s ? 'done' : 'loading';
  return (
    <div
      className={styles.page}
      data-testid={ids.root}
      data-state={state}
      data-provisioned={s ? String(s.provisioned) : undefined}
      data-can-write={s ? String(s.canWrite) : undefined}
    >
      {p.loadError && (
        <Alert severity="error" title="The app's settings could not be read" data-testid={ids.error}>
          {p.loadError}
        </Alert>
      )}
      {!s && !p.loadError && <LoadingPlaceholder text="Loading the app's settings..." />}
      {s && (
        <>
          <SourceSection snapshot={s} />
          <SlosSection snapshot={s} />
          <DefaultsSection {...p} snapshot={s} />
        </>
      )}
    </div>
  );
}

function SourceSection({ snapshot: s }: { snapshot: SloSettingsSnapshot }) {
  return s.provisioned ? (
    <Alert severity="info" title="Managed by provisioning" data-testid={ids.source} data-provisioned="true">
      The SLOs and these settings come from a provisioning file (provisioning/plugins/*.yaml, with{' '}
      <code>provisioned: true</code> in its jsonData). Grafana rewrites the app&apos;s settings from that file every
      time it restarts, so anything saved here would be lost: the SLO editors and this page are read-only. Change the
      provisioning file instead; each SLO&apos;s &quot;Copy as YAML&quot; gives the text to paste there.
    </Alert>
  ) : (
    <p data-testid={ids.source} data-provisioned="false">
      The SLOs are managed in the app: the editors save them in the app&apos;s settings (Grafana&apos;s plugin settings,{' '}
      <code>jsonData.slos</code>).
    </p>
  );
}

function SlosSection({ snapshot: s }: { snapshot: SloSettingsSnapshot }) {
  const styles = useStyles2(getStyles);
  return (
    <FieldSet label="SLOs">
      <p>
        <span data-testid={ids.validCount} data-value={s.slos.length}>
          {plural(s.slos.length, 'valid SLO')}
        </span>
        ,{' '}
        <span
          data-testid={ids.invalidCount}
          data-value={s.invalid.length}
          className={s.invalid.length > 0 ? styles.errorText : undefined}
        >
          {s.invalid.length > 0 && <Icon name="exclamation-triangle" />} {plural(s.invalid.length, 'invalid SLO')}
        </span>
        {s.invalid.length > 0 && <> (not evaluated)</>}
      </p>
      {s.invalid.length > 0 && (
        <LinkButton
          href={INVALID_SLOS_URL}
          variant="secondary"
          fill="outline"
          size="sm"
          icon="filter"
          className={styles.link}
          data-testid={ids.invalidLink}
        >
          Show the invalid SLOs on the overview
        </LinkButton>
      )}
      {s.invalid.length > 0 && (
        <ul className={styles.list}>
          {s.invalid.map((x) => (
            <li key={x.index} data-testid={ids.invalid} data-index={x.index}>
              <strong>{x.name ?? x.id ?? `SLO #${x.index + 1}`}</strong>
              {x.id && x.name ? <span className={styles.muted}> ({x.id})</span> : null}
              <ul className={styles.errors}>
                {x.errors.map((e, i) => (
                  <li key={i} className={styles.errorText}>
                    {formatSloError(e)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </FieldSet>
  );
}

function DefaultsSection(p: SettingsViewProps & { snapshot: SloSettingsSnapshot }) {
  const styles = useStyles2(getStyles);
  const s = p.snapshot;
  const writable = settingsWritable(s);
  const invalid = Object.keys(p.errors).length > 0;
  return (
    <FieldSet label="Defaults for SLOs">
      {s.defaultErrors.map((e) => (
        <Alert key={e.path} severity="warning" title="A stored default is not applied" data-testid={ids.defaultError}>
          {formatSloError(e)}
        </Alert>
      ))}
      <Field
        label="Default data source"
        description="For SLOs that name no data source. Empty: Grafana's default Prometheus data source."
        disabled={!writable}
      >
        <div data-testid={ids.datasource} className={styles.control}>
          <DataSourcePicker
            current={p.form.datasource ?? null}
            type={PROMETHEUS_TYPES}
            noDefault
            disabled={!writable}
            placeholder="Grafana's default Prometheus data source"
            onChange={(ds) => p.onChange({ ...p.form, datasource: { uid: ds.uid, type: ds.type } })}
            onClear={writable ? () => p.onChange({ ...p.form, datasource: undefined }) : undefined}
          />
        </div>
      </Field>
      <Field
        label="Default time zone"
        description="For calendar windows that name no time zone: an IANA name such as Europe/Berlin. Empty: UTC."
        invalid={p.errors.timeZone !== undefined}
        error={p.errors.timeZone}
        disabled={!writable}
      >
        <Input
          className={styles.control}
          data-testid={ids.timeZone}
          value={p.form.timeZone}
          placeholder="UTC"
          disabled={!writable}
          onChange={(e) => p.onChange({ ...p.form, timeZone: e.currentTarget.value })}
        />
      </Field>
      {p.saveError && (
        <Alert severity="error" title="Not saved" data-testid={ids.saveError}>
          {p.saveError}
        </Alert>
      )}
      {writable ? (
        <div className={styles.actions}>
          <Button
            data-testid={ids.save}
            onClick={p.onSave}
            disabled={p.saving || invalid}
            icon={p.saving ? 'spinner' : undefined}
          >
            Save settings
          </Button>
          {p.saved && (
            <span data-testid={ids.saved} className={styles.muted}>
              <Icon name="check" /> Saved
            </span>
          )}
        </div>
      ) : (
        <p data-testid={ids.readOnly} className={styles.muted}>
          <Icon name="lock" />{' '}
          {s.provisioned
            ? 'Read-only: provisioning manages these settings.'
            : 'Read-only: changing the app settings needs the plugins:write permission (an org Admin has it).'}
        </p>
      )}
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), maxWidth: 900 }),
  control: css({ maxWidth: 480 }),
  link: css({ marginBottom: theme.spacing(1) }),
  list: css({ margin: theme.spacing(0, 0, 0, 3) }),
  errors: css({ margin: theme.spacing(0, 0, 0, 3), listStyle: 'circle' }),
  muted: css({ color: theme.colors.text.secondary }),
  errorText: css({ color: theme.colors.error.text }),
  actions: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2) }),
});
