// Export of the working version to a CSV file (typed path; next to the project by default), with
// each row's part when a partition is set. Runs as a job; an existing file is only replaced when
// the user says so.
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { Modal } from '../../components/Modal.js';
import { dropJob, useDataStore } from '../../stores/data-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useDataT } from './texts.js';

/** "/home/ana/churn.ciclo" + "clients", 3 -> "/home/ana/clients-v3.csv". */
export function defaultExportPath(projectPath: string, name: string, number: number): string {
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  const dir = cut >= 0 ? projectPath.slice(0, cut + 1) : '';
  const safe = name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'dataset';
  return `${dir}${safe}-v${number}.csv`;
}

/** The export dialog (mounted while open). */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const tr = useDataT();
  const { t } = tr;
  const detail = useDataStore((s) => s.detail);
  const exportCsv = useDataStore((s) => s.exportCsv);
  const cancelJob = useDataStore((s) => s.cancelJob);
  const jobId = useDataStore((s) => s.running.export);
  const job = useDataStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const jobError = useDataStore((s) => s.jobErrors.export);
  const projectPath = useProjectStore((s) => s.current?.path ?? '');
  const isBrowser = useProjectStore((s) => !(s.appInfo?.hasNativeDialogs ?? false));
  const hasPartition = detail?.current.partition !== null && detail?.current.partition !== undefined;
  const [path, setPath] = useState(() => (detail ? defaultExportPath(projectPath, detail.name, detail.current.number) : ''));
  const [withParts, setWithParts] = useState(hasPartition);
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [startedId, setStartedId] = useState<string | null>(null);
  const isRunning = jobId !== undefined;
  const isDone = startedId !== null && !isRunning && !jobError;

  async function submit() {
    if (path.trim() === '') {
      setError({ code: 'INVALID_ARGUMENT', messageKey: 'data.export.pathRequired', message: 'Type a path.' });
      return;
    }
    setError(null);
    const failed = await exportCsv(path, withParts && hasPartition, overwrite);
    if (failed) setError(failed);
    else setStartedId(useDataStore.getState().running.export ?? null);
  }

  function close() {
    if (startedId) dropJob(startedId);
    onClose();
  }

  return (
    <Modal
      id="export-dialog"
      title={t('data.export.title')}
      subtitle={detail ? t('data.export.subtitle', { name: detail.name, number: detail.current.number }) : undefined}
      isBusy={isRunning}
      onClose={close}
      actions={
        isDone ? (
          <button type="button" className="btn btn--primary" onClick={close}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" className="btn btn--quiet" onClick={close} disabled={isRunning}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={isRunning}>
              {t('data.export.run')}
            </button>
          </>
        )
      }
    >
      {isBrowser ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{t('data.export.browserPath')}</span>
        </p>
      ) : null}
      <fieldset className="stack" disabled={isRunning || isDone}>
        <legend className="visually-hidden">{t('data.export.title')}</legend>
        <Field id="export-path" label={t('data.export.path')} error={error ? { key: error.messageKey, params: error.params, fallback: error.message, code: error.code } : undefined}>
          {(p) => <input {...p} type="text" spellCheck={false} value={path} onChange={(e) => setPath(e.target.value)} />}
        </Field>
        {hasPartition ? (
          <label className="check check--block">
            <input type="checkbox" checked={withParts} onChange={(e) => setWithParts(e.target.checked)} />
            <span>
              <span className="check__title">{t('data.export.withParts')}</span>
              <span className="check__help">{t('data.export.withPartsHelp')}</span>
            </span>
          </label>
        ) : null}
        <label className="check check--block">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          <span>
            <span className="check__title">{t('data.export.overwrite')}</span>
          </span>
        </label>
      </fieldset>
      {job && startedId ? <JobProgress job={job} label={t('data.export.jobLabel')} onCancel={() => void cancelJob(job.progress.jobId)} /> : null}
      {isDone ? (
        <p className="notice notice--good" role="status">
          <Icon name="check" className="notice__icon" />
          <span>{t('data.export.done', { path: path.trim() })}</span>
        </p>
      ) : null}
      {jobError && startedId ? <ErrorText error={{ key: jobError.messageKey, params: jobError.params, fallback: jobError.message, code: jobError.code }} /> : null}
    </Modal>
  );
}
