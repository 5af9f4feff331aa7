// Step 0, the objective: what goes in, what comes out, the task, the success metric and the
// threshold that counts as success, plus notes on the cost of errors.
import type { FormEvent } from 'react';
import type { MetricId, TaskType } from '../../../shared/domain/metrics.js';
import { METRICS, metricsForTask } from '../../../shared/domain/metrics.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { LoadError } from '../../components/LoadError.js';
import { SaveBar } from '../../components/SaveBar.js';
import { useT } from '../../i18n/use-t.js';
import type { ObjectiveField } from '../../stores/objective-logic.js';
import { OBJECTIVE_FIELDS, isDraftDirty, needsPositiveClass, thresholdReading, visibleErrors } from '../../stores/objective-logic.js';
import { useObjectiveStore } from '../../stores/objective-store.js';
import { useProjectStore } from '../../stores/project-store.js';

const TASKS: readonly TaskType[] = ['classification', 'regression'];

/** The element id of a field's control. */
function fieldId(field: ObjectiveField): string {
  return `objective-${field}`;
}

/** The Objective step's screen. */
export function ObjectiveStep() {
  const { t, number } = useT();
  const state = useObjectiveStore();
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const { draft, saved } = state;
  const errors = visibleErrors(draft, state.touched, state.isSubmitted, state.serverErrors);
  const isDirty = isDraftDirty(draft, saved);
  const reading = thresholdReading(draft);
  const metric = draft.metric === '' ? null : METRICS[draft.metric];

  if (state.status === 'error' && state.error) return <LoadError error={state.error} onRetry={() => void state.load()} />;
  if (state.status !== 'ready') return <p className="muted">{t('common.loading')}</p>;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const isSaved = await useObjectiveStore.getState().save();
    if (!isSaved) {
      const s = useObjectiveStore.getState();
      const shown = visibleErrors(s.draft, s.touched, s.isSubmitted, s.serverErrors);
      const first = OBJECTIVE_FIELDS.find((f) => shown[f]);
      if (first) document.getElementById(first === 'taskType' ? `${fieldId(first)}-${s.draft.taskType || 'classification'}` : fieldId(first))?.focus();
    }
  }

  const text = (field: 'inputs' | 'target' | 'positiveClass' | 'costNotes') => ({
    value: draft[field],
    onChange: (e: { target: { value: string } }) => state.setField(field, e.target.value),
    onBlur: () => state.touch(field),
  });

  const hasErrors = state.isSubmitted && Object.keys(errors).length > 0;

  return (
    <form className="step-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="step-intro">{t('objective.intro')}</p>
      <fieldset className="card" disabled={isReadOnly}>
        <legend className="card__title">{t('objective.section.problem')}</legend>
        <Field id={fieldId('inputs')} label={t('objective.inputs.label')} help={t('objective.inputs.help')} error={errors.inputs}>
          {(p) => <textarea {...p} rows={3} {...text('inputs')} />}
        </Field>
        <Field id={fieldId('target')} label={t('objective.target.label')} help={t('objective.target.help')} error={errors.target}>
          {(p) => <input {...p} type="text" {...text('target')} />}
        </Field>
        <fieldset className="field choice-group" aria-describedby={errors.taskType ? 'objective-taskType-error' : undefined}>
          <legend className="field__label">{t('objective.taskType.label')}</legend>
          <div className="choice-cards">
            {TASKS.map((task) => (
              <label key={task} className="choice-card">
                <input
                  type="radio"
                  name="taskType"
                  id={`${fieldId('taskType')}-${task}`}
                  value={task}
                  checked={draft.taskType === task}
                  onChange={() => {
                    state.setField('taskType', task);
                    state.touch('taskType');
                  }}
                />
                <span className="choice-card__text">
                  <span className="choice-card__title">{t(`objective.taskType.${task}`)}</span>
                  <span className="choice-card__help">{t(`objective.taskType.${task}Help`)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.taskType ? <ErrorText id="objective-taskType-error" error={errors.taskType} /> : null}
        </fieldset>
      </fieldset>

      <fieldset className="card" disabled={isReadOnly}>
        <legend className="card__title">{t('objective.section.success')}</legend>
        <Field
          id={fieldId('metric')}
          label={t('objective.metric.label')}
          help={
            draft.taskType === ''
              ? t('objective.metric.needTask')
              : metric
                ? `${t(`metric.${metric.id}.help`)} ${t(metric.direction === 'higher' ? 'objective.metric.higher' : 'objective.metric.lower')}`
                : t('objective.metric.help')
          }
          error={errors.metric}
        >
          {(p) => (
            <select
              {...p}
              value={draft.metric}
              disabled={draft.taskType === ''}
              onChange={(e) => {
                state.setField('metric', e.target.value as MetricId | '');
                state.touch('metric');
              }}
            >
              <option value="">{t('objective.metric.placeholder')}</option>
              {draft.taskType === ''
                ? null
                : metricsForTask(draft.taskType).map((m) => (
                    <option key={m.id} value={m.id}>
                      {t(`metric.${m.id}.name`)}
                    </option>
                  ))}
            </select>
          )}
        </Field>
        <Field
          id={fieldId('threshold')}
          label={t('objective.threshold.label')}
          help={metric ? rangeText(metric.min, metric.max) : t('objective.threshold.needMetric')}
          error={errors.threshold}
        >
          {(p) => (
            <div className="threshold">
              <input
                {...p}
                className="threshold__input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={draft.threshold}
                onChange={(e) => state.setField('threshold', e.target.value)}
                onBlur={() => state.touch('threshold')}
              />
              <p className="threshold__reading" aria-live="polite">
                {reading && !errors.threshold
                  ? t(reading.direction === 'atLeast' ? 'objective.threshold.atLeast' : 'objective.threshold.atMost', {
                      metric: t(`metric.${reading.metric}.name`),
                      value: number(reading.value),
                    })
                  : null}
              </p>
            </div>
          )}
        </Field>
        {needsPositiveClass(draft.metric) && metric ? (
          <Field
            id={fieldId('positiveClass')}
            label={t('objective.positiveClass.label')}
            help={t('objective.positiveClass.help', { metric: t(`metric.${metric.id}.name`) })}
            error={errors.positiveClass}
          >
            {(p) => <input {...p} type="text" {...text('positiveClass')} />}
          </Field>
        ) : null}
        <Field id={fieldId('costNotes')} label={t('objective.costNotes.label')} help={t('objective.costNotes.help')} error={errors.costNotes} isOptional>
          {(p) => <textarea {...p} rows={3} {...text('costNotes')} />}
        </Field>
      </fieldset>

      <SaveBar
        label={t('objective.save')}
        isSaving={state.isSaving}
        isDirty={isDirty}
        savedAt={saved?.updatedAt ?? null}
        isDisabled={isReadOnly}
        problem={hasErrors ? t('common.fixFields') : null}
      />
    </form>
  );

  function rangeText(min: number | null, max: number | null): string {
    if (min !== null && max !== null) return t('objective.threshold.rangeBoth', { min: number(min), max: number(max) });
    if (min !== null) return t('objective.threshold.rangeMin', { min: number(min) });
    return t('objective.threshold.rangeMax', { max: number(max ?? 0) });
  }
}
