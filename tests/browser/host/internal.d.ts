// @grafana/runtime's internal setPluginPage (dist/types/internal), reached through a webpack alias
// (tests/browser/webpack.config.ts): Grafana calls it at start to install its page chrome.
declare module 'grafana-runtime-internal-plugin-page' {
  import type { PluginPageType } from '@grafana/runtime';
  export function setPluginPage(component: PluginPageType): void;
}
