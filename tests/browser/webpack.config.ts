/*
 * Webpack build of the browser test host (tests/browser/host): the same swc-loader setup as
 * .config/webpack/webpack.config.ts, but React, @grafana/* and the rest are bundled instead of being
 * externals, because no Grafana server provides them here. Used by tests/browser/build.ts (tests,
 * screenshots) and by hand: `npx webpack -c tests/browser/webpack.config.ts` writes .cache/burndown-browser/host-dev/.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import TerserPlugin from 'terser-webpack-plugin';
import type { Configuration } from 'webpack';

const ROOT = path.resolve(__dirname, '..', '..');
const HOST_DIR = path.join(__dirname, 'host');

export interface HostBuildOptions {
  /** Where host.js and index.html are written. */
  outDir?: string;
  /** Webpack's persistent cache folder (speeds up rebuilds after a source change). */
  cacheDir?: string;
  /** Minify (esbuild through terser-webpack-plugin), as a plugin's release build is: the overview bench's boot. */
  minify?: boolean;
}

export function hostConfig(opts: HostBuildOptions = {}): Configuration {
  const outDir = opts.outDir ?? path.join(ROOT, '.cache', 'burndown-browser', 'host-dev');
  const cacheDir = opts.cacheDir ?? path.join(ROOT, '.cache', 'burndown-browser', 'webpack-cache');
  return {
    // Production mode for React's production build and tree shaking; minified only for the bench (the tests' builds
    // skip it: it only costs build time there).
    mode: 'production',
    devtool: false,
    context: ROOT,
    // fakeGrafana.boot.ts first: it pins the clock and sets window.grafanaBootData before @grafana/runtime is evaluated.
    entry: { host: [path.join(HOST_DIR, 'fakeGrafana.boot.ts'), path.join(HOST_DIR, 'index.tsx')] },
    output: {
      path: outDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash].js',
      publicPath: '/',
      clean: true,
    },
    cache: {
      type: 'filesystem',
      cacheDirectory: cacheDir,
      buildDependencies: { config: [__filename] },
    },
    module: {
      rules: [
        {
          exclude: /node_modules/,
          test: /\.[tj]sx?$/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                baseUrl: path.join(ROOT, 'src'),
                target: 'es2020',
                loose: false,
                parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
              },
            },
          },
        },
        {
          // Grafana's ESM builds import siblings without file extensions.
          test: /\.m?js$/,
          resolve: { fullySpecified: false },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg|woff2?|eot|ttf|otf)$/, type: 'asset/resource' },
      ],
    },
    resolve: {
      extensions: ['.js', '.jsx', '.ts', '.tsx', '.mjs'],
      modules: [path.join(ROOT, 'src'), 'node_modules'],
      // Grafana sets its PluginPage with @grafana/runtime's internal setPluginPage, which the package's `exports` do
      // not publish; the host reaches the same module file (so the same PluginPage binding) by path.
      alias: {
        'grafana-runtime-internal-plugin-page$': path.join(
          ROOT,
          'node_modules/@grafana/runtime/dist/esm/components/PluginPage.mjs'
        ),
      },
      // Node built-ins some dependencies mention but never use in a browser.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, util: false, buffer: false },
    },
    optimization: opts.minify
      ? { minimize: true, minimizer: [new TerserPlugin({ minify: TerserPlugin.esbuildMinify, terserOptions: {} })] }
      : { minimize: false },
    performance: { hints: false },
    plugins: [new CopyWebpackPlugin({ patterns: [{ from: path.join(HOST_DIR, 'index.html'), to: '.' }] })],
    stats: 'errors-warnings',
  };
}

export default hostConfig();
