// The signed-in user: `config.bootData.user` (what Grafana's index.html writes, set up in fakeGrafana.boot.ts from the
// host parameter role=Admin|Editor|Viewer) and faked `GET /api/user` (Grafana's HTTP API "Get actual user",
// https://grafana.com/docs/grafana/latest/developers/http_api/user/#actual-user). Permissions are Grafana's RBAC
// actions of the basic roles that matter here: only Admin has plugins:write.
import { config } from '@grafana/runtime';

import type { Handled } from './http';

export { permissionsOf } from './roles';

export function currentUserMayWritePlugins(): boolean {
  return config.bootData.user.permissions?.['plugins:write'] === true;
}

/** Grafana's dtos.UserProfileDTO, the fields it always sends. */
export function getUser(): Handled {
  const u = config.bootData.user;
  return {
    status: 200,
    data: {
      id: u.id,
      uid: `u-${u.id}`,
      email: `${u.login}@example.invalid`,
      name: u.name,
      login: u.login,
      theme: u.theme,
      orgId: u.orgId,
      isGrafanaAdmin: u.isGrafanaAdmin,
      isDisabled: false,
      isExternal: false,
      isExternallySynced: false,
      isGrafanaAdminExternallySynced: false,
      authLabels: [],
      updatedAt: '2026-01-01T00:00:00Z',
      createdAt: '2026-01-01T00:00:00Z',
      avatarUrl: '',
      isProvisioned: false,
    },
  };
}
