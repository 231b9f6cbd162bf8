export * from './alertPlan';
export * from './prometheusRules';
export { rulesYaml } from './yaml';
export * from './grafanaRules';
