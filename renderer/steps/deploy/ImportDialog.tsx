// Importing a bundle folder as the next version of a model. Every file is checked against the
// checksums written at export; a bundle changed on the way is refused, naming the file, and
// nothing is imported.
import { useState } from 'react';
import { MODEL_NAME_REGEX } from '../../../shared/api/methods/registry.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { FolderField } from '../../components/FolderField.js';
import { Icon } from '../../components/Icon.js';
import { Modal } from '../../components/Modal.js';
import type { MessageKey } from '../../i18n/en.js';
import { bundleProblemFile, cleanPath } from '../../stores/registry-logic.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** The import dialog (mounted while open). */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, tError } = useMlT();
  const models = useRegistryStore((s) => s.models);
  const importing = useRegistryStore((s) => s.importing);
  const importBundle = useRegistryStore((s) => s.importBundle);
  const chooseFolder = useRegistryStore((s) => s.chooseFolder);
  const resetChange = useRegistryStore((s) => s.resetChange);
  const hasDialogs = useProjectStore((s) => s.appInfo?.hasNativeDialogs ?? false);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const [isSubmitted, setSubmitted] = useState(false);
  const isSaving = importing.status === 'saving';
  const error = importing.status === 'error' ? importing.error : null;
  const tamperedFile = error && error.messageKey === 'errors.registry.bundleTampered' ? (bundleProblemFile(error) ?? '?') : null;
  const invalidFile = error && error.messageKey === 'errors.registry.bundleInvalid' ? bundleProblemFile(error) : null;

  const dirProblem: MessageKey | null = cleanPath(dir) === '' ? 'deploy.import.error.dir' : null;
  const nameProblem: MessageKey | null = name.trim() === '' ? 'deploy.import.error.name' : !MODEL_NAME_REGEX.test(name.trim()) ? 'deploy.register.error.nameAlphabet' : null;
  const existing = models.find((m) => m.name === name.trim()) ?? null;

  function touch() {
    if (importing.status === 'error') resetChange('importing');
  }

  async function submit() {
    setSubmitted(true);
    if (dirProblem || nameProblem) return;
    if (await importBundle({ dir, name, comment })) {
      resetChange('importing');
      onClose();
    }
  }

  function close() {
    resetChange('importing');
    onClose();
  }

  const isBundleError = tamperedFile !== null || invalidFile !== null || error?.messageKey === 'errors.registry.bundleInvalid';
  return (
    <Modal
      id="import-dialog"
      title={t('deploy.import.title')}
      subtitle={t('deploy.import.subtitle')}
      isBusy={isSaving}
      onClose={close}
      actions={
        <>
          <button type="button" className="btn btn--quiet" onClick={close} disabled={isSaving}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={isSaving}>
            {isSaving ? t('deploy.import.saving') : t('deploy.import.submit')}
          </button>
        </>
      }
    >
      {!hasDialogs ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{t('deploy.import.browserPath')}</span>
        </p>
      ) : null}
      <fieldset className="dp-fieldset" disabled={isSaving}>
        <legend className="visually-hidden">{t('deploy.import.title')}</legend>
        <FolderField
          id="import-dir"
          label={t('deploy.import.dir')}
          help={t('deploy.import.dirHelp')}
          value={dir}
          onChange={(value) => {
            setDir(value);
            touch();
          }}
          onBrowse={hasDialogs ? () => chooseFolder(t('deploy.import.dialogTitle')) : undefined}
          error={isSubmitted && dirProblem ? { key: dirProblem } : undefined}
        />
        <Field
          id="import-name"
          label={t('deploy.import.name')}
          help={existing ? t('deploy.import.nameExisting', { name: existing.name, next: existing.latestVersion + 1 }) : t('deploy.import.nameHelp')}
          error={isSubmitted && nameProblem ? { key: nameProblem } : error && error.details?.field === 'name' ? asFieldError(error) : undefined}
        >
          {(p) => (
            <>
              <input
                {...p}
                type="text"
                list="import-name-models"
                spellCheck={false}
                autoComplete="off"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  touch();
                }}
              />
              <datalist id="import-name-models">
                {models.map((m) => (
                  <option key={m.name} value={m.name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="import-comment" label={t('deploy.import.comment')} isOptional>
          {(p) => <textarea {...p} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
      </fieldset>
      {tamperedFile !== null ? (
        <div className="notice notice--error dp-tampered" role="alert" data-refused="tampered">
          <Icon name="alert" className="notice__icon" />
          <div>
            <p className="dp-tampered__title">{t('deploy.import.tamperedTitle')}</p>
            <p>{t('deploy.import.tamperedBody', { file: tamperedFile })}</p>
            <p>{t('deploy.import.tamperedNext')}</p>
          </div>
        </div>
      ) : null}
      {tamperedFile === null && error?.messageKey === 'errors.registry.bundleInvalid' ? (
        <div className="notice notice--error" role="alert" data-refused="invalid">
          <Icon name="alert" className="notice__icon" />
          <div>
            <p className="dp-tampered__title">{t('deploy.import.invalidTitle')}</p>
            <p>{tError(asFieldError(error))}</p>
          </div>
        </div>
      ) : null}
      {error && !isBundleError && error.details?.field !== 'name' ? <ErrorText error={asFieldError(error)} /> : null}
    </Modal>
  );
}
