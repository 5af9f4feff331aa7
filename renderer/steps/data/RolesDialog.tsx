// Changing what the columns are for after the import: the target, and the columns kept out of
// the features. Saved as a new version that shares every data chunk with the working one.
import { useState } from 'react';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { useDataStore } from '../../stores/data-store.js';
import { useDataT } from './texts.js';

/** The roles dialog (mounted while open). */
export function RolesDialog({ onClose }: { onClose: () => void }) {
  const tr = useDataT();
  const { t } = tr;
  const detail = useDataStore((s) => s.detail);
  const setRoles = useDataStore((s) => s.setRoles);
  const schema = detail?.current.schema ?? [];
  const [target, setTarget] = useState(detail?.current.target ?? '');
  const [ignored, setIgnored] = useState<string[]>(() => schema.filter((c) => c.role === 'ignored').map((c) => c.name));
  const [isSaving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    const isSaved = await setRoles(target === '' ? null : target, ignored.filter((n) => n !== target));
    setSaving(false);
    if (isSaved) onClose();
  }

  return (
    <Modal
      id="roles-dialog"
      title={t('data.roles.title')}
      subtitle={t('data.roles.subtitle')}
      isBusy={isSaving}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn--quiet" onClick={onClose} disabled={isSaving}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void save()} disabled={isSaving}>
            {isSaving ? t('common.saving') : t('data.roles.save')}
          </button>
        </>
      }
    >
      <Field id="roles-target" label={t('data.import.target')} help={t('data.import.targetHelp')}>
        {(p) => (
          <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('data.import.targetNone')}</option>
            {schema.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field">
        <legend className="field__label">{t('data.roles.ignored')}</legend>
        <p className="field__help">{t('data.roles.ignoredHelp')}</p>
        <div className="check-grid">
          {schema
            .filter((c) => c.name !== target)
            .map((c) => (
              <label key={c.name} className="check">
                <input
                  type="checkbox"
                  checked={ignored.includes(c.name)}
                  onChange={(e) => setIgnored(e.target.checked ? [...ignored, c.name] : ignored.filter((n) => n !== c.name))}
                />
                <span>
                  {c.name} <span className="muted">· {tr.typeName(c.type)}</span>
                </span>
              </label>
            ))}
        </div>
      </fieldset>
    </Modal>
  );
}
