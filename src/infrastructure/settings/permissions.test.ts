import { canWritePluginSettings } from './permissions';

describe('canWritePluginSettings', () => {
  it('follows the RBAC action plugins:write when Grafana sends permissions', () => {
    expect(canWritePluginSettings({ orgRole: 'Editor', permissions: { 'plugins:write': true } })).toBe(true);
    expect(canWritePluginSettings({ orgRole: 'Admin', permissions: { 'plugins:read': true } })).toBe(false);
  });

  it('falls back to the basic roles without permissions: org Admin or Grafana admin', () => {
    expect(canWritePluginSettings({ orgRole: 'Admin' })).toBe(true);
    expect(canWritePluginSettings({ orgRole: 'Viewer', isGrafanaAdmin: true })).toBe(true);
    expect(canWritePluginSettings({ orgRole: 'Editor', permissions: {} })).toBe(false);
    expect(canWritePluginSettings({ orgRole: 'Admin', isSignedIn: false })).toBe(false);
    expect(canWritePluginSettings(undefined)).toBe(false);
  });
});
