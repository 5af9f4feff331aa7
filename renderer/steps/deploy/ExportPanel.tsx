// Exporting the chosen version as a bundle: a folder with the pipeline, the input schema, the model
// card, the lineage, an ONNX model where the pipeline allows it, and a manifest of checksums, so
// another machine can serve it (`ciclo serve --bundle`) or another project import it, and any change
// to a file on the way is detected.
import { useState } from 'react';
import type { ModelVersionDetail } from '../../../shared/api/methods/registry.js';
import { ErrorText } from '../../components/ErrorText.js';
import { FolderField } from '../../components/FolderField.js';
import { Icon } from '../../components/Icon.js';
import { defaultBundleDir, onnxCoverage } from '../../stores/registry-logic.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { asFieldError, useMlT } from '../train/texts.js';
import { formatBytes } from './LineageView.js';
import { OnnxNote } from './OnnxNote.js';

const ROLE_KEYS = {
  pipeline: 'deploy.export.role.pipeline',
  'input-schema': 'deploy.export.role.inputSchema',
  onnx: 'deploy.export.role.onnx',
  'onnx-note': 'deploy.export.role.onnxNote',
  'model-card': 'deploy.export.role.modelCard',
  lineage: 'deploy.export.role.lineage',
} as const;

/** The export view of a version. */
export function ExportPanel({ version }: { version: ModelVersionDetail | null }) {
  const tr = useMlT();
  const { t, locale } = tr;
  const projectPath = useProjectStore((s) => s.current?.path ?? '');
  const hasDialogs = useProjectStore((s) => s.appInfo?.hasNativeDialogs ?? false);
  const exporting = useRegistryStore((s) => s.exporting);
  const exportBundle = useRegistryStore((s) => s.exportBundle);
  const chooseFolder = useRegistryStore((s) => s.chooseFolder);
  const resetChange = useRegistryStore((s) => s.resetChange);
  const [dir, setDir] = useState(() => (version ? defaultBundleDir(projectPath, version.name, version.version) : ''));
  const [isSubmitted, setSubmitted] = useState(false);
  const isSaving = exporting.status === 'saving';
  const result = exporting.status === 'done' ? exporting.result : null;

  if (!version) return <p className="muted">{t('common.loading')}</p>;

  async function submit() {
    setSubmitted(true);
    if (dir.trim() === '') return;
    await exportBundle(dir, locale);
  }

  const error = exporting.status === 'error' && exporting.error ? exporting.error : null;
  return (
    <div className="dp-export">
      <p className="dp-muted">{t('deploy.export.lead')}</p>
      <OnnxNote coverage={onnxCoverage(version.lineage.spec)} />
      {!hasDialogs ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{t('deploy.export.browserPath')}</span>
        </p>
      ) : null}
      <form
        className="dp-export__form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FolderField
          id="export-dir"
          label={t('deploy.export.dir')}
          help={t('deploy.export.dirHelp')}
          value={dir}
          onChange={(value) => {
            setDir(value);
            if (exporting.status !== 'idle') resetChange('exporting');
          }}
          onBrowse={hasDialogs ? () => chooseFolder(t('deploy.export.dialogTitle'), dir.trim() || undefined) : undefined}
          error={isSubmitted && dir.trim() === '' ? { key: 'deploy.export.dirRequired' } : error && error.details?.field === 'dir' ? asFieldError(error) : undefined}
          isDisabled={isSaving}
        />
        <div>
          <button type="submit" className="btn btn--primary" disabled={isSaving}>
            {isSaving ? t('deploy.export.saving') : t('deploy.export.submit')}
          </button>
        </div>
      </form>
      {error && error.details?.field !== 'dir' ? <ErrorText error={asFieldError(error)} /> : null}
      {result ? (
        <div className="dp-export__result" role="status">
          <p className="notice dp-notice--good">
            <Icon name="check" className="notice__icon" />
            <span>{t('deploy.export.done', { dir: result.dir, count: result.files.length + 1 })}</span>
          </p>
          <div className="dp-table-wrap">
            <table className="dp-table">
              <caption className="visually-hidden">{t('deploy.export.files')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deploy.export.col.file')}</th>
                  <th scope="col">{t('deploy.export.col.holds')}</th>
                  <th scope="col" className="dp-num">
                    {t('deploy.export.col.size')}
                  </th>
                  <th scope="col">{t('deploy.export.col.checksum')}</th>
                </tr>
              </thead>
              <tbody>
                {result.files.map((f) => (
                  <tr key={f.path}>
                    <td className="dp-mono">{f.path}</td>
                    <td>{t(ROLE_KEYS[f.role])}</td>
                    <td className="dp-num">{formatBytes(f.bytes, tr)}</td>
                    <td className="dp-mono" title={f.sha256}>
                      {f.sha256.slice(0, 12)}…
                    </td>
                  </tr>
                ))}
                <tr>
                  <td className="dp-mono">manifest.json</td>
                  <td>{t('deploy.export.role.manifest')}</td>
                  <td />
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          {result.onnx.status === 'exported' ? (
            <p className="dp-small">{t('deploy.export.onnxDone', { file: result.onnx.file })}</p>
          ) : (
            <div className="dp-small">
              <p>{t('deploy.export.onnxSkipped')}</p>
              <details className="dp-details">
                <summary>{t('deploy.export.onnxSteps')}</summary>
                <ul className="dp-mono">
                  {result.onnx.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ul>
              </details>
            </div>
          )}
          <p className="dp-muted dp-small">
            {t('deploy.export.serveHint')} <code className="dp-mono">ciclo serve --bundle "{result.dir}"</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
