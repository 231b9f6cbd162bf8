// Who may change the app's SLOs (docs/semantics.md section 7): the right to write plugin settings.
// Grafana guards `POST /api/plugins/:pluginId/settings` with the RBAC action `plugins:write`. The frontend knows the
// signed-in user from `config.bootData.user` (what Grafana's index.html writes; also `GET /api/user` for the
// profile): `permissions` holds the user's RBAC actions (action -> true) when Grafana sends them; without them the
// basic roles decide, as Grafana's defaults do: org Admin, or Grafana server admin.
// The server stays the authority: a 403 from the POST is reported as such.

/** The fields of Grafana's CurrentUser (config.bootData.user) this check reads. */
export interface GrafanaUserLike {
  isSignedIn?: boolean;
  orgRole?: string;
  isGrafanaAdmin?: boolean;
  permissions?: Record<string, boolean>;
}

export const PLUGINS_WRITE = 'plugins:write';

export function canWritePluginSettings(user: GrafanaUserLike | undefined): boolean {
  if (!user || user.isSignedIn === false) {
    return false;
  }
  const permissions = user.permissions ?? {};
  if (Object.keys(permissions).length > 0) {
    return permissions[PLUGINS_WRITE] === true;
  }
  return user.orgRole === 'Admin' || user.isGrafanaAdmin === true;
}
