// The Import page's plain React view: the source (format, pasted text, uploaded files), the preview table (one row
// per SLO with its notes; a conflict offers rename or skip; refused objects with their reasons), then Import, or, when
// the settings are read-only, the burndown/v1 YAML to copy into the provisioning file.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  ClipboardButton,
  Field,
  FileDropzone,
  FileDropzoneDefaultChildren,
  IconButton,
  Input,
  LinkButton,
  LoadingPlaceholder,
  RadioButtonGroup,
  TextArea,
  useStyles2,
} from '@grafana/ui';

import { PLUGIN_BASE_URL, ROUTES } from '../../../constants';
import type { ImportInput } from '../../../import';
import { describeIndicator, describeWindow } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import { formatPercent as objectiveText } from '../../../slo/percent';
import { DataTable } from '../../shared/DataTable';
import {
  provisioningYaml,
  type ConflictResolution,
  type ImportChoice,
  type ImportPlan,
  type ImportRow,
} from '../domain/importPlan';
import type { ImportFrom, ImportSceneState } from '../ImportScene';
import { ImportNotes } from './ImportNotes';

const ids = pageTestIds.import;

const FORMAT_OPTIONS: Array<{ label: string; value: ImportFrom; description: string }> = [
  { label: 'Auto', value: 'auto', description: 'Decide per YAML document' },
  { label: 'Sloth', value: 'sloth', description: 'prometheus/v1 and sloth.slok.dev/v1' },
  { label: 'Pyrra', value: 'pyrra', description: 'pyrra.dev/v1alpha1' },
  { label: 'OpenSLO', value: 'openslo', description: 'openslo/v1, v1alpha, v2alpha' },
];

const PREVIEW_COLUMNS = ['', 'Id', 'Name', 'Objective', 'Window', 'Indicator', 'Notes'];

const RESOLUTIONS: Array<{ label: string; value: ConflictResolution }> = [
  { label: 'Skip', value: 'skip' },
  { label: 'Rename', value: 'rename' },
];

export interface ImportViewProps {
  state: ImportSceneState;
  plan?: ImportPlan;
  onFrom: (from: ImportFrom) => void;
  onPaste: (text: string) => void;
  onFiles: (files: ImportInput[]) => void;
  onRemoveFile: (name: string) => void;
  onChoose: (id: string, change: Partial<ImportChoice>) => void;
  onImport: () => void;
}

