// Export of a run's report as one self-contained HTML file (charts and styles inside, nothing
// fetched from the network), in the UI's language, next to the project by default. An existing
// file is only replaced when the user says so.
import { useState } from 'react';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { Modal } from '../../components/Modal.js';
import { formatBytes } from '../../lib/numbers.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** "/home/ana/churn.ciclo", 7 -> "/home/ana/churn-run-7-report.html". */
export function defaultReportPath(projectPath: string, runNumber: number): string {
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  const dir = cut >= 0 ? projectPath.slice(0, cut + 1) : '';
  const file = cut >= 0 ? projectPath.slice(cut + 1) : projectPath;
  const stem = file.replace(/\.ciclo$/i, '').replace(/[\\/:*?"<>|]+/g, '-').trim() || 'ciclo';
  return `${dir}${stem}-run-${runNumber}-report.html`;
}

/** The export dialog (mounted while open). */
export function ExportReportDialog({ run, onClose }: { run: RunSummary; onClose: () => void }) {
  const tr = useMlT();
  const { t, locale } = tr;
  const projectPath = useProjectStore((s) => s.current?.path ?? '');
  const exportState = useEvaluationStore((s) => s.exportState);
  const exportHtml = useEvaluationStore((s) => s.exportHtml);
  const resetExport = useEvaluationStore((s) => s.resetExport);
  const [path, setPath] = useState(() => defaultReportPath(projectPath, run.number));
  const [overwrite, setOverwrite] = useState(false);
  const [isEmpty, setEmpty] = useState(false);
  const isSaving = exportState.status === 'saving';
  const isDone = exportState.status === 'saved';
  const exists = exportState.error?.messageKey === 'errors.evaluation.fileExists';

  function close() {
    resetExport();
    onClose();
  }

  async function submit() {
    if (path.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    await exportHtml(path, locale, overwrite);
  }

  return (
    <Modal
      id="report-export"
      title={t('evaluation.export.title')}
      subtitle={t('evaluation.export.subtitle', { run: tr.runLabel(run) })}
      isBusy={isSaving}
      onClose={close}
      actions={
        isDone ? (
          <button type="button" className="btn btn--primary" onClick={close}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" className="btn btn--quiet" onClick={close} disabled={isSaving}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={isSaving}>
              {isSaving ? t('evaluation.export.saving') : t('evaluation.export.run')}
            </button>
          </>
        )
      }
    >
      {isDone && exportState.path ? (
        <p className="notice notice--info" role="status">
          <Icon name="check" className="notice__icon" />
          <span>{t('evaluation.export.done', { path: exportState.path, size: formatBytes(exportState.bytes ?? 0, locale) })}</span>
        </p>
      ) : (
        <>
          <p className="ml-muted">{t('evaluation.export.help')}</p>
          <Field id="report-path" label={t('evaluation.export.path')} error={isEmpty ? { key: 'evaluation.export.pathRequired' } : undefined}>
            {(control) => <input {...control} type="text" value={path} onChange={(e) => setPath(e.target.value)} disabled={isSaving} />}
          </Field>
          <label className="ml-check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} disabled={isSaving} />
            <span>{t('evaluation.export.overwrite')}</span>
          </label>
          {exportState.error ? <ErrorText error={asFieldError(exportState.error)} /> : null}
          {exists && !overwrite ? <p className="ml-footnote">{t('evaluation.export.existsHint')}</p> : null}
        </>
      )}
    </Modal>
  );
}
