// ESLint 9 flat config: Grafana's shared rules for the whole tree, type-aware checks for src/.
import { defineConfig, globalIgnores } from 'eslint/config';
import grafanaConfig from '@grafana/eslint-config/flat.js';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    // Build outputs of npm run build:cli and npm run package.
    'dist-cli/',
    'artifacts/',
    '**/coverage/',
    '**/.cache/',
    '**/.eslintcache',
    '**/*.log',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'playwright/.cache/',
    'playwright/.auth/',
  ]),
  ...grafanaConfig,
  {
    rules: {
      'react/prop-types': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
    rules: {
      '@typescript-eslint/no-deprecated': 'warn',
    },
  },
  {
    // Node scripts and configs (CommonJS or ESM): allow their globals.
    files: ['**/*.{js,cjs,mjs}', '.config/**/*.ts', 'demo/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
    rules: {
      'no-console': 'off',
    },
  },
  {
    files: ['tests/**/*'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
    },
  },
]);
