// Who may write Grafana-managed alert rules through the provisioning API: Grafana guards /api/v1/provisioning/* with
// the RBAC action alert.provisioning:write (or alert.rules.provisioning:write), which only the Admin basic role holds
// by default. Without RBAC permissions in bootData, the basic role decides. Grafana stays the authority (a 403 is shown).
import type { GrafanaUserLike } from '../settings/permissions';

export const PROVISIONING_WRITE_ACTIONS = ['alert.provisioning:write', 'alert.rules.provisioning:write'];

export function canProvisionAlertRules(user: GrafanaUserLike | undefined): boolean {
  if (!user || user.isSignedIn === false) {
    return false;
  }
  const permissions = user.permissions ?? {};
  if (Object.keys(permissions).length > 0) {
    return PROVISIONING_WRITE_ACTIONS.some((a) => permissions[a] === true);
  }
  return user.orgRole === 'Admin' || user.isGrafanaAdmin === true;
}
