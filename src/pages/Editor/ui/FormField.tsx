// One field of the editor with its validation errors right under it (the CLI's SloError objects, placed by
// domain/validateForm.ts: placeErrors), and the PromQL query field with the PromQL module's problems at line:col.
import React from 'react';

import { Field } from '@grafana/ui';

import type { SloQueryRole } from '../../../promql';
import { pageTestIds } from '../../../shared/testIds';
import type { SloError } from '../../../slo';
import { PromqlEditor } from '../../shared/promqlEditor/PromqlEditor';
import { promqlMarks } from '../domain/validateForm';

const ids = pageTestIds.editor;

/** What every field needs: the placed errors and whether the form is read-only. */
export interface FieldContext {
  errors: Map<string, SloError[]>;
  readOnly: boolean;
}

/** The id of a field's input, from its document path: labels point at it (accessible names for tests). */
const ID_PREFIX = 'burndown-editor-';
export const inputId = (path: string) => `${ID_PREFIX}${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function ErrorLines({ path, errors }: { path: string; errors: Array<{ text: string }> }) {
  return (
    <>
      {errors.map((e, i) => (
        <div key={i} data-testid={ids.fieldError} data-path={path}>
          {e.text}
        </div>
      ))}
    </>
  );
}

export interface FormFieldProps {
  path: string;
  label: string;
  description?: string;
  ctx: FieldContext;
  children: React.ReactElement;
  /** Errors shown instead of the validator's (the PromQL marks). */
  extra?: React.ReactNode;
}

export function FormField({ path, label, description, ctx, children, extra }: FormFieldProps) {
  const errors = ctx.errors.get(path) ?? [];
  const shown =
    extra ?? (errors.length > 0 ? <ErrorLines path={path} errors={errors.map((e) => ({ text: e.message }))} /> : null);
  // Grafana's Label puts the description inside <label>; aria-label keeps the accessible name the label alone ("Id").
  const own = typeof children.props.id === 'string' && children.props.id.startsWith(ID_PREFIX);
  return (
    <Field label={label} description={description} invalid={shown !== null} error={shown} disabled={ctx.readOnly}>
      {own && label ? React.cloneElement(children, { 'aria-label': label }) : children}
    </Field>
  );
}

export interface QueryFieldProps {
  path: string;
  label: string;
  description?: string;
  role: SloQueryRole;
  value: string;
  onChange: (v: string) => void;
  ctx: FieldContext;
}

/**
 * A PromQL field: a code editor with PromQL highlighting and the problems marked in the text
 * (shared/promqlEditor), and each problem of the PromQL module under it as `line:col message`, or the validator's.
 */
export function QueryField({ path, label, description, role, value, onChange, ctx }: QueryFieldProps) {
  const marks = promqlMarks(value, role);
  const extra =
    marks.length > 0 ? (
      <>
        {marks.map((m, i) => (
          <div key={i} data-testid={ids.promqlMark} data-path={path} data-line={m.line} data-column={m.column}>
            {m.line}:{m.column}: {m.message}
          </div>
        ))}
      </>
    ) : undefined;
  // Marked in the text: what the field shows under it (the marks, else the validator's errors for the field).
  const fieldErrors = marks.length > 0 ? [] : (ctx.errors.get(path) ?? []).map((e) => e.message);
  return (
    <FormField path={path} label={label} description={description} ctx={ctx} extra={extra}>
      <PromqlEditor
        id={inputId(path)}
        label={label}
        value={value}
        onChange={onChange}
        readOnly={ctx.readOnly}
        problems={marks}
        fieldErrors={fieldErrors}
      />
    </FormField>
  );
}
