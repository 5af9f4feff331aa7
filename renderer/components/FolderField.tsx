// A folder path field: typed in the browser (the folder is on the computer where the studio
// runs), with a "Choose…" button that opens the native folder dialog in the desktop app.
import type { ReactNode } from 'react';
import type { FieldError } from '../lib/field-errors.js';
import { useT } from '../i18n/use-t.js';
import { Field } from './Field.js';
import { Icon } from './Icon.js';
import './folder-field.css';

/** FolderField props. */
export interface FolderFieldProps {
  id: string;
  label: string;
  help?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Opens the native dialog and resolves to the chosen folder (null when cancelled); absent in the browser. */
  onBrowse?: () => Promise<string | null>;
  error?: FieldError;
  isDisabled?: boolean;
}

/** A folder path with an optional native picker. */
export function FolderField({ id, label, help, value, onChange, onBrowse, error, isDisabled }: FolderFieldProps) {
  const { t } = useT();
  async function browse() {
    if (!onBrowse) return;
    const picked = await onBrowse();
    if (picked !== null) onChange(picked);
  }
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(p) => (
        <div className="folder-field">
          <input {...p} type="text" spellCheck={false} autoComplete="off" value={value} disabled={isDisabled} onChange={(e) => onChange(e.target.value)} />
          {onBrowse ? (
            <button type="button" className="btn btn--secondary" onClick={() => void browse()} disabled={isDisabled}>
              <Icon name="folder" /> {t('common.chooseFolder')}
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}
