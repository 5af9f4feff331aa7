// Partitions: the train/validation/test split saved with the working version (sizes, each part's
// class balance, groups or time ranges) and the form that makes a new one (random, stratified,
// grouped by a column, or by time), with its shares and seed. A new split is a new version that
// shares every data chunk with its parent.
import { useEffect, useState } from 'react';
import type { DatasetColumn, PartitionMethod, PartitionSummary } from '../../../shared/domain/dataset.js';
import { PART_NAMES } from '../../../shared/domain/dataset.js';
import { Chart } from '../../charts/Chart.js';
import { partBalanceChart } from '../../charts/data-charts.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { JobProgress } from '../../components/JobProgress.js';
import type { FieldErrors } from '../../lib/field-errors.js';
import type { PartitionField, PartitionForm } from '../../stores/data-logic.js';
import { defaultPartitionForm, partitionColumnTypes, partitionFormFromSpec, partitionSpec, setPartitionMethod } from '../../stores/data-logic.js';
import { useDataStore } from '../../stores/data-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { InlineError } from './ImportDialog.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';

const METHODS: readonly PartitionMethod[] = ['stratified', 'random', 'grouped', 'time'];
const METHOD_HELP = {
  random: 'data.partition.help.random',
  stratified: 'data.partition.help.stratified',
  grouped: 'data.partition.help.grouped',
  time: 'data.partition.help.time',
} as const;

/** The Partitions tab. */
export function PartitionView() {
  const tr = useDataT();
  const { t } = tr;
  const detail = useDataStore((s) => s.detail);
  const profile = useDataStore((s) => s.profile);
  const partition = detail?.current.partition ?? null;
  if (!detail) return null;
  const isClassification = profile?.profile.target?.task === 'classification' || (profile === null && detail.current.target !== null);
  return (
    <div className="stack">
      <p className="step-intro">{t('data.partition.intro')}</p>
      {partition ? <PartitionSummaryCard summary={partition} tr={tr} /> : <p className="notice notice--info">{t('data.partition.none')}</p>}
      <PartitionFormCard key={detail.current.id} schema={detail.current.schema} target={detail.current.target} isClassification={isClassification} existing={partition} tr={tr} />
    </div>
  );
}

function PartitionSummaryCard({ summary, tr }: { summary: PartitionSummary; tr: DataTranslator }) {
  const { t } = tr;
  const total = summary.counts.train + summary.counts.validation + summary.counts.test;
  const parts = PART_NAMES.filter((p) => summary.counts[p] > 0);
  const { spec } = summary;
  return (
    <section className="card" aria-labelledby="partition-current-title" data-partition={spec.method}>
      <h2 className="card__title" id="partition-current-title">
        {t('data.partition.current')}
      </h2>
      <p className="card__help">
        {t('data.partition.currentLine', { method: tr.methodName(spec.method), seed: spec.seed })}
        {spec.column && spec.method !== 'random' ? ` · ${t('data.partition.byColumn', { column: spec.column })}` : ''}
      </p>
      <DataTable
        caption={t('data.partition.sizes')}
        isCompact
        columns={[
          { key: 'part', label: t('data.rows.part') },
          { key: 'rows', label: t('data.chart.rows'), isNumeric: true },
          { key: 'share', label: t('data.chart.share'), isNumeric: true },
          ...(summary.groups ? [{ key: 'groups', label: t('data.partition.groups'), isNumeric: true }] : []),
          ...(summary.timeRanges ? [{ key: 'time', label: t('data.partition.timeRange') }] : []),
        ]}
        rows={parts.map((p) => ({
          key: p,
          cells: [
            tr.partName(p),
            tr.count(summary.counts[p]),
            total > 0 ? tr.share(summary.counts[p] / total) : '—',
            ...(summary.groups ? [tr.count(summary.groups[p])] : []),
            ...(summary.timeRanges
              ? [summary.timeRanges[p] ? `${tr.dateTime(summary.timeRanges[p][0])} – ${tr.dateTime(summary.timeRanges[p][1])}` : '—']
              : []),
          ],
        }))}
      />
      {summary.classBalance ? <ClassBalanceByPart summary={summary} parts={parts} tr={tr} /> : null}
    </section>
  );
}

function ClassBalanceByPart({ summary, parts, tr }: { summary: PartitionSummary; parts: ReadonlyArray<(typeof PART_NAMES)[number]>; tr: DataTranslator }) {
  const { t } = tr;
  const balance = summary.classBalance;
  if (!balance) return null;
  const labels: string[] = [];
  for (const p of parts) for (const c of balance[p]) if (!labels.includes(c.label)) labels.push(c.label);
  const title = t('data.partition.balance');
  return (
    <div className="stack stack--tight partition-balance">
      <h3 className="subhead">{title}</h3>
      <p className="card__help">{t('data.partition.balanceHelp')}</p>
      <Chart title={title} height={260} {...partBalanceChart(parts.map((p) => ({ name: tr.partName(p), classes: balance[p] })), { share: t('data.chart.share'), count: t('data.chart.rows') })} />
      <DataTable
        caption={title}
        isCompact
        columns={[{ key: 'class', label: t('data.profile.class') }, ...parts.map((p) => ({ key: p, label: tr.partName(p), isNumeric: true }))]}
        rows={labels.map((label) => ({
          key: label,
          cells: [
            label,
            ...parts.map((p) => {
              const c = balance[p].find((x) => x.label === label);
              return c ? `${tr.count(c.count)} (${tr.share(c.share)})` : '0';
            }),
          ],
        }))}
      />
    </div>
  );
}

