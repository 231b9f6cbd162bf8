// Query layer: PromQL building, step/chunk planning, frames -> buckets, exact counts, SLO status and charts.
export * from './promql';
export * from './frames';
export * from './client';
export * from './plan';
export * from './cache';
export * from './fetch';
export * from './batch';
export * from './countingClient';
export * from './status';
export * from './chart';
export * from './forecast';
export * from './composed';
