import { css } from '@emotion/css';
import React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { AppRootProps, GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import type { AppJsonData } from '../types';

/** Display names of the SLOs in the app settings: `name`, else `id`, else their position. */
export function sloNames(jsonData: AppJsonData | undefined): string[] {
  const slos = Array.isArray(jsonData?.slos) ? jsonData.slos : [];
  return slos.map((slo, index) => {
    const fields = typeof slo === 'object' && slo !== null ? (slo as Record<string, unknown>) : {};
    for (const key of ['name', 'id']) {
      const value = fields[key];
      if (typeof value === 'string' && value.trim() !== '') {
        return value;
      }
    }
    return `SLO #${index + 1}`;
  });
}

/** Placeholder overview until the Scenes pages land: lists the configured SLOs by name. */
function Overview({ names }: { names: string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <PluginPage>
      <div className={styles.container} data-testid="burndown-overview">
        {names.length === 0 ? (
          <p className={styles.empty}>No SLOs configured yet. Provision them under jsonData.slos.</p>
        ) : (
          <ul className={styles.list} aria-label="SLOs">
            {names.map((name, index) => (
              <li key={`${index}-${name}`} className={styles.item}>
                {name}
              </li>
            ))}
          </ul>
        )}
      </div>
    </PluginPage>
  );
}

export function App(props: AppRootProps<AppJsonData>) {
  const names = sloNames(props.meta.jsonData);
  return (
    <Routes>
      <Route path={ROUTES.Overview} element={<Overview names={names} />} />
      {/* Absolute, so the redirect does not depend on how react-router resolves paths inside splat routes. */}
      <Route path="*" element={<Navigate to={`${PLUGIN_BASE_URL}/${ROUTES.Overview}`} replace />} />
    </Routes>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    padding: theme.spacing(2, 0),
  }),
  empty: css({
    color: theme.colors.text.secondary,
  }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
  }),
  item: css({
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
});
