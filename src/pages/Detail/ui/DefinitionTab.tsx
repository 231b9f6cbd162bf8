// The definition tab: the SLO as burndown/v1 YAML (src/slo/serialize.ts) with "copy as YAML", a link to its counters
// in Explore and a dashboard with its error-budget panel to import (domain/links.ts).
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { ClipboardButton, LinkButton, useStyles2 } from '@grafana/ui';

import { API_VERSION, type SloSpec } from '../../../slo/types';
import { serializeSloFile } from '../../../slo';
import { pageTestIds } from '../../../shared/testIds';
import { budgetDashboardJson, exploreUrl } from '../domain/links';
import { ExportSlos } from '../../shared/ExportSlos';

const ids = pageTestIds.detail;

export interface DefinitionTabProps {
  spec: SloSpec;
  /** The period shown and the SLO's data source, once loaded. */
  range?: { from: number; to: number };
  datasource?: { uid: string; type: string };
}

export function DefinitionTab({ spec, range, datasource }: DefinitionTabProps) {
  const styles = useStyles2(getStyles);
  const yaml = useMemo(() => serializeSloFile({ apiVersion: API_VERSION, slos: [spec] }), [spec]);
  const one = useMemo(() => [spec], [spec]);
  const explore = useMemo(
    () => (datasource && range ? exploreUrl(spec, datasource, range) : undefined),
    [spec, range, datasource]
  );
  return (
    <div className={styles.column}>
      <div className={styles.row}>
        <ClipboardButton icon="copy" variant="secondary" getText={() => yaml}>
          Copy as YAML
        </ClipboardButton>
        <ClipboardButton icon="apps" variant="secondary" getText={() => budgetDashboardJson(spec)}>
          Copy dashboard JSON (Dashboards › New › Import)
        </ClipboardButton>
        {explore && (
          <LinkButton icon="compass" variant="secondary" href={explore} target="_blank" data-testid={ids.exploreLink}>
            Open counters in Explore
          </LinkButton>
        )}
      </div>
      <ExportSlos slos={one} baseName={spec.id} />
      <pre className={styles.yaml} data-testid={ids.yaml}>
        {yaml}
      </pre>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({ display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' }),
  yaml: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
});
