/*
 * Browser tests: the budget panel in a real Chromium (Debian's /usr/bin/chromium through playwright-core), on the
 * test host page (tests/browser/host), against a real Prometheus 2.42 holding the generator's scenario.
 * Run: npm run e2e. globalSetup starts Prometheus (tests/integration/servers.ts), builds the host bundle (cached
 * by source hash), starts the host server and Chromium; off CI it skips loudly when a binary is missing.
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
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  modulePaths: ['<rootDir>/src'],
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  testEnvironment: 'node',
  testTimeout: 3 * 60 * 1000,
  // One Chromium and one Prometheus on two cores: files run one after another.
  maxWorkers: 1,
  globalSetup: '<rootDir>/tests/browser/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/browser/globalTeardown.ts',
  watchPathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/docs/img/'],
};
