/*
 * Base jest configuration (create-plugin template shape). The root jest.config.js extends it.
 * Two projects: pure modules (engine, slo parser, CLI, generator) run in node; everything that
 * may touch Grafana packages or the DOM (query, datasource, pages, panels, components, any .tsx) runs in jsdom.
 */
const fs = require('fs');
const path = require('path');

const { grafanaESModules, nodeModulesToTransform } = require('./jest/utils');

const rootDir = path.resolve(__dirname, '..');

// Only folders that exist: jest refuses a missing root.
const roots = ['src', 'tests', 'bench', 'demo']
  .filter((dir) => fs.existsSync(path.join(rootDir, dir)))
  .map((dir) => `<rootDir>/${dir}`);

const swcTransform = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
      transform: { react: { runtime: 'classic' } },
      target: 'es2020',
    },
  },
];

const shared = {
  rootDir,
  moduleNameMapper: {
    '\\.(css|scss|sass)$': 'identity-obj-proxy',
    '\\.(svg|png|jpe?g|gif)$': '<rootDir>/.config/jest/fileMock.js',
  },
  modulePaths: ['<rootDir>/src'],
  transform: {
    '^.+\\.(t|j)sx?$': swcTransform,
    '^.+\\.mjs$': swcTransform,
  },
  transformIgnorePatterns: [nodeModulesToTransform(grafanaESModules)],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/dist/',
    '<rootDir>/tests/integration/',
    '<rootDir>/tests/browser/',
  ],
  watchPathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
};

// Folders whose tests run under jsdom even when they are .test.ts files.
const domFolders = ['query', 'datasource', 'infrastructure', 'pages', 'panels', 'components'];

module.exports = {
  rootDir,
  roots,
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      roots,
      testMatch: ['**/?(*.)+(spec|test).[jt]s'],
      testPathIgnorePatterns: [
        ...shared.testPathIgnorePatterns,
        ...domFolders.map((folder) => `<rootDir>/src/${folder}/`),
      ],
    },
    {
      ...shared,
      displayName: 'dom',
      testEnvironment: 'jsdom',
      roots,
      setupFilesAfterEnv: ['<rootDir>/.config/jest-setup.js'],
      testMatch: [
        '**/?(*.)+(spec|test).[jt]sx',
        ...domFolders.map((folder) => `<rootDir>/src/${folder}/**/?(*.)+(spec|test).[jt]s`),
      ],
    },
  ],
};
