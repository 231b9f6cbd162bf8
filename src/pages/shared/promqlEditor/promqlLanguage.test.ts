// The tokenizer run by Monaco itself: jest cannot load monaco-editor's ES modules (and their CSS) directly, so the
// test bundles its editor API once with esbuild (its CLI: the JS API refuses jsdom) into .cache/ and tokenizes
// sample lines with `editor.tokenize`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Monaco } from '@grafana/ui';

import { FUNCTIONS } from '../../../promql';
import { BURNDOWN_PROMQL, GRAFANA_PROMQL, promqlLanguageFor } from './promqlLanguage';

function loadMonaco(): Monaco {
  const { version } = require('monaco-editor/package.json') as { version: string };
  const out = path.resolve(__dirname, '../../../../.cache/jest-monaco', `monaco-${version}.cjs`);
  if (!existsSync(out)) {
    mkdirSync(path.dirname(out), { recursive: true });
    execFileSync(require.resolve('esbuild/bin/esbuild'), [
      require.resolve('monaco-editor/esm/vs/editor/editor.api.js'),
      '--bundle',
      '--format=cjs',
      '--platform=browser',
      `--outfile=${out}`,
      '--loader:.css=empty',
      '--loader:.ttf=empty',
      '--log-level=error',
    ]);
  }
  return require(out) as Monaco;
}

let monaco: Monaco;
let language: string;
beforeAll(() => {
  monaco = loadMonaco();
  language = promqlLanguageFor(monaco);
});

/** `text=token` per token of one line, the language's `.promql` postfix left out. */
function tokens(line: string): string[] {
  const toks = monaco.editor.tokenize(line, language)[0];
  return toks
    .map((t, i) => `${line.slice(t.offset, toks[i + 1]?.offset ?? line.length)}=${t.type.replace(/\.promql$/, '')}`)
    .filter((t) => !t.endsWith('=white'));
}

describe('PromQL tokenizer (Monaco Monarch)', () => {
  it('registers our language once, under our id', () => {
    expect(language).toBe(BURNDOWN_PROMQL);
    const register = jest.spyOn(monaco.languages, 'register');
    expect(promqlLanguageFor(monaco)).toBe(BURNDOWN_PROMQL);
    expect(register).not.toHaveBeenCalled();
    register.mockRestore();
  });

  it('colours a selector: metric name, label names, match operators, values', () => {
    expect(tokens('http_requests_total{job="api", code=~"5..", path!~`/health.*`}')).toEqual([
      'http_requests_total=type.identifier',
      '{=delimiter.curly',
      'job=tag',
      '==operator',
      '"=string.quote',
      'api=string',
      '"=string.quote',
      ',=delimiter',
      'code=tag',
      '=~=operator',
      '"=string.quote',
      '5..=string',
      '"=string.quote',
      ',=delimiter',
      'path=tag',
      '!~=operator',
      '`=string.quote',
      '/health.*=string',
      '`=string.quote',
      '}=delimiter.curly',
    ]);
  });

  it('colours aggregations and their label lists, functions, ranges, offsets, numbers and comments', () => {
    expect(tokens('sum by (job, le) (rate(x[5m] offset 1h30m)) > bool 0.5 # why')).toEqual([
      'sum=keyword',
      'by=keyword',
      '(=delimiter.parenthesis',
      'job=tag',
      ',=delimiter',
      'le=tag',
      ')=delimiter.parenthesis',
      '(=delimiter.parenthesis',
      'rate=predefined',
      '(=delimiter.parenthesis',
      'x=type.identifier',
      '[=delimiter.square',
      '5m=number.duration',
      ']=delimiter.square',
      'offset=keyword',
      '1h30m=number.duration',
      '))=delimiter.parenthesis',
      '>=operator',
      'bool=keyword',
      '0.5=number',
      '# why=comment',
    ]);
  });

  it('reads subqueries, @ modifiers, set operators, vector matching, Inf and NaN', () => {
    expect(tokens('max_over_time(x[1h:30s]) @ end() and on (job) group_left (team) y / -Inf + NaN')).toEqual([
      'max_over_time=predefined',
      '(=delimiter.parenthesis',
      'x=type.identifier',
      '[=delimiter.square',
      '1h=number.duration',
      ':=delimiter',
      '30s=number.duration',
      ']=delimiter.square',
      ')=delimiter.parenthesis',
      '@=keyword',
      'end=keyword',
      '()=delimiter.parenthesis',
      'and=keyword',
      'on=keyword',
      '(=delimiter.parenthesis',
      'job=tag',
      ')=delimiter.parenthesis',
      'group_left=keyword',
      '(=delimiter.parenthesis',
      'team=tag',
      ')=delimiter.parenthesis',
      'y=type.identifier',
      '/=operator',
      '-=operator',
      'Inf=number',
      '+=operator',
      'NaN=number',
    ]);
  });

  it('keeps metric names that start with a keyword, a function or a number word whole', () => {
    expect(tokens('bytes_total + sum_total + rate_limited + info_metric + on_call + nan_count')).toEqual([
      'bytes_total=type.identifier',
      '+=operator',
      'sum_total=type.identifier',
      '+=operator',
      'rate_limited=type.identifier',
      '+=operator',
      'info_metric=type.identifier',
      '+=operator',
      'on_call=type.identifier',
      '+=operator',
      'nan_count=type.identifier',
    ]);
  });

  it('tells numbers from durations', () => {
    expect(tokens('5 1.5 .5 5e3 0x1F 10ms 1d12h')).toEqual([
      '5=number',
      '1.5=number',
      '.5=number',
      '5e3=number',
      '0x1F=number',
      '10ms=number.duration',
      '1d12h=number.duration',
    ]);
  });

  it('keeps escaped quotes inside a string and carries an open brace over to the next line', () => {
    expect(tokens(`x{path="a\\"b", q='c'}`)).toContain('\\"=string.escape');
    const lines = monaco.editor.tokenize('x{job="a",\n  code="500"}', language);
    expect(lines[1].map((t) => t.type.replace(/\.promql$/, ''))).toEqual([
      'white',
      'tag',
      'operator',
      'string.quote',
      'string',
      'string.quote',
      'delimiter.curly',
    ]);
  });

  it('knows every function the PromQL module checks', () => {
    for (const name of FUNCTIONS.keys()) {
      expect(tokens(`${name}(x)`)[0]).toBe(`${name}=predefined`);
    }
  });

  it("uses Grafana's promql language once its Prometheus data source has registered it", () => {
    monaco.languages.register({ id: GRAFANA_PROMQL });
    expect(promqlLanguageFor(monaco)).toBe(GRAFANA_PROMQL);
  });
});
