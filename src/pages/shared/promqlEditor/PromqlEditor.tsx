// A PromQL field as a small code editor: Grafana's CodeEditor (Monaco) with PromQL highlighting (Grafana's own
// `promql` language when its Prometheus data source registered it, else ours: promqlLanguage.ts), the field's
// problems as error markers (promqlMarkers.ts, debounced while typing), sized to its content up to a few lines.
// Typed and filled text stays exact (no auto-closing, no suggestions) and Tab leaves the field.
import { css } from '@emotion/css';
import React, { useEffect, useRef, useState } from 'react';

import type { GrafanaTheme2 } from '@grafana/data';
import { CodeEditor, useStyles2, type Monaco, type MonacoEditor, type monacoTypes } from '@grafana/ui';

import { pageTestIds } from '../../../shared/testIds';
import { BURNDOWN_PROMQL, promqlLanguageFor } from './promqlLanguage';
import { promqlMarkers, type PositionedProblem } from './promqlMarkers';

const MARKER_OWNER = 'burndown-promql';
/** Markers follow the text after this pause in typing, so a half-typed token is not flagged at every keystroke. */
export const MARKER_DEBOUNCE_MS = 300;
const MAX_LINES = 6;
/** Monaco's line height at Grafana's 14 px code font, for the first paint; the mounted editor measures its own. */
const LINE_HEIGHT_GUESS = 19;
/** One line plus this padding and the 2 px border is 32 px: the height of Grafana's Input beside it. */
const PADDING = { top: 6, bottom: 5 };

const OPTIONS: monacoTypes.editor.IStandaloneEditorConstructionOptions = {
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  autoClosingOvertype: 'never',
  autoSurround: 'never',
  autoIndent: 'none',
  quickSuggestions: false,
  suggestOnTriggerCharacters: false,
  wordBasedSuggestions: false,
  parameterHints: { enabled: false },
  links: false,
  renderLineHighlight: 'none',
  scrollBeyondLastLine: false,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  lineDecorationsWidth: 8,
  padding: PADDING,
  scrollbar: { horizontal: 'hidden', vertical: 'auto', alwaysConsumeMouseWheel: false },
};

export interface PromqlEditorProps {
  /** The id of Monaco's text input, so the field's <label for> reaches it. */
  id: string;
  /** The accessible name (Monaco's ariaLabel). */
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  /** Problems at their offsets in `value` (the PromQL module's). */
  problems: readonly PositionedProblem[];
  /** Problems of the whole field (the validator's), marked over the whole text. */
  fieldErrors: readonly string[];
  /** Set by Grafana's Field when the field shows an error. */
  invalid?: boolean;
}

export function PromqlEditor(props: PromqlEditorProps) {
  const { id, label, value, onChange, readOnly, problems, fieldErrors, invalid } = props;
  const styles = useStyles2(getStyles);
  // CodeEditor binds onChange once, at mount: go through a ref so each change sees the latest form.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [mounted, setMounted] = useState<{ editor: MonacoEditor; monaco: Monaco }>();
  const [height, setHeight] = useState(
    () => Math.min(MAX_LINES, value.split('\n').length) * LINE_HEIGHT_GUESS + PADDING.top + PADDING.bottom
  );

  const markers = promqlMarkers(value, problems, fieldErrors);
  const markersKey = JSON.stringify(markers);
  useEffect(() => {
    const model = mounted?.editor.getModel();
    if (!mounted || !model) {
      return;
    }
    const timer = setTimeout(() => {
      const severity = mounted.monaco.MarkerSeverity.Error;
      const list: Array<typeof markers[number]> = JSON.parse(markersKey);
      mounted.monaco.editor.setModelMarkers(model, MARKER_OWNER, list.map((m) => ({ ...m, severity })));
    }, MARKER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [mounted, markersKey]);

  const onEditorDidMount = (editor: MonacoEditor, monaco: Monaco) => {
    const model = editor.getModel();
    const language = promqlLanguageFor(monaco);
    if (model && language !== BURNDOWN_PROMQL) {
      monaco.editor.setModelLanguage(model, language);
    }
    editor.getDomNode()?.querySelector('textarea')?.setAttribute('id', id);
    // Tab and Shift+Tab move the focus on (accessibility): keep them from Monaco's keybindings (indent).
    editor.onKeyDown((e) => {
      if (e.keyCode === monaco.KeyCode.Tab && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.stopPropagation();
      }
    });
    // As tall as the (wrapped) text, up to MAX_LINES lines; beyond that it scrolls.
    const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
    const padding = editor.getOption(monaco.editor.EditorOption.padding);
    const fit = () =>
      setHeight(Math.min(editor.getContentHeight(), MAX_LINES * lineHeight + padding.top + padding.bottom));
    editor.onDidContentSizeChange(fit);
    fit();
    setMounted({ editor, monaco });
  };

  return (
    <div className={styles.editor} data-testid={pageTestIds.editor.promqlEditor} data-ready={mounted ? 'true' : 'false'}>
      <CodeEditor
        value={value}
        language={BURNDOWN_PROMQL}
        height={height}
        width="100%"
        readOnly={readOnly}
        showMiniMap={false}
        showLineNumbers={false}
        wordWrap
        monacoOptions={{ ...OPTIONS, ariaLabel: label }}
        onBeforeEditorMount={(monaco) => promqlLanguageFor(monaco)}
        onEditorDidMount={onEditorDidMount}
        onChange={(v) => onChangeRef.current(v)}
        containerStyles={invalid ? styles.invalid : undefined}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({ width: '100%' }),
  invalid: css({ borderColor: theme.colors.error.border }),
});
