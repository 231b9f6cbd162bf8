/*
 * Integration tests against a real Prometheus 2.42 and a real VictoriaMetrics loaded with the
 * deterministic scenario (docs/semantics.md section 9). Run: npx jest -c tests/integration/jest.config.js
 * globalSetup starts both servers (or marks the suite skipped off-CI when the binaries are missing);
 * globalTeardown stops them by PID.
 */
const path = require('path');

const rootDir = path.resolve(__dirname, '../..');

const swcTransform = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', tsx: false, decorators: false, dynamicImport: true },
      target: 'es2020',
    },
  },
];

module.exports = {
  rootDir,
  roots: ['<rootDir>/tests/integration'],
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
  modulePaths: ['<rootDir>/src'],
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  testEnvironment: 'node',
  testTimeout: 10 * 60 * 1000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/tests/integration/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/integration/globalTeardown.ts',
  watchPathIgnorePatterns: ['<rootDir>/.cache/'],
};
