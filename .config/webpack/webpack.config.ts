/*
 * Webpack build for the Burndown app and its nested panel, in the shape of the
 * @grafana/create-plugin template: one AMD entry per plugin.json that has a module.tsx,
 * Grafana-provided libraries as externals, static files copied next to the bundles.
 * Extend it from a root webpack.config.ts with webpack-merge rather than editing it.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import ESLintPlugin from 'eslint-webpack-plugin';
import ForkTsCheckerWebpackPlugin from 'fork-ts-checker-webpack-plugin';
import path from 'path';
import type { Configuration, ExternalItemFunctionData } from 'webpack';
import LiveReloadPlugin from 'webpack-livereload-plugin';

import { SOURCE_DIR } from './constants';
import { distPath, getEntries, getPackageJson, getPluginJson, hasSourceReadme } from './utils';

type Env = Record<string, unknown>;

// Libraries Grafana hands to plugins at runtime; bundling them would give the plugin a second copy.
// react-router-dom v6 is bundled (only react-router itself is shared), as the template does for v6 apps.
const externals: Configuration['externals'] = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
  // Legacy SDK imports spelled `grafana/app/...` resolve to Grafana's own modules.
  ({ request }: ExternalItemFunctionData, callback: (error?: Error, result?: string) => void) => {
    const prefix = 'grafana/';
    if (request && request.startsWith(prefix)) {
      return callback(undefined, request.slice(prefix.length));
    }
    callback();
  },
];

const config = async (env: Env): Promise<Configuration> => {
  const production = Boolean(env.production);
  const development = Boolean(env.development);
  const pluginJson = getPluginJson();
  const version: string = getPackageJson().version;
  const today = new Date().toISOString().substring(0, 10);
  const fillTemplate = (content: Buffer) =>
    content
      .toString()
      .replace(/%VERSION%/g, version)
      .replace(/%TODAY%/g, today)
      .replace(/%PLUGIN_ID%/g, pluginJson.id);

  return {
    cache: {
      type: 'filesystem',
      buildDependencies: {
        config: [path.resolve(process.cwd(), '.config', 'webpack', 'webpack.config.ts')],
      },
    },

    context: path.join(process.cwd(), SOURCE_DIR),

    devtool: production ? 'source-map' : 'eval-source-map',

    entry: await getEntries(),

    externals,

    mode: production ? 'production' : 'development',

    module: {
      rules: [
        {
          exclude: /node_modules/,
          test: /\.[tj]sx?$/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                baseUrl: path.resolve(process.cwd(), SOURCE_DIR),
                target: 'es2015',
                loose: false,
                parser: {
                  syntax: 'typescript',
                  tsx: true,
                  decorators: false,
                  dynamicImport: true,
                },
              },
            },
          },
        },
        {
          test: /\.css$/,
          use: ['style-loader', 'css-loader'],
        },
        {
          test: /\.(png|jpe?g|gif|svg)$/,
          type: 'asset/resource',
          generator: {
            publicPath: `public/plugins/${pluginJson.id}/img/`,
            outputPath: 'img/',
            filename: production ? '[hash][ext]' : '[file]',
          },
        },
        {
          test: /\.(woff|woff2|eot|ttf|otf)(\?v=\d+\.\d+\.\d+)?$/,
          type: 'asset/resource',
          generator: {
            publicPath: `public/plugins/${pluginJson.id}/fonts/`,
            outputPath: 'fonts/',
            filename: production ? '[hash][ext]' : '[name][ext]',
          },
        },
      ],
    },

    output: {
      clean: true,
      filename: '[name].js',
      chunkFilename: production ? '[name].js?_cache=[contenthash]' : '[name].js',
      library: { type: 'amd' },
      path: distPath(),
      // Relative to Grafana's <base href>, so sub-path deployments work; the same for the nested panel's chunks.
      publicPath: `public/plugins/${pluginJson.id}/`,
      uniqueName: pluginJson.id,
    },

    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: hasSourceReadme() ? 'README.md' : '../README.md', to: '.', force: true },
          { from: '../LICENSE', to: '.' },
          { from: '../CHANGELOG.md', to: '.', force: true },
          // src/plugin.json and every nested panels/*/plugin.json, keeping their folders.
          { from: '**/plugin.json', to: '.', transform: fillTemplate },
          { from: 'img/**/*', to: '.' },
          { from: 'panels/*/img/**/*', to: '.', noErrorOnMissing: true },
          // Screenshots: plugin.json's info.screenshots and the README's images use these paths inside the zip.
          { from: '../docs/img/*.png', to: 'docs/img/[name][ext]' },
        ],
      }),
      ...(development
        ? [
            new LiveReloadPlugin(),
            new ForkTsCheckerWebpackPlugin({
              async: true,
              issue: { include: [{ file: '**/*.{ts,tsx}' }] },
              typescript: { configFile: path.join(process.cwd(), 'tsconfig.json') },
            }),
            new ESLintPlugin({
              configType: 'flat',
              extensions: ['.ts', '.tsx'],
              lintDirtyModulesOnly: true,
            }),
          ]
        : []),
    ],

    resolve: {
      extensions: ['.js', '.jsx', '.ts', '.tsx'],
      modules: [path.resolve(process.cwd(), SOURCE_DIR), 'node_modules'],
      unsafeCache: true,
    },
  };
};

export default config;
