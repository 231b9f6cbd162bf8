// Unit tests (src/ and tests/, except tests/integration and tests/browser, which have their own configs, and
// tests/e2e, the @grafana/plugin-e2e specs that Playwright runs against a real Grafana: playwright.config.ts).
// Extend the shared configuration here rather than editing .config/jest.config.js.
const base = require('./.config/jest.config');

module.exports = {
  ...base,
  // Whole-app component tests (module.test.tsx) take ~4 s alone on a loaded 2-core machine: jest's 5 s default turns
  // load into failures. Tests assert results, never durations.
  testTimeout: 20000,
  projects: base.projects.map((project) => ({
    ...project,
    testPathIgnorePatterns: [...project.testPathIgnorePatterns, '<rootDir>/tests/e2e/'],
    // After the scaffold's setup: a canvas for Grafana's Combobox (jest-canvas.js), and waitFor's patience on a loaded
    // machine (jest-testing-library.js).
    ...(project.setupFilesAfterEnv
      ? {
          setupFilesAfterEnv: [
            ...project.setupFilesAfterEnv,
            '<rootDir>/jest-canvas.js',
            '<rootDir>/jest-testing-library.js',
          ],
        }
      : {}),
  })),
};
