/*
 * Helpers for jest's transformIgnorePatterns: node_modules are not transformed, except the
 * packages listed here, which ship only ES modules (.mjs or "type": "module").
 */

/**
 * A transformIgnorePatterns entry: ignore a file under node_modules unless the package right after
 * its last `node_modules/` is one of the given names (regex fragments), so nested copies count too.
 */
const nodeModulesToTransform = (moduleNames) => `node_modules/(?!(?:${moduleNames.join('|')})/)(?!.*node_modules/)`;

// ESM-only packages that Grafana's packages and @grafana/scenes pull in.
const grafanaESModules = [
  '@grafana/[^/]+',
  'd3[^/]*',
  'internmap',
  'delaunator',
  'robust-predicates',
  'ol',
  'react-colorful',
  'marked',
  'uuid',
  'ol-mapbox-style',
  'color-(space|parse|rgba|name)',
  'geotiff',
  'quick-lru',
  'earcut',
  'pbf',
  'rbush',
  'quickselect',
  'react-calendar',
  'get-user-locale',
  'memoize',
  'mimic-function',
  '@wojtekmaj/[^/]+',
  'uwrap',
  // jsdom picks yaml's "default" export condition, its ES-module browser build.
  'yaml',
];

module.exports = { nodeModulesToTransform, grafanaESModules };
