// Unit tests (src/ and tests/, except tests/integration and tests/browser, which have their own configs, and
// tests/e2e, the @grafana/plugin-e2e specs that Playwright runs against a real Grafana: playwright.config.ts).
// Extend the shared configuration here rather than editing .config/jest.config.js.
const base = require('./.config/jest.config');

module.exports = {
  ...base,
  projects: base.projects.map((project) => ({
    ...project,
    testPathIgnorePatterns: [...project.testPathIgnorePatterns, '<rootDir>/tests/e2e/'],
    // After the scaffold's setup: a canvas for Grafana's Combobox (jest-canvas.js).
    ...(project.setupFilesAfterEnv
      ? { setupFilesAfterEnv: [...project.setupFilesAfterEnv, '<rootDir>/jest-canvas.js'] }
      : {}),
  })),
};
