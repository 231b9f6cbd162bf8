// Export controls: SLOs as burndown/v1 YAML or OpenSLO (src/import/exportSlos.ts, the one renderer), as a download
// and to the clipboard, with a note for each field OpenSLO cannot express. `ExportSlos` exports the SLOs it is given
// (the detail page: one); `OverviewExport` reads the stored SLOs when opened and exports those the overview's filter
// shows, or all.
import { css } from '@emotion/css';
import React, { useEffect, useMemo, useState } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Button, ClipboardButton, LoadingPlaceholder, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { exportSlos, type ExportTarget } from '../../import';
import { grafanaSloRepository, settingsErrorMessage } from '../../infrastructure/settings';
import { pageTestIds } from '../../shared/testIds';
import type { SloSpec } from '../../slo/types';
import { downloadText } from '../Reports/ui/download';

const ids = pageTestIds.export;

const TARGETS: Array<{ label: string; value: ExportTarget; description: string }> = [
  { label: 'Burndown YAML', value: 'burndown', description: 'burndown/v1, as provisioning and jsonData.slos hold it' },
  { label: 'OpenSLO', value: 'openslo', description: 'OpenSLO v1 SLO documents with their SLI inline' },
];

export interface ExportSlosProps {
  slos: readonly SloSpec[];
  /** The download's file name without extension. */
  baseName: string;
  /** Shown before the format choice (the overview's scope). */
  children?: React.ReactNode;
}

export function ExportSlos({ slos, baseName, children }: ExportSlosProps) {
  const styles = useStyles2(getStyles);
  const [target, setTarget] = useState<ExportTarget>('burndown');
  const out = useMemo(() => exportSlos(slos, target, baseName), [slos, target, baseName]);
  return (
    <div className={styles.column} data-testid={ids.root} data-state="ready" data-count={out.written}>
      <div className={styles.row}>
        {children}
        <div data-testid={ids.target}>
          <RadioButtonGroup size="sm" options={TARGETS} value={target} onChange={setTarget} />
        </div>
        <Button
          icon="download-alt"
          variant="secondary"
          size="sm"
          disabled={out.written === 0}
          onClick={() => downloadText(out.fileName, out.text, out.mimeType)}
          data-testid={ids.download}
        >
          Download {out.fileName}
        </Button>
        <ClipboardButton
          icon="copy"
          variant="secondary"
          size="sm"
          disabled={out.written === 0}
          getText={() => out.text}
          data-testid={ids.copy}
        >
          Copy
        </ClipboardButton>
      </div>
      {out.notes.length > 0 && (
        <div>
          <span className={styles.muted}>
            {out.written} of {slos.length} SLO{slos.length === 1 ? '' : 's'} written; OpenSLO cannot express:
          </span>
          <ul className={styles.notes}>
            {out.notes.map((n, i) => (
              <li key={i} data-testid={ids.note} data-slo-id={n.sloId ?? ''} data-path={n.path}>
                <code>{n.sloId}</code> <code>{n.path}</code>: {n.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export interface OverviewExportProps {
  /** The SLOs the overview's filter shows, in its order. */
  visibleIds: readonly string[];
}

/** The overview's "Export" toggle: the SLOs the filter shows, or all, read from the settings when opened. */
export function OverviewExport({ visibleIds }: OverviewExportProps) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'shown' | 'all'>('shown');
  const [all, setAll] = useState<SloSpec[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!open) {
      return;
    }
    let active = true;
    grafanaSloRepository()
      .load()
      .then((s) => active && setAll(s.slos))
      .catch((e: unknown) => active && setError(settingsErrorMessage(e)));
    return () => {
      active = false;
    };
  }, [open]);
  const shown = useMemo(() => {
    const byId = new Map((all ?? []).map((s) => [s.id, s]));
    return visibleIds.map((id) => byId.get(id)).filter((s): s is SloSpec => s !== undefined);
  }, [all, visibleIds]);
  return (
    <div className={styles.column}>
      <div>
        <Button
          icon={open ? 'angle-down' : 'angle-right'}
          variant="secondary"
          size="sm"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid={ids.open}
        >
          Export
        </Button>
      </div>
      {open && error && <span className={styles.error}>The SLOs could not be read: {error}</span>}
      {open && !error && !all && <LoadingPlaceholder text="Reading the SLOs..." />}
      {open && all && (
        <ExportSlos slos={scope === 'all' ? all : shown} baseName={scope === 'all' ? 'slos' : 'slos-filtered'}>
          <div data-testid={ids.scope}>
            <RadioButtonGroup
              size="sm"
              options={[
                { label: `Shown by the filter (${shown.length})`, value: 'shown' },
                { label: `All (${all.length})`, value: 'all' },
              ]}
              value={scope}
              onChange={setScope}
            />
          </div>
        </ExportSlos>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap', alignItems: 'center' }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
  notes: css({ margin: 0, paddingLeft: theme.spacing(2), fontSize: theme.typography.bodySmall.fontSize }),
});
