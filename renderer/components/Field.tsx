// A labelled form field: label, optional help, and the error in place, wired for screen readers
// (aria-describedby, aria-invalid). The control is rendered by the caller with the given props.
import type { ReactNode } from 'react';
import type { FieldError } from '../lib/field-errors.js';
import { useT } from '../i18n/use-t.js';
import { ErrorText } from './ErrorText.js';

/** Props the control must spread. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** Field props. */
export interface FieldProps {
  id: string;
  label: string;
  help?: ReactNode;
  error?: FieldError;
  isOptional?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/** A form field. */
export function Field({ id, label, help, error, isOptional, children }: FieldProps) {
  const { t } = useT();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const control: ControlProps = { id };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (error) control['aria-invalid'] = true;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {isOptional ? <span className="field__optional"> ({t('common.optional')})</span> : null}
      </label>
      {help ? (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      {children(control)}
      {error ? <ErrorText id={errorId} error={error} /> : null}
    </div>
  );
}
