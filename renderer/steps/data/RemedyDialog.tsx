// A remedy's small form: what it does, its parameters (prefilled from the finding), and why it
// only learns from and changes the training rows. Remedies that learn from rows wait for a
// train/validation/test partition and say so. Applying runs a job that commits a new version.
import { useEffect, useState } from 'react';
import type { SuspectLabelInfo } from '../../../shared/api/methods/data.js';
import type { DatasetColumn, Finding, RemedyKind } from '../../../shared/domain/dataset.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { Modal } from '../../components/Modal.js';
import type { FieldErrors } from '../../lib/field-errors.js';
import type { RemedyField, RemedyForm } from '../../stores/data-logic.js';
import { needsPartition, remedyForm, remedyParams, usesColumns } from '../../stores/data-logic.js';
import { dropJob, useDataStore } from '../../stores/data-store.js';
import { InlineError } from './ImportDialog.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';

/** What opened the dialog. */
export interface RemedyRequest {
  kind: RemedyKind;
  finding: Finding | null;
  /** label_suspect: the rows the label check doubts (prefill the label fixes). */
  suspects: SuspectLabelInfo[];
}

const NUMERIC = new Set(['numeric', 'integer']);

/** Which columns a remedy may be applied to. */
function eligibleColumns(kind: RemedyKind, schema: readonly DatasetColumn[], target: string | null): readonly DatasetColumn[] {
  const features = schema.filter((c) => c.name !== target);
  if (kind === 'clip_outliers' || kind === 'remove_outliers' || kind === 'gaussian_jitter') return features.filter((c) => NUMERIC.has(c.type));
  if (kind === 'impute') return features.filter((c) => c.type !== 'identifier');
  return kind === 'drop_columns' ? features : schema;
}

/** The remedy dialog (mounted while open). */
export function RemedyDialog({ request, onClose, onGoToPartition }: { request: RemedyRequest; onClose: () => void; onGoToPartition: () => void }) {
  const tr = useDataT();
  const { t } = tr;
  const detail = useDataStore((s) => s.detail);
  const profile = useDataStore((s) => s.profile);
  const applyRemedy = useDataStore((s) => s.applyRemedy);
  const cancelJob = useDataStore((s) => s.cancelJob);
  const startError = useDataStore((s) => s.jobErrors.remedy);
  const runningId = useDataStore((s) => s.running.remedy);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useDataStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const target = detail?.current.target ?? null;
  const schema = detail?.current.schema ?? [];
  // Labels start unchanged: the model's suggestions are shown, but a person decides each one.
  const [form, setForm] = useState<RemedyForm>(() => remedyForm(request.kind, request.finding, { target, columns: schema }));
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldErrors<RemedyField>>({});
  const [isSubmitted, setSubmitted] = useState(false);

  const partition = detail?.current.partition ?? null;
  const mustWait = needsPartition(form.kind, form.strategy) && partition === null;
  const isRunning = job !== undefined && (job.progress.state === 'queued' || job.progress.state === 'running');

  // A finished job closes the dialog: the new version is announced above the tabs.
  useEffect(() => {
    if (job?.progress.state === 'done') {
      dropJob(job.progress.jobId);
      onClose();
    }
  }, [job, onClose]);

  function patch(p: Partial<RemedyForm>) {
    const next = { ...form, ...p };
    setForm(next);
    if (isSubmitted) setErrors(remedyParams(next).errors);
  }

  async function apply() {
    setSubmitted(true);
    const { params, errors: found } = remedyParams(form);
    setErrors(found);
    if (!params || mustWait) return;
    const id = await applyRemedy(params, message);
    if (id) setJobId(id);
  }

  const classes = profile?.profile.target?.classes?.map((c) => c.label) ?? [];

  return (
    <Modal
      id="remedy-dialog"
      title={tr.remedyTitle(form.kind)}
      subtitle={request.finding ? tr.findingTitle(request.finding) : undefined}
      isBusy={isRunning}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn--quiet" onClick={onClose} disabled={isRunning}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void apply()} disabled={isRunning || mustWait || (runningId !== undefined && runningId !== jobId)}>
            {t('data.remedy.apply')}
          </button>
        </>
      }
    >
      <p>{tr.remedyDescription(form.kind)}</p>
      {needsPartition(form.kind, form.strategy) ? (
        <div className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <p>{tr.tDynamic('data.remedy.trainOnly')}</p>
        </div>
      ) : null}
      {mustWait ? (
        <div className="notice notice--warn" role="alert">
          <Icon name="alert" className="notice__icon" />
          <div className="stack stack--tight">
            <p>{t('data.remedy.needsPartition')}</p>
            <div>
              <button type="button" className="btn btn--secondary btn--small" onClick={onGoToPartition}>
                {t('data.remedy.goToPartition')}
              </button>
            </div>
          </div>
        </div>
      ) : null}

      <fieldset className="remedy-form" disabled={isRunning}>
        <legend className="visually-hidden">{t('data.remedy.settings')}</legend>
        <RemedyFields form={form} patch={patch} errors={errors} schema={schema} target={target} classes={classes} tr={tr} request={request} />
        {partition?.classBalance && ['smote', 'smote_nc', 'random_oversample', 'random_undersample', 'cluster_centroids'].includes(form.kind) ? (
          <div className="stack stack--tight">
            <p className="field__label">{t('data.remedy.trainingClasses')}</p>
            <DataTable
              caption={t('data.remedy.trainingClasses')}
              isCompact
              columns={[
                { key: 'class', label: t('data.profile.class') },
                { key: 'rows', label: t('data.chart.rows'), isNumeric: true },
              ]}
              rows={partition.classBalance.train.map((c) => ({ key: c.label, cells: [c.label, tr.count(c.count)] }))}
            />
          </div>
        ) : null}
        <Field id="remedy-message" label={t('data.remedy.message')} help={t('data.remedy.messageHelp')} isOptional>
          {(p) => <input {...p} type="text" maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
      </fieldset>

      {job ? <JobProgress job={job} label={tr.remedyTitle(form.kind)} onCancel={() => void cancelJob(job.progress.jobId)} /> : null}
      {!job && startError && isSubmitted ? <InlineError error={startError} /> : null}
    </Modal>
  );
}

