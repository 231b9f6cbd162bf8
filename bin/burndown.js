#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx burndown` works from a checkout without a build step.
require('tsx/cjs');
require('../src/cli/main.ts').cliMain();
