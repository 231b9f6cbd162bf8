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
import type { FieldChange } from '../domain/conflictMerge';
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
            {s.saveProblem.kind === 'conflict' && s.conflict && <ConflictChanges conflict={s.conflict} />}
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
        <Alert severity="info" title="Settings reloaded; your changes re-applied" data-testid={ids.reapplied}>
          <Stack direction="column" gap={1}>
            <span>The form holds the SLO as stored now with your changes on top: review it, then save again.</span>
            {s.review && s.review.length > 0 && (
              <>
                <span>Changed by both of you, yours kept (review these):</span>
                <ChangeList changes={s.review} />
              </>
            )}
          </Stack>
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

/** What someone else changed since the form was opened, and what "Reload and re-apply" will do with it. */
function ConflictChanges({ conflict }: { conflict: NonNullable<EditorSceneState['conflict']> }) {
  if (conflict.gone) {
    return (
      <span>It is no longer stored under this id (deleted or renamed); saving again stores your form as it is.</span>
    );
  }
  if (conflict.changes.length === 0) {
    return <span>No field of this SLO differs from when you opened it (only its revision changed).</span>;
  }
  return (
    <>
      <span>Changed by someone else since you opened the form (theirs → yours):</span>
      <ChangeList changes={conflict.changes} />
      <span>
        Reload and re-apply takes their version and puts your changes back on top; where you both changed a field, yours
        is kept for you to review.
      </span>
    </>
  );
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.changes}>
      {changes.map((c) => (
        <li key={c.field} data-testid={ids.theirChange} data-field={c.field} data-both={c.both}>
          <strong>{c.label}</strong>: <code>{c.theirs}</code> → <code>{c.yours}</code>
          {c.both ? ' (you changed it too)' : ' (theirs is kept)'}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  changes: css({ margin: 0, paddingLeft: theme.spacing(2) }),
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