export function ImportView(p: ImportViewProps) {
  const styles = useStyles2(getStyles);
  const { state: s, plan } = p;
  const readOnly = s.snapshot !== undefined && (s.snapshot.provisioned || !s.snapshot.canWrite);
  const pageState = s.loading ? 'loading' : s.saving ? 'saving' : s.savedIds ? 'saved' : s.error ? 'error' : 'ready';
  return (
    <div className={styles.page} data-testid={ids.root} data-state={pageState} data-read-only={String(readOnly)}>
      {readOnly && (
        <Alert severity="info" title="Read-only: copy the result into the provisioning file">
          {s.snapshot?.provisioned
            ? 'The SLOs of this app are provisioned: add the imported SLOs to the provisioning file (jsonData.slos).'
            : 'You may not change the SLOs (writing plugin settings needs plugins:write): give the YAML to an admin.'}
        </Alert>
      )}
      <Field label="Format" description="Which kind of file this is; Auto decides per YAML document.">
        <div data-testid={ids.format}>
          <RadioButtonGroup options={FORMAT_OPTIONS} value={s.from} onChange={p.onFrom} />
        </div>
      </Field>
      <div className={styles.sources}>
        <Field
          label="Paste"
          description="One or more YAML documents (separated by ---): Sloth, Pyrra or OpenSLO."
          className={styles.source}
        >
          <TextArea
            rows={12}
            value={s.pasted}
            onChange={(e) => p.onPaste(e.currentTarget.value)}
            placeholder="version: prometheus/v1"
            className={styles.mono}
            data-testid={ids.paste}
            aria-label="SLO files to import"
          />
        </Field>
        <Field
          label="Or upload files"
          description="Several at once; OpenSLO references may cross files."
          className={styles.source}
        >
          <div data-testid={ids.upload}>
            <FileDropzone
              options={{
                multiple: true,
                accept: ['.yaml', '.yml', '.json'],
                onDrop: (files: File[]) => {
                  Promise.all(files.map(async (f) => ({ file: f.name, text: await f.text() }))).then(p.onFiles);
                },
              }}
              fileListRenderer={() => null}
            >
              <FileDropzoneDefaultChildren primaryText="Drop .yaml, .yml or .json files here, or click to choose" />
            </FileDropzone>
            <ul className={styles.files}>
              {s.files.map((f) => (
                <li key={f.file} data-testid={ids.file} data-file={f.file}>
                  {f.file}{' '}
                  <IconButton
                    name="times"
                    size="sm"
                    tooltip={`Remove ${f.file}`}
                    onClick={() => p.onRemoveFile(f.file)}
                  />
                </li>
              ))}
            </ul>
          </div>
        </Field>
      </div>
      {s.loading && <LoadingPlaceholder text="Reading the app's settings..." />}
      {s.error && (
        <Alert severity="error" title="Not imported" data-testid={ids.error}>
          {s.error}
        </Alert>
      )}
      {plan && <Preview plan={plan} readOnly={readOnly} onChoose={p.onChoose} />}
      {plan && !readOnly && (
        <div className={styles.actions}>
          <Button
            icon="import"
            disabled={s.loading || s.saving || plan.blocked > 0 || plan.toSave.length === 0}
            onClick={p.onImport}
            data-testid={ids.importButton}
          >
            {s.saving ? 'Importing...' : `Import ${plan.toSave.length} SLO${plan.toSave.length === 1 ? '' : 's'}`}
          </Button>
          {plan.blocked > 0 && (
            <span className={styles.muted}>Fix, rename, skip or unselect the SLOs marked in red first.</span>
          )}
        </div>
      )}
      {plan && readOnly && plan.toSave.length > 0 && <ProvisioningYaml plan={plan} />}
      {s.savedIds && (
        <Alert severity="success" title={`Imported ${s.savedIds.length} SLO${s.savedIds.length === 1 ? '' : 's'}`}>
          <div data-testid={ids.saved} data-ids={s.savedIds.join(',')} className={styles.column}>
            <span>{s.savedIds.join(', ')}</span>
            <div>
              <LinkButton href={`${PLUGIN_BASE_URL}/${ROUTES.Overview}`} icon="list-ul" data-testid={ids.overviewLink}>
                Open the overview
              </LinkButton>
            </div>
          </div>
        </Alert>
      )}
    </div>
  );
}

function Preview({
  plan,
  readOnly,
  onChoose,
}: {
  plan: ImportPlan;
  readOnly: boolean;
  onChoose: ImportViewProps['onChoose'];
}) {
  const styles = useStyles2(getStyles);
  const conflicts = plan.rows.filter((r) => r.conflict).length;
  const notes = plan.rows.reduce((n, r) => n + r.notes.length, plan.otherNotes.length);
  return (
    <section aria-label="Preview" className={styles.column}>
      <p
        data-testid={ids.summary}
        data-to-save={plan.toSave.length}
        data-conflicts={conflicts}
        data-refused={plan.refused.length}
        data-notes={notes}
        data-blocked={plan.blocked}
      >
        {plan.toSave.length} of {plan.rows.length} SLO{plan.rows.length === 1 ? '' : 's'} to{' '}
        {readOnly ? 'copy' : 'import'}, {conflicts} conflict{conflicts === 1 ? '' : 's'}, {plan.refused.length} refused,{' '}
        {notes} note{notes === 1 ? '' : 's'}
      </p>
      <DataTable columns={PREVIEW_COLUMNS} aria-label="SLOs to import">
        {plan.rows.map((r) => (
          <PreviewRow key={r.id} row={r} onChoose={onChoose} />
        ))}
        {plan.refused.map((r) => (
          <tr key={r.key} data-testid={ids.refused} data-slo-id={r.sloId ?? ''} className={styles.refusedRow}>
            <td>
              <Badge color="red" text="Refused" icon="ban" />
            </td>
            <td>{r.sloId ?? <span className={styles.muted}>{r.refusals[0].file}</span>}</td>
            <td colSpan={4} className={styles.muted}>
              Not imported: nothing of this object is saved; the rest still imports.
            </td>
            <td>
              <ImportNotes notes={r.refusals} kind="refused" />
            </td>
          </tr>
        ))}
      </DataTable>
      {plan.otherNotes.length > 0 && <ImportNotes notes={plan.otherNotes} kind="note" />}
    </section>
  );
}

