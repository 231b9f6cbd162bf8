// The detail page's Alerts tab: the SLO's generated Prometheus rules (copy, download), its Grafana-managed alert rules
// (create or update in a chosen folder and group, delete; Grafana's messages shown verbatim), and which of its alerts
// fire now (Prometheus' ALERTS through the data source, Grafana's rule state). Writing is offered only to users with
// alert.provisioning:write; Grafana still decides (a 403 is shown as such).
import { css } from '@emotion/css';
import React, { useCallback, useEffect, useMemo, useState } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, Combobox, Field, Input, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import {
  deleteSloAlertRules,
  grafanaFiringAlerts,
  listFolders,
  prometheusFiringAlerts,
  sloAlertRules,
  upsertSloRuleGroup,
  type AlertingHttp,
  type FiringAlert,
  type GrafanaFolder,
  type StoredAlertRule,
} from '../../../infrastructure/grafanaAlerting';
import type { PromClient } from '../../../query';
import { firingSinceText } from '../../../shared/format';
import { pageTestIds } from '../../../shared/testIds';
import type { SloSpec } from '../../../slo/types';
import { DEFAULT_RULE_GROUP, rulesFileName, rulesLocation, sloRulesYaml, sortFiring } from '../domain/alerts';
import { DataTable } from '../../shared/DataTable';

const ids = pageTestIds.detail;

export interface AlertsTabDeps {
  http: AlertingHttp;
  promClient: (uid: string, type: string) => PromClient;
  now: () => number;
}

export interface AlertsTabProps {
  spec: SloSpec;
  /** The SLO's Prometheus data source (undefined until the page resolved it). */
  datasource?: { uid: string; type: string };
  /** The active policy level as one sentence ('' when none). */
  policy: string;
  canWrite: boolean;
  deps: AlertsTabDeps;
}

type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; error: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface Firing {
  alerts: FiringAlert[];
  errors: string[];
}

