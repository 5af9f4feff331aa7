// An error message in place, translated from its key (the UI's or the backend's).
import type { FieldError } from '../lib/field-errors.js';
import { useT } from '../i18n/use-t.js';
import { Icon } from './Icon.js';

/** Shows one field error. */
export function ErrorText({ error, id }: { error: FieldError; id?: string }) {
  const { tError } = useT();
  return (
    <p className="error-text" id={id} role="alert">
      <Icon name="alert" />
      <span>{tError(error)}</span>
    </p>
  );
}
