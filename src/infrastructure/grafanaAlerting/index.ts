export * from './alertingClient';
export * from './alertingHttp';
export * from './firingAlerts';
export * from './permissions';
