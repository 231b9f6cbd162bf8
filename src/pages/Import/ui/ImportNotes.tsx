// The notes and refusals of an import, each in the one SLO-error wording (`formatImportNote`, i.e. formatSloError:
// `file:line:col: path: message`, or `file: path: message` without a position), as the overview, the Settings page
// and the CLI print them. The position stays readable by tests in data attributes.
import { css } from '@emotion/css';
import React from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { formatImportNote, type ImportNote } from '../../../import';
import { pageTestIds } from '../../../shared/testIds';

const ids = pageTestIds.import;

export function ImportNotes({ notes, kind }: { notes: readonly ImportNote[]; kind: 'note' | 'refused' }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.notes}>
      {notes.map((n, i) => (
        <li
          key={i}
          data-testid={ids.note}
          data-kind={kind}
          data-file={n.file}
          data-line={n.line}
          data-column={n.column}
          data-path={n.path}
          className={kind === 'refused' ? styles.problem : undefined}
        >
          {formatImportNote(n)}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  notes: css({ margin: 0, paddingLeft: theme.spacing(2), fontSize: theme.typography.bodySmall.fontSize }),
  problem: css({ color: theme.colors.error.text }),
});
