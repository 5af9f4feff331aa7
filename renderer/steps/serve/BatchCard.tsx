// Batch prediction: a whole CSV file through a registered model, as a background job with progress
// and cancel, written next to the input (or where the user says), then the first predicted rows.
// The server does not need to be running for this.
import { useState } from 'react';
import { DataTable, textCell } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { batchProblems, defaultOutputPath, serveChoices } from '../../stores/serving-logic.js';
import { PREVIEW_ROWS, useServingStore } from '../../stores/serving-store.js';
import { asFieldError, useMlT } from '../train/texts.js';
import { choiceLabel } from './StartForm.js';

/** The batch prediction card. */
export function BatchCard() {
  const tr = useMlT();
  const { t } = tr;
  const models = useRegistryStore((s) => s.models);
  const form = useServingStore((s) => s.batchForm);
  const update = useServingStore((s) => s.updateBatchForm);
  const startBatch = useServingStore((s) => s.startBatch);
  const cancelBatch = useServingStore((s) => s.cancelBatch);
  const isStarting = useServingStore((s) => s.isStartingBatch);
  const batchError = useServingStore((s) => s.batchError);
  const activeBatchId = useServingStore((s) => s.activeBatchId);
  const job = useServingStore((s) => Object.values(s.batchJobs).find((j) => j.progress.subjectId === s.activeBatchId) ?? null);
  const batch = useServingStore((s) => s.batches.find((b) => b.id === s.activeBatchId) ?? null);
  const preview = useServingStore((s) => s.preview);
  const isBrowser = useProjectStore((s) => !(s.appInfo?.hasNativeDialogs ?? false));
  const [isSubmitted, setSubmitted] = useState(false);
  if (!form) return null;
  const choices = serveChoices(models);
  const problems = batchProblems(form);
  const isRunning = job !== null && (job.progress.state === 'queued' || job.progress.state === 'running');
  const field = batchError?.details?.field;

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    await startBatch();
  }

  const fieldError = (name: 'ref' | 'inputPath' | 'outputPath', apiField: string) => {
    const problem = problems[name];
    if (isSubmitted && problem) return { key: problem };
    if (batchError && field === apiField) return asFieldError(batchError);
    return undefined;
  };

  return (
    <section className="card sv-batch" aria-labelledby="sv-batch-title">
      <h2 className="card__title" id="sv-batch-title">
        {t('serve.batch.title')}
      </h2>
      <p className="card__help">{t('serve.batch.lead')}</p>
      {isBrowser ? (
        <p className="notice notice--info sv-batch__notice">
          <Icon name="info" className="notice__icon" />
          <span>{t('serve.batch.browserPath')}</span>
        </p>
      ) : null}
      <form
        className="sv-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="dp-fieldset" disabled={isRunning || isStarting}>
          <legend className="visually-hidden">{t('serve.batch.title')}</legend>
          <Field id="batch-model" label={t('serve.form.model')} error={fieldError('ref', 'model')}>
            {(p) => (
              <select {...p} value={form.ref} onChange={(e) => update((f) => ({ ...f, ref: e.target.value }))}>
                {choices.map((c) => (
                  <option key={c.ref} value={c.ref}>
                    {choiceLabel(c, tr)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="batch-input" label={t('serve.batch.input')} help={t('serve.batch.inputHelp')} error={fieldError('inputPath', 'inputPath')}>
            {(p) => <input {...p} type="text" spellCheck={false} autoComplete="off" value={form.inputPath} onChange={(e) => update((f) => ({ ...f, inputPath: e.target.value }))} />}
          </Field>
          <Field id="batch-output" label={t('serve.batch.output')} help={t('serve.batch.outputHelp')} isOptional error={fieldError('outputPath', 'outputPath')}>
            {(p) => (
              <input
                {...p}
                type="text"
                spellCheck={false}
                autoComplete="off"
                value={form.outputPath}
                placeholder={defaultOutputPath(form.inputPath)}
                onChange={(e) => update((f) => ({ ...f, outputPath: e.target.value }))}
              />
            )}
          </Field>
          <div className="sv-batch__checks">
            <label className="sv-check">
              <input type="checkbox" checked={form.probabilities} onChange={(e) => update((f) => ({ ...f, probabilities: e.target.checked }))} />
              <span>
                <span className="sv-check__title">{t('serve.batch.probabilities')}</span>
                <span className="sv-check__help">{t('serve.batch.probabilitiesHelp')}</span>
              </span>
            </label>
            <label className="sv-check">
              <input type="checkbox" checked={form.overwrite} onChange={(e) => update((f) => ({ ...f, overwrite: e.target.checked }))} />
              <span>
                <span className="sv-check__title">{t('serve.batch.overwrite')}</span>
              </span>
            </label>
          </div>
        </fieldset>
        <div className="sv-form__actions">
          <button type="submit" className="btn btn--primary" disabled={isRunning || isStarting || choices.length === 0}>
            {isStarting ? t('serve.batch.starting') : t('serve.batch.submit')}
          </button>
        </div>
        {batchError && !['model', 'inputPath', 'outputPath'].includes(String(field)) ? <ErrorText error={asFieldError(batchError)} /> : null}
      </form>
      {job && activeBatchId ? <JobProgress job={job} label={t('serve.batch.jobLabel')} onCancel={() => void cancelBatch()} /> : null}
      {batch && batch.state === 'done' ? (
        <div className="sv-batch__result" role="status">
          <p className="notice dp-notice--good">
            <Icon name="check" className="notice__icon" />
            <span>{t('serve.batch.done', { rows: tr.count(batch.rows ?? 0), path: batch.outputPath, time: tr.duration(batch.durationMs ?? 0) })}</span>
          </p>
          {preview.status === 'ready' && preview.batchId === batch.id ? (
            <DataTable
              caption={t('serve.batch.previewCaption', { n: Math.min(PREVIEW_ROWS, preview.rows.length) })}
              isCaptionVisible
              columns={preview.columns.map((name) => ({ key: name, label: name }))}
              rows={preview.rows.map((cells, i) => ({ key: i, cells: cells.map((v) => textCell(v)) }))}
              maxHeight={360}
              isCompact
            />
          ) : null}
          {preview.status === 'loading' ? <p className="muted">{t('common.loading')}</p> : null}
          {preview.status === 'error' && preview.error ? <ErrorText error={asFieldError(preview.error)} /> : null}
        </div>
      ) : null}
    </section>
  );
}
