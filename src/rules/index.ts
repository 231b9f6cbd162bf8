export * from './alertPlan';
export * from './prometheusRules';
export * from './recorded';
export { rulesYaml } from './yaml';
export * from './grafanaRules';