interface FieldsProps {
  form: RemedyForm;
  patch: (p: Partial<RemedyForm>) => void;
  errors: FieldErrors<RemedyField>;
  schema: readonly DatasetColumn[];
  target: string | null;
  classes: string[];
  tr: DataTranslator;
  request: RemedyRequest;
}

function RemedyFields({ form, patch, errors, schema, target, classes, tr, request }: FieldsProps) {
  const { t } = tr;
  const columns = eligibleColumns(form.kind, schema, target);
  const isStrategyNumeric = form.columns.every((name) => NUMERIC.has(schema.find((c) => c.name === name)?.type ?? ''));
  return (
    <>
      {usesColumns(form.kind) || form.kind === 'gaussian_jitter' ? (
        <fieldset className="field">
          <legend className="field__label">
            {t('data.remedy.columns')}
            {form.kind === 'remove_duplicates' || form.kind === 'gaussian_jitter' ? <span className="field__optional"> ({t('common.optional')})</span> : null}
          </legend>
          <p className="field__help">{form.kind === 'remove_duplicates' ? t('data.remedy.columnsAllHelp') : form.kind === 'gaussian_jitter' ? t('data.remedy.columnsNumericHelp') : t('data.remedy.columnsHelp')}</p>
          <div className="check-grid">
            {columns.map((c) => (
              <label key={c.name} className="check">
                <input
                  type="checkbox"
                  checked={form.columns.includes(c.name)}
                  onChange={(e) => patch({ columns: e.target.checked ? [...form.columns, c.name] : form.columns.filter((n) => n !== c.name) })}
                />
                <span>
                  {c.name} <span className="muted">· {tr.typeName(c.type)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.columns ? <ErrorText error={errors.columns} /> : null}
        </fieldset>
      ) : null}

      {form.kind === 'impute' ? (
        <>
          <Field id="remedy-strategy" label={t('data.remedy.strategy')} help={t(`data.remedy.strategy.${form.strategy}Help`)}>
            {(p) => (
              <select {...p} value={form.strategy} onChange={(e) => patch({ strategy: e.target.value as RemedyForm['strategy'] })}>
                {(['mean', 'median', 'most_frequent', 'constant', 'knn'] as const)
                  .filter((s) => isStrategyNumeric || s === 'most_frequent' || s === 'constant')
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`data.remedy.strategy.${s}`)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {form.strategy === 'constant' ? (
            <Field id="remedy-fill" label={t('data.remedy.fillValue')} error={errors.fillValue}>
              {(p) => <input {...p} type="text" value={form.fillValue} onChange={(e) => patch({ fillValue: e.target.value })} />}
            </Field>
          ) : null}
          {form.strategy === 'knn' ? <NeighboursField form={form} patch={patch} errors={errors} tr={tr} /> : null}
        </>
      ) : null}

      {form.kind === 'clip_outliers' || form.kind === 'remove_outliers' ? (
        <div className="form-row">
          <Field id="remedy-method" label={t('data.remedy.method')} help={t(form.method === 'iqr' ? 'data.remedy.method.iqrHelp' : 'data.remedy.method.madHelp')}>
            {(p) => (
              <select {...p} value={form.method} onChange={(e) => patch({ method: e.target.value as RemedyForm['method'] })}>
                <option value="iqr">{t('data.remedy.method.iqr')}</option>
                <option value="mad">{t('data.remedy.method.mad')}</option>
              </select>
            )}
          </Field>
          <Field id="remedy-factor" label={t('data.remedy.factor')} help={t('data.remedy.factorHelp', { value: form.method === 'iqr' ? 3 : 3.5 })} error={errors.factor} isOptional>
            {(p) => <input {...p} type="text" inputMode="decimal" value={form.factor} onChange={(e) => patch({ factor: e.target.value })} />}
          </Field>
        </div>
      ) : null}

      {['smote', 'smote_nc', 'random_oversample', 'random_undersample', 'cluster_centroids', 'fix_labels'].includes(form.kind) ? (
        <p className="remedy-target">
          {target ? t('data.remedy.targetIs', { column: target }) : <ErrorText error={{ key: 'data.remedy.form.error.target' }} />}
        </p>
      ) : null}

      {form.kind === 'smote' || form.kind === 'smote_nc' ? <NeighboursField form={form} patch={patch} errors={errors} tr={tr} /> : null}

      {form.kind === 'cluster_centroids' ? (
        <Field id="remedy-voting" label={t('data.remedy.voting')} help={t(form.voting === 'soft' ? 'data.remedy.voting.softHelp' : 'data.remedy.voting.hardHelp')}>
          {(p) => (
            <select {...p} value={form.voting} onChange={(e) => patch({ voting: e.target.value as RemedyForm['voting'] })}>
              <option value="soft">{t('data.remedy.voting.soft')}</option>
              <option value="hard">{t('data.remedy.voting.hard')}</option>
            </select>
          )}
        </Field>
      ) : null}

      {form.kind === 'gaussian_jitter' ? (
        <div className="form-row">
          <Field id="remedy-amount" label={t('data.remedy.amount')} help={t('data.remedy.amountHelp')} error={errors.amount}>
            {(p) => <input {...p} type="text" inputMode="decimal" value={form.amount} onChange={(e) => patch({ amount: e.target.value })} />}
          </Field>
          <Field id="remedy-noise" label={t('data.remedy.noise')} help={t('data.remedy.noiseHelp')} error={errors.noiseScale}>
            {(p) => <input {...p} type="text" inputMode="decimal" value={form.noiseScale} onChange={(e) => patch({ noiseScale: e.target.value })} />}
          </Field>
        </div>
      ) : null}

      {form.kind === 'fix_labels' ? <LabelFixes form={form} patch={patch} errors={errors} classes={classes} tr={tr} request={request} /> : null}
    </>
  );
}

function NeighboursField({ form, patch, errors, tr }: { form: RemedyForm; patch: (p: Partial<RemedyForm>) => void; errors: FieldErrors<RemedyField>; tr: DataTranslator }) {
  return (
    <Field id="remedy-k" label={tr.t('data.remedy.neighbours')} help={tr.t('data.remedy.neighboursHelp')} error={errors.kNeighbors}>
      {(p) => <input {...p} type="text" inputMode="numeric" className="input--short" value={form.kNeighbors} onChange={(e) => patch({ kNeighbors: e.target.value })} />}
    </Field>
  );
}

function LabelFixes({ form, patch, errors, classes, tr, request }: { form: RemedyForm; patch: (p: Partial<RemedyForm>) => void; errors: FieldErrors<RemedyField>; classes: string[]; tr: DataTranslator; request: RemedyRequest }) {
  const { t } = tr;
  const detail = useDataStore((s) => s.detail);
  const report = useDataStore((s) => s.report);
  const fetchRowsAt = useDataStore((s) => s.fetchRowsAt);
  const [rows, setRows] = useState<Array<{ rowId: number; position: number; label: string | null; hint: string | null }> | null>(null);

  // The rows to fix: those the label check doubts, else the finding's example rows.
  useEffect(() => {
    let isCurrent = true;
    if (request.suspects.length > 0) {
      setRows(request.suspects.map((s) => ({ rowId: s.rowId, position: s.row, label: s.given, hint: s.suggested })));
      return undefined;
    }
    const positions = request.finding?.evidence.exampleRows ?? [];
    const target = detail?.current.target;
    if (!report || positions.length === 0 || !target) {
      setRows([]);
      return undefined;
    }
    void fetchRowsAt(report.versionId, positions).then((page) => {
      if (!isCurrent || !page) return;
      const j = page.columns.findIndex((c) => c.name === target);
      setRows(page.rowIds.map((rowId, i) => ({ rowId, position: positions[i] ?? 0, label: j >= 0 ? page.rows[i][j] : null, hint: null })));
    });
    return () => {
      isCurrent = false;
    };
  }, [request, detail, report, fetchRowsAt]);

  if (rows === null) return <p className="muted">{t('common.loading')}</p>;
  if (rows.length === 0) return <p className="muted">{t('data.remedy.noRowsToFix')}</p>;
  const setLabel = (rowId: number, label: string) => patch({ labels: { ...form.labels, [rowId]: label } });
  const hinted = rows.filter((r) => r.hint !== null && r.hint !== r.label);
  return (
    <div className="stack stack--tight">
      <p className="field__help">{t('data.remedy.fixHelp')}</p>
      {hinted.length > 0 ? (
        <div>
          <button
            type="button"
            className="btn btn--quiet btn--small"
            onClick={() => patch({ labels: { ...form.labels, ...Object.fromEntries(hinted.map((r) => [r.rowId, r.hint ?? ''])) } })}
          >
            {t('data.remedy.acceptSuggestions', { count: hinted.length })}
          </button>
        </div>
      ) : null}
      <DataTable
        caption={t('data.remedy.fixCaption')}
        isCompact
        maxHeight={300}
        columns={[
          { key: 'row', label: t('data.rows.rowNumber'), isNumeric: true },
          { key: 'label', label: t('data.remedy.currentLabel') },
          { key: 'new', label: t('data.remedy.newLabel') },
        ]}
        rows={rows.map((r) => ({
          key: r.rowId,
          cells: [
            tr.count(r.position + 1),
            r.label ?? '—',
            classes.length > 0 ? (
              <select
                key="s"
                className="table-select"
                aria-label={t('data.remedy.newLabelFor', { row: r.position + 1 })}
                value={form.labels[r.rowId] ?? ''}
                onChange={(e) => setLabel(r.rowId, e.target.value)}
              >
                <option value="">{t('data.remedy.keepLabel')}</option>
                {classes.map((c) => (
                  <option key={c} value={c}>
                    {c}
                    {r.hint === c ? ` ${t('data.remedy.suggested')}` : ''}
                  </option>
                ))}
              </select>
            ) : (
              <input
                key="i"
                type="text"
                className="table-input"
                aria-label={t('data.remedy.newLabelFor', { row: r.position + 1 })}
                value={form.labels[r.rowId] ?? ''}
                onChange={(e) => setLabel(r.rowId, e.target.value)}
              />
            ),
          ],
        }))}
      />
      {errors.labels ? <ErrorText error={errors.labels} /> : null}
    </div>
  );
}
