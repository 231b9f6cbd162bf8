// PromQL highlighting for Monaco where Grafana's own `promql` language is absent (it is registered by the Prometheus
// data source's code, not for apps): a Monarch tokenizer of ours, written from the grammar Prometheus 2.42 accepts
// (the keyword and function lists come from src/promql, the module that parses these fields). Pure data plus one
// registration function; the token names are the ones Grafana's Monaco themes colour (grafana-dark/-light over vs).
import type { Monaco, monacoTypes } from '@grafana/ui';

import { FUNCTIONS, KEYWORDS } from '../../../promql';

/** Our language id: never `promql`, so Grafana's language, when present, is not replaced. */
export const BURNDOWN_PROMQL = 'burndown-promql';
/** The id Grafana's Prometheus data source registers its PromQL language under. */
export const GRAFANA_PROMQL = 'promql';

const DURATION = /(?:[0-9]+(?:ms|[smhdwy]))+/;
const NUMBER = /0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/;
const OPERATOR = /==|!=|>=|<=|=~|!~|[-+*/%^<>=]/;

/** Words that are numbers in PromQL (Inf, NaN), not keywords. */
const NUMBER_WORDS = ['inf', 'nan'];

/**
 * Token classes: `keyword` (aggregations, set operators, modifiers), `predefined` (functions), `type.identifier`
 * (metric names), `tag` (label names inside braces and in by/without/on/ignoring lists), `string`,
 * `number` and `number.duration`, `operator`, `comment`, `delimiter.*`.
 */
export const promqlMonarch: monacoTypes.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.promql',
  ignoreCase: false,
  keywords: [...KEYWORDS].filter((k) => !NUMBER_WORDS.includes(k)),
  functions: [...FUNCTIONS.keys()],
  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/\{/, { token: 'delimiter.curly', next: '@matchers' }],
      [/\[/, { token: 'delimiter.square', next: '@range' }],
      // by (a, b), on (...): the labels in the list after a grouping keyword.
      [
        /(by|without|on|ignoring|group_left|group_right)(\s*)(\()/,
        [{ token: 'keyword' }, { token: 'white' }, { token: 'delimiter.parenthesis', next: '@labelList' }],
      ],
      [DURATION, 'number.duration'],
      [NUMBER, 'number'],
      // Inf and NaN are numbers in any case (Monarch's `cases` compare exactly).
      [/(?:[iI][nN][fF]|[nN][aA][nN])\b/, 'number'],
      [
        IDENTIFIER,
        {
          cases: {
            '@keywords': 'keyword',
            '@functions': 'predefined',
            '@default': 'type.identifier',
          },
        },
      ],
      { include: '@strings' },
      [OPERATOR, 'operator'],
      [/@/, 'keyword'],
      [/[()]/, 'delimiter.parenthesis'],
      [/,/, 'delimiter'],
    ],
    // {job="api", code=~"5.."}
    matchers: [
      { include: '@whitespace' },
      [/\}/, { token: 'delimiter.curly', next: '@pop' }],
      [LABEL_NAME, 'tag'],
      [/=~|!~|!=|=/, 'operator'],
      { include: '@strings' },
      [/,/, 'delimiter'],
    ],
    // [5m], [1h:30s]
    range: [
      [/\]/, { token: 'delimiter.square', next: '@pop' }],
      [DURATION, 'number.duration'],
      [/:/, 'delimiter'],
      [NUMBER, 'number'],
      { include: '@whitespace' },
    ],
    labelList: [
      { include: '@whitespace' },
      [/\)/, { token: 'delimiter.parenthesis', next: '@pop' }],
      [LABEL_NAME, 'tag'],
      [/,/, 'delimiter'],
    ],
    strings: [
      [/"/, { token: 'string.quote', next: '@doubleQuoted' }],
      [/'/, { token: 'string.quote', next: '@singleQuoted' }],
      [/`/, { token: 'string.quote', next: '@raw' }],
    ],
    doubleQuoted: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string.quote', next: '@pop' }],
    ],
    singleQuoted: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, { token: 'string.quote', next: '@pop' }],
    ],
    raw: [
      [/[^`]+/, 'string'],
      [/`/, { token: 'string.quote', next: '@pop' }],
    ],
    whitespace: [
      [/\s+/, 'white'],
      [/#.*$/, 'comment'],
    ],
  },
};

export const promqlConfiguration: monacoTypes.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  // The editor turns auto-closing off (typed and filled text stays exact); the pairs serve surround and matching.
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};

/**
 * The language the PromQL fields use: Grafana's `promql` when its Prometheus data source has registered it in this
 * Monaco, else ours (registered once per Monaco instance).
 */
export function promqlLanguageFor(monaco: Monaco): string {
  const known = monaco.languages.getLanguages().map((l) => l.id);
  if (known.includes(GRAFANA_PROMQL)) {
    return GRAFANA_PROMQL;
  }
  if (!known.includes(BURNDOWN_PROMQL)) {
    monaco.languages.register({ id: BURNDOWN_PROMQL });
    monaco.languages.setMonarchTokensProvider(BURNDOWN_PROMQL, promqlMonarch);
    monaco.languages.setLanguageConfiguration(BURNDOWN_PROMQL, promqlConfiguration);
  }
  return BURNDOWN_PROMQL;
}