function PreviewRow({ row: r, onChoose }: { row: ImportRow; onChoose: ImportViewProps['onChoose'] }) {
  const styles = useStyles2(getStyles);
  return (
    <tr
      data-testid={ids.row}
      data-slo-id={r.id}
      data-selected={String(r.selected)}
      data-conflict={String(r.conflict)}
      data-saved-id={r.savedId ?? ''}
      className={r.selected && r.problem ? styles.blockedRow : undefined}
    >
      <td>
        <Checkbox
          value={r.selected}
          onChange={(e) => onChoose(r.id, { selected: e.currentTarget.checked })}
          aria-label={`Import ${r.id}`}
          data-testid={ids.select}
        />
      </td>
      <td>
        <div className={styles.column}>
          <code>{r.id}</code>
          {r.conflict && (
            <>
              <Badge color="orange" text="Exists in the settings" icon="exclamation-triangle" />
              <div data-testid={ids.resolution}>
                <RadioButtonGroup
                  size="sm"
                  options={RESOLUTIONS}
                  value={r.resolution}
                  disabled={!r.selected}
                  onChange={(v) => onChoose(r.id, { resolution: v })}
                />
              </div>
              {r.resolution === 'rename' && r.selected && <RenameInput row={r} onChoose={onChoose} />}
            </>
          )}
          {r.selected && r.problem && (
            <span className={styles.problem} data-testid={ids.problem}>
              {r.problem}
            </span>
          )}
        </div>
      </td>
      <td>{r.spec.name}</td>
      <td>{objectiveText(r.spec.objective)}</td>
      <td>{describeWindow(r.spec.window)}</td>
      <td>{describeIndicator(r.spec.indicator)}</td>
      <td>
        {r.notes.length > 0 ? <ImportNotes notes={r.notes} kind="note" /> : <span className={styles.muted}>none</span>}
      </td>
    </tr>
  );
}

function RenameInput({ row, onChoose }: { row: ImportRow; onChoose: ImportViewProps['onChoose'] }) {
  return (
    <Input
      value={row.rename ?? ''}
      invalid={row.problem !== undefined}
      aria-label={`New id for ${row.id}`}
      data-testid={ids.rename}
      onChange={(e) => onChoose(row.id, { rename: e.currentTarget.value })}
    />
  );
}

function ProvisioningYaml({ plan }: { plan: ImportPlan }) {
  const styles = useStyles2(getStyles);
  const yaml = provisioningYaml(plan);
  return (
    <section aria-label="YAML for the provisioning file" className={styles.column}>
      <div>
        <ClipboardButton icon="copy" variant="primary" getText={() => yaml} data-testid={ids.copyYaml}>
          Copy as YAML
        </ClipboardButton>
      </div>
      <pre className={styles.yaml} data-testid={ids.yaml}>
        {yaml}
      </pre>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), alignItems: 'flex-start' }),
  sources: css({ display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' }),
  source: css({ flex: '1 1 420px', marginBottom: 0 }),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
  files: css({ listStyle: 'none', margin: theme.spacing(1, 0, 0), padding: 0 }),
  actions: css({ display: 'flex', gap: theme.spacing(2), alignItems: 'center' }),
  muted: css({ color: theme.colors.text.secondary }),
  refusedRow: css({ background: theme.colors.error.transparent }),
  blockedRow: css({ outline: `1px solid ${theme.colors.error.border}` }),
  problem: css({ color: theme.colors.error.text }),
  yaml: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    maxHeight: 480,
    overflow: 'auto',
  }),
});