function eligible(method: PartitionMethod, schema: readonly DatasetColumn[]): DatasetColumn[] {
  const types = partitionColumnTypes(method);
  return schema.filter((c) => types.includes(c.type));
}

function PartitionFormCard({
  schema,
  target,
  isClassification,
  existing,
  tr,
}: {
  schema: readonly DatasetColumn[];
  target: string | null;
  isClassification: boolean;
  existing: PartitionSummary | null;
  tr: DataTranslator;
}) {
  const { t } = tr;
  const createPartition = useDataStore((s) => s.createPartition);
  const cancelJob = useDataStore((s) => s.cancelJob);
  const jobId = useDataStore((s) => s.running.partition);
  const job = useDataStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const jobError = useDataStore((s) => s.jobErrors.partition);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const [form, setForm] = useState<PartitionForm>(() => (existing ? partitionFormFromSpec(existing.spec) : defaultPartitionForm(target, isClassification)));
  const [errors, setErrors] = useState<FieldErrors<PartitionField>>({});
  const [isSubmitted, setSubmitted] = useState(false);
  const isRunning = jobId !== undefined;

  // A classification target appears once the profile knows the task: stratify on it by default.
  useEffect(() => {
    if (!existing && !isSubmitted) setForm(defaultPartitionForm(target, isClassification));
  }, [existing, isSubmitted, target, isClassification]);

  function patch(p: Partial<PartitionForm>) {
    const next = { ...form, ...p };
    setForm(next);
    if (isSubmitted) setErrors(partitionSpec(next, target).errors);
  }

  async function submit() {
    setSubmitted(true);
    const { spec, errors: found } = partitionSpec(form, target);
    setErrors(found);
    if (spec) await createPartition(spec);
  }

  const columns = eligible(form.method, schema);
  const shareField = (part: 'train' | 'validation' | 'test') => (
    <Field id={`partition-${part}`} label={tr.partName(part)} error={errors[part]}>
      {(p) => (
        <span className="percent-input">
          <input {...p} type="text" inputMode="decimal" value={form[part]} onChange={(e) => patch({ [part]: e.target.value })} />
          <span aria-hidden="true">%</span>
        </span>
      )}
    </Field>
  );

  return (
    <section className="card" aria-labelledby="partition-form-title">
      <h2 className="card__title" id="partition-form-title">
        {existing ? t('data.partition.change') : t('data.partition.create')}
      </h2>
      <fieldset className="stack" disabled={isRunning || isReadOnly}>
        <legend className="visually-hidden">{t('data.partition.create')}</legend>
        <fieldset className="field choice-group">
          <legend className="field__label">{t('data.partition.method')}</legend>
          <div className="choice-cards choice-cards--two">
            {METHODS.map((m) => (
              <label key={m} className="choice-card">
                <input type="radio" name="partition-method" value={m} checked={form.method === m} onChange={() => patch(setPartitionMethod(form, m, schema, target))} />
                <span className="choice-card__text">
                  <span className="choice-card__title">{tr.methodName(m)}</span>
                  <span className="choice-card__help">{t(METHOD_HELP[m])}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {form.method !== 'random' ? (
          <Field id="partition-column" label={t(form.method === 'time' ? 'data.partition.timeColumn' : form.method === 'grouped' ? 'data.partition.groupColumn' : 'data.partition.stratifyColumn')} error={errors.column}>
            {(p) => (
              <select {...p} value={form.column} onChange={(e) => patch({ column: e.target.value })}>
                <option value="">{columns.length === 0 ? t('data.partition.noColumn') : t('data.partition.chooseColumn')}</option>
                {columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <fieldset className="field">
          <legend className="field__label">{t('data.partition.shares')}</legend>
          <p className="field__help">{t('data.partition.sharesHelp')}</p>
          <div className="share-row">
            {shareField('train')}
            {shareField('validation')}
            {shareField('test')}
          </div>
          {errors.shares ? <ErrorText error={errors.shares} /> : null}
        </fieldset>
        <Field id="partition-seed" label={t('data.partition.seed')} help={t('data.partition.seedHelp')} error={errors.seed}>
          {(p) => <input {...p} type="text" inputMode="numeric" className="input--short" value={form.seed} onChange={(e) => patch({ seed: e.target.value })} />}
        </Field>
        <div>
          <button type="button" className="btn btn--primary" onClick={() => void submit()}>
            {existing ? t('data.partition.submitChange') : t('data.partition.submit')}
          </button>
        </div>
      </fieldset>
      {job && isRunning ? <JobProgress job={job} label={t('data.partition.jobLabel')} onCancel={() => void cancelJob(job.progress.jobId)} /> : null}
      {jobError && !isRunning ? <InlineError error={jobError} /> : null}
    </section>
  );
}