export function AlertsTab({ spec, datasource, policy, canWrite, deps }: AlertsTabProps) {
  const styles = useStyles2(getStyles);
  const yaml = useMemo(() => sloRulesYaml(spec), [spec]);
  const [rules, setRules] = useState<Loaded<{ folders: GrafanaFolder[]; stored: StoredAlertRule[] }>>({
    state: 'loading',
  });
  const [folderUid, setFolderUid] = useState<string>();
  const [group, setGroup] = useState(DEFAULT_RULE_GROUP);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [firing, setFiring] = useState<Firing>();

  const loadRules = useCallback(async () => {
    try {
      const [folders, stored] = await Promise.all([listFolders(deps.http), sloAlertRules(deps.http, spec.id)]);
      setRules({ state: 'done', value: { folders, stored } });
      const where = rulesLocation(stored);
      if (where) {
        setFolderUid(where.folderUid);
        setGroup(where.ruleGroup);
      } else {
        setFolderUid((f) => f ?? folders[0]?.uid);
      }
    } catch (e) {
      setRules({ state: 'error', error: message(e) });
    }
  }, [deps.http, spec.id]);

  useEffect(() => {
    loadRules();
  }, [loadRules]);

  useEffect(() => {
    if (!datasource) {
      return;
    }
    let live = true;
    const errors: string[] = [];
    const read = (source: string, p: Promise<FiringAlert[]>) =>
      p.catch((e) => {
        errors.push(`could not read alerts (${source}): ${message(e)}`);
        return [] as FiringAlert[];
      });
    Promise.all([
      read(
        'Prometheus ALERTS',
        prometheusFiringAlerts(deps.promClient(datasource.uid, datasource.type), spec.id, deps.now())
      ),
      read('Grafana-managed rules', grafanaFiringAlerts(deps.http, spec.id)),
    ]).then(([prom, grafana]) => {
      if (live) {
        setFiring({ alerts: sortFiring([...prom, ...grafana]), errors });
      }
    });
    return () => {
      live = false;
    };
  }, [datasource, deps, spec.id]);

  const stored = rules.state === 'done' ? rules.value.stored : [];
  const exists = stored.length > 0;
  const where = rulesLocation(stored);
  const folderTitle = (uid?: string) =>
    (rules.state === 'done' && rules.value.folders.find((f) => f.uid === uid)?.title) || uid || '';

  const write = async () => {
    if (!folderUid || !datasource) {
      return;
    }
    setBusy(true);
    setResult(undefined);
    try {
      const r = await upsertSloRuleGroup(deps.http, spec, {
        folderUid,
        ruleGroup: group.trim(),
        datasourceUid: datasource.uid,
      });
      setResult({
        kind: 'success',
        text:
          `${r.action === 'created' ? 'Created' : 'Updated'} ${r.uids.length} Grafana alert rules in ` +
          `${folderTitle(folderUid)} / ${group.trim()}` +
          (r.moved > 0 ? ` (moved ${r.moved} from their previous folder or group)` : '') +
          '.',
      });
    } catch (e) {
      setResult({ kind: 'error', text: message(e) });
    }
    setBusy(false);
    await loadRules();
  };

  const remove = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const n = await deleteSloAlertRules(deps.http, spec.id);
      setResult({ kind: 'success', text: `Deleted ${n} Grafana alert rules.` });
    } catch (e) {
      setResult({ kind: 'error', text: message(e) });
    }
    setBusy(false);
    await loadRules();
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = rulesFileName(spec);
    a.click();
    URL.revokeObjectURL(url);
  };

  const alertingOff = !spec.alerting.page && !spec.alerting.ticket;
  return (
    <div
      className={styles.tab}
      data-testid={ids.alerts}
      data-state={rules.state}
      data-rules={stored.length}
      data-location={where ? `${where.folderUid}/${where.ruleGroup}` : ''}
    >
      {policy && (
        <Alert severity="warning" title={policy} data-testid={ids.alertsPolicy}>
          The SLO&apos;s policy level is active: releases follow its actions (burndown gate).
        </Alert>
      )}
      <section>
        <h3>Prometheus rules</h3>
        <p className={styles.muted}>
          What <code>burndown rules</code> writes for this SLO: recording rules per burn-rate window and multi-window
          burn-rate alerts (docs/alerting.md). Load it into Prometheus (rule_files) or any ruler.
        </p>
        <div className={styles.row}>
          <ClipboardButton icon="copy" variant="secondary" getText={() => yaml}>
            Copy
          </ClipboardButton>
          <Button icon="download-alt" variant="secondary" onClick={download} data-testid={ids.rulesDownload}>
            Download {rulesFileName(spec)}
          </Button>
        </div>
        <pre className={styles.yaml} data-testid={ids.rulesYaml}>
          {yaml}
        </pre>
      </section>
      <section>
        <h3>Grafana-managed alert rules</h3>
        {alertingOff && (
          <Alert severity="info" title="Alerting is off for this SLO">
            Set alerting.page or alerting.ticket in its definition to generate rules.
          </Alert>
        )}
        {rules.state === 'loading' && <LoadingPlaceholder text="Reading Grafana's alert rules..." />}
        {rules.state === 'error' && (
          <Alert severity="error" title="Grafana's alert rules could not be read">
            {rules.error}
          </Alert>
        )}
        {rules.state === 'done' && (
          <p>
            {exists
              ? `${stored.length} Grafana alert rules of this SLO exist${
                  where ? ` in ${folderTitle(where.folderUid)} / ${where.ruleGroup}` : ' in several folders or groups'
                }.`
              : 'This SLO has no Grafana-managed alert rules yet.'}{' '}
            They query {datasource ? `the data source ${datasource.uid}` : "the SLO's data source"} with the same
            burn-rate tiers as the Prometheus rules.
          </p>
        )}
        {rules.state === 'done' && !canWrite && (
          <p className={styles.muted}>
            Creating or deleting Grafana alert rules needs the alert.provisioning:write permission (Grafana&apos;s Admin
            role by default).
          </p>
        )}
        {rules.state === 'done' && canWrite && !alertingOff && (
          <div className={styles.row}>
            <Field label="Folder" htmlFor={`${ids.alertsFolder}-input`}>
              <div data-testid={ids.alertsFolder}>
                <Combobox
                  id={`${ids.alertsFolder}-input`}
                  width={30}
                  options={rules.value.folders.map((f) => ({ label: f.title, value: f.uid }))}
                  value={folderUid}
                  onChange={(v) => setFolderUid(v.value)}
                />
              </div>
            </Field>
            <Field label="Rule group">
              <Input
                width={30}
                value={group}
                onChange={(e) => setGroup(e.currentTarget.value)}
                data-testid={ids.alertsGroup}
              />
            </Field>
            <Button
              className={styles.alignEnd}
              disabled={busy || !folderUid || !group.trim() || !datasource}
              onClick={write}
              data-testid={ids.alertsWrite}
              data-action={exists ? 'update' : 'create'}
            >
              {exists ? 'Update Grafana alert rules' : 'Create Grafana alert rules'}
            </Button>
            {exists && (
              <Button
                className={styles.alignEnd}
                variant="destructive"
                disabled={busy}
                onClick={remove}
                data-testid={ids.alertsDelete}
              >
                Delete Grafana alert rules
              </Button>
            )}
          </div>
        )}
        {result && (
          <Alert
            severity={result.kind}
            title={result.kind === 'error' ? 'Grafana refused the request' : 'Done'}
            data-testid={ids.alertsResult}
            data-kind={result.kind}
          >
            <span className={styles.verbatim}>{result.text}</span>
          </Alert>
        )}
      </section>
      <section data-testid={ids.firing} data-state={!firing ? 'loading' : firing.errors.length > 0 ? 'error' : 'done'}>
        <h3>Firing now</h3>
        <p className={styles.muted}>
          Prometheus-rule alerts are the series ALERTS{'{'}slo=&quot;{spec.id}&quot;{'}'} of the SLO&apos;s data source:
          they exist only where the rules above are loaded. Grafana-managed ones come from Grafana&apos;s rule state.
        </p>
        {!firing && <LoadingPlaceholder text="Reading firing alerts..." />}
        {firing?.errors.map((e) => (
          <Alert key={e} severity="error" title={e} />
        ))}
        {firing && firing.alerts.length === 0 && firing.errors.length === 0 && <p>No alerts firing</p>}
        {firing && firing.alerts.length > 0 && (
          <DataTable columns={['Alert', 'Severity', 'Since', 'Value', 'From']}>
            {firing.alerts.map((a, i) => (
              <tr
                key={i}
                data-testid={ids.firingRow}
                data-source={a.source}
                data-name={a.name}
                data-severity={a.severity ?? ''}
              >
                <td>{a.name}</td>
                <td>{a.severity ?? ''}</td>
                <td>{firingSinceText(a.since, deps.now())}</td>
                <td>{a.value ?? ''}</td>
                <td>{a.source === 'prometheus' ? 'Prometheus rules' : 'Grafana'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tab: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  muted: css({ color: theme.colors.text.secondary }),
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), alignItems: 'flex-end' }),
  alignEnd: css({ marginBottom: theme.spacing(2) }),
  yaml: css({ maxHeight: 320, overflow: 'auto', fontSize: theme.typography.bodySmall.fontSize }),
  verbatim: css({ whiteSpace: 'pre-wrap', fontFamily: theme.typography.fontFamilyMonospace }),
});
