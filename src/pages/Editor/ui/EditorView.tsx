// The editor page's plain React view: the form beside its live preview, the save bar, and what a save answered
// (a conflict with "Reload and re-apply", a failed save with the form kept). Read-only (provisioned settings, or no
// write permission): the form cannot change and "Copy as YAML" gives the SLO for the provisioning file.
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, LoadingPlaceholder, Stack, TextLink, useStyles2 } from '@grafana/ui';

import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';
import { ReadOnlyError } from '../../../infrastructure/settings';
import { pageTestIds } from '../../../shared/testIds';
import { API_VERSION, serializeSloFile } from '../../../slo';
import type { EditorSceneState } from '../EditorScene';
import { formFieldPaths, placeErrors } from '../domain/validateForm';
import { ErrorLines, type FieldContext } from './FormField';
import { PreviewPanel } from './PreviewPanel';
import { SloFormFields } from './SloFormFields';

const ids = pageTestIds.editor;

export interface EditorViewProps {
  state: EditorSceneState;
  readOnly?: 'provisioned' | 'permission';
  onForm: (f: EditorSceneState['form']) => void;
  onSave: () => void;
  onReload: () => void;
  onCancel: () => void;
}

export function EditorView({ state: s, readOnly, onForm, onSave, onReload, onCancel }: EditorViewProps) {
  const styles = useStyles2(getStyles);
  const placed = useMemo(() => placeErrors(s.validation.errors, formFieldPaths(s.form)), [s.validation.errors, s.form]);
  const root = {
    'data-testid': ids.root,
    'data-state': s.phase,
    'data-mode': s.mode,
    'data-read-only': readOnly ?? '',
    className: styles.page,
  };
  if (s.phase === 'loading' || s.phase === 'error' || s.phase === 'not-found') {
    return (
      <div {...root}>
        {s.phase === 'loading' && <LoadingPlaceholder text="Loading the app's settings..." />}
        {s.phase === 'error' && (
          <Alert severity="error" title="The editor could not be opened">
            {s.loadError}
          </Alert>
        )}
        {s.phase === 'not-found' && (
          <Alert severity="warning" title="SLO not found">
            No valid SLO with id “{s.sloId}” is in the app&apos;s settings.{' '}
            <TextLink href={`${PLUGIN_BASE_URL}/${ROUTES.Overview}`}>Back to all SLOs</TextLink>
          </Alert>
        )}
      </div>
    );
  }
  const ctx: FieldContext = { errors: placed, readOnly: readOnly !== undefined };
  const unplaced = placed.get('') ?? [];
  const spec = s.validation.spec;
  return (
    <div {...root}>
      {readOnly && (
        <Alert
          severity="info"
          title={readOnly === 'provisioned' ? 'This SLO is provisioned: read-only' : 'You may not change SLOs'}
          data-testid={ids.readOnly}
          data-reason={readOnly}
        >
          <Stack direction="column" gap={1}>
            {new ReadOnlyError(readOnly).message}
            {spec && (
              <div>
                <ClipboardButton
                  icon="copy"
                  variant="secondary"
                  getText={() => serializeSloFile({ apiVersion: API_VERSION, slos: [spec] })}
                >
                  Copy as YAML
                </ClipboardButton>
              </div>
            )}
          </Stack>
        </Alert>
      )}
      {s.saveProblem && (
        <Alert
          severity="error"
          title={s.saveProblem.kind === 'conflict' ? 'Not saved: the SLO changed meanwhile' : 'The SLO was not saved'}
          data-testid={ids.saveError}
          data-kind={s.saveProblem.kind}
        >
          <Stack direction="column" gap={1}>
            <span>{s.saveProblem.message}</span>
            {s.saveProblem.kind !== 'conflict' && <span>Your changes are still in the form.</span>}
            {s.saveProblem.kind === 'conflict' && (
              <div>
                <Button variant="secondary" icon="sync" onClick={onReload}>
                  Reload and re-apply
                </Button>
              </div>
            )}
          </Stack>
        </Alert>
      )}
      {s.reapplied && !s.saveProblem && (
        <Alert severity="info" title="Settings reloaded; your draft is kept" data-testid={ids.reapplied}>
          Your changes now apply over the settings as they are now: review them, then save again.
        </Alert>
      )}
      {unplaced.length > 0 && (
        <Alert severity="error" title="This SLO does not validate">
          <ErrorLines
            path=""
            errors={unplaced.map((e) => ({ text: e.path ? `${e.path}: ${e.message}` : e.message }))}
          />
        </Alert>
      )}
      <div className={styles.columns}>
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
        >
          <SloFormFields form={s.form} onForm={onForm} ctx={ctx} />
          <div className={styles.saveBar}>
            {!readOnly && (
              <Button type="submit" icon="save" disabled={!spec || s.phase === 'saving'}>
                {s.phase === 'saving' ? 'Saving...' : 'Save SLO'}
              </Button>
            )}
            <Button variant="secondary" fill="outline" onClick={onCancel}>
              Cancel
            </Button>
            {!spec && !readOnly && (
              <span className={styles.muted}>
                {s.validation.errors.length} problem{s.validation.errors.length === 1 ? '' : 's'} to fix before saving
              </span>
            )}
          </div>
        </form>
        <aside className={styles.preview}>
          <PreviewPanel preview={s.preview} />
        </aside>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(420px, 3fr) minmax(360px, 2fr)',
    gap: theme.spacing(3),
    alignItems: 'start',
  }),
  form: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  preview: css({ position: 'sticky', top: theme.spacing(2) }),
  saveBar: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    position: 'sticky',
    bottom: 0,
    padding: theme.spacing(1, 0),
    background: theme.colors.background.primary,
  }),
  muted: css({ color: theme.colors.text.secondary }),
});
