// The RBAC permissions of Grafana's basic roles, as far as the app looks at them. No imports: fakeGrafana.boot.ts
// uses it before any Grafana module is evaluated.
import type { HostRole } from '../params';

/** The RBAC actions bootData.user.permissions holds for each basic role (the ones the app may look at). */
export function permissionsOf(role: HostRole): Record<string, boolean> {
  const read = {
    'plugins:read': true,
    'datasources:query': true,
    'dashboards:read': true,
    'folders:read': true,
    'alert.rules:read': true,
  };
  if (role === 'Viewer') {
    return read;
  }
  const edit = { ...read, 'dashboards:write': true, 'dashboards:create': true, 'alert.rules:write': true };
  // the alerting provisioning API is Admin's by default (alert.provisioning:write)
  return role === 'Editor'
    ? edit
    : { ...edit, 'plugins:write': true, 'datasources:write': true, 'alert.provisioning:write': true };
}
