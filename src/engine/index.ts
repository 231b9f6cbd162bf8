// The budget engine: pure math on buckets (DESIGN.md sections 2-5). No Grafana, React or network imports.
export * from './types';
export * from './timezone';
export * from './windows';
export * from './budget';
export * from './exclusions';
export * from './prefix';
export * from './series';
export * from './figures';
export * from './timeslices';
export * from './exhaustion';
export * from './alertWindows';
export * from './policy';
export * from './composite';
export * from './reconcile';
export * from './budgetTime';
export * from './status';
