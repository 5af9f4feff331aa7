// Which models to train. Recommended: the preset for this data, each with why it is there; the two
// references ("no ML" and one rule) are always ticked. Advanced: every model of the task, each
// with its hyper-parameters generated from the catalogue (range, default, nullable "no limit").
import { useState } from 'react';
import type { ModelCatalogEntry, ParamSpec } from '../../../shared/domain/model-catalog.js';
import type { TaskType } from '../../../shared/domain/metrics.js';
import { Icon } from '../../components/Icon.js';
import type { ParamProblem } from '../../stores/training-logic.js';
import { BASELINE_IDS, isBaselineModel, modelsForTask, paramDraft, paramSpecsOf, resetParams, setParamDraft, toggleModel } from '../../stores/training-logic.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { MlTranslator } from './texts.js';
import { useMlT } from './texts.js';

/** The model list of the Train form. */
export function ModelPicker({ problems }: { problems: Record<string, ParamProblem> }) {
  const tr = useMlT();
  const { t, tDynamic } = tr;
  const catalog = useTrainingStore((s) => s.catalog);
  const form = useTrainingStore((s) => s.form);
  const updateForm = useTrainingStore((s) => s.updateForm);
  if (!catalog || !form || !catalog.task) return null;
  const task = catalog.task;

  if (form.mode === 'recommended') {
    const byId = new Map(catalog.models.map((m) => [m.id, m]));
    // The references are always trained, even if a preset ever left one out.
    const ids = [...new Set([...catalog.recommended.map((r) => r.id), ...BASELINE_IDS.filter((id) => byId.has(id))])];
    return (
      <fieldset className="ml-models">
        <legend className="ml-models__legend">{t('training.recommended.legend')}</legend>
        <p className="ml-muted">{t('training.recommended.help')}</p>
        <ul className="ml-models__list">
          {ids.map((id) => {
            const entry = catalog.recommended.find((r) => r.id === id);
            const isBaseline = isBaselineModel(id);
            const isOn = isBaseline || form.selected[id] === true;
            return (
              <li key={id} className={`ml-model${isOn ? ' ml-model--on' : ''}`} data-model={id}>
                <label className="ml-model__pick">
                  <input type="checkbox" checked={isOn} disabled={isBaseline} onChange={(e) => updateForm((f) => toggleModel(f, id, e.target.checked))} />
                  <span className="ml-model__text">
                    <span className="ml-model__name">
                      {tr.modelName(id)}
                      {isBaseline ? <span className="ml-chip ml-chip--muted">{t('training.reference')}</span> : null}
                    </span>
                    <span className="ml-model__line">{entry ? tDynamic(entry.reasonKey, undefined, tr.modelLine(id)) : tr.modelLine(id)}</span>
                  </span>
                </label>
                {byId.has(id) ? null : <span className="ml-muted">{t('training.unknownModel')}</span>}
              </li>
            );
          })}
        </ul>
      </fieldset>
    );
  }

  return (
    <fieldset className="ml-models">
      <legend className="ml-models__legend">{t('training.advanced.legend')}</legend>
      <p className="ml-muted">{t('training.advanced.help')}</p>
      <ul className="ml-models__list">
        {modelsForTask(catalog, task).map((model) => (
          <AdvancedModel key={model.id} model={model} task={task} problems={problems} tr={tr} />
        ))}
      </ul>
    </fieldset>
  );
}

function AdvancedModel({ model, task, problems, tr }: { model: ModelCatalogEntry; task: TaskType; problems: Record<string, ParamProblem>; tr: MlTranslator }) {
  const { t } = tr;
  const form = useTrainingStore((s) => s.form);
  const updateForm = useTrainingStore((s) => s.updateForm);
  const [isOpen, setOpen] = useState(false);
  if (!form) return null;
  const isBaseline = isBaselineModel(model.id);
  const isOn = isBaseline || form.selected[model.id] === true;
  const specs = paramSpecsOf(model, task);
  const hasProblem = specs.some((s) => problems[`${model.id}.${s.name}`] !== undefined);
  const changed = specs.filter((s) => form.params[model.id]?.[s.name] !== undefined).length;
  return (
    <li className={`ml-model${isOn ? ' ml-model--on' : ''}`} data-model={model.id}>
      <div className="ml-model__row">
        <label className="ml-model__pick">
          <input type="checkbox" checked={isOn} disabled={isBaseline} onChange={(e) => updateForm((f) => toggleModel(f, model.id, e.target.checked))} />
          <span className="ml-model__text">
            <span className="ml-model__name">
              {tr.modelName(model.id)}
              {isBaseline ? <span className="ml-chip ml-chip--muted">{t('training.reference')}</span> : null}
              {hasProblem ? (
                <span className="ml-chip ml-chip--bad">
                  <Icon name="alert" /> {t('training.param.hasProblem')}
                </span>
              ) : null}
            </span>
            <span className="ml-model__line">{tr.modelLine(model.id)}</span>
          </span>
        </label>
        {specs.length > 0 ? (
          <button type="button" className="btn btn--quiet btn--small" aria-expanded={isOpen || hasProblem} onClick={() => setOpen(!isOpen)}>
            {changed > 0 ? t('training.params.toggleChanged', { count: changed }) : t('training.params.toggle')}
          </button>
        ) : null}
      </div>
      {(isOpen || hasProblem) && specs.length > 0 ? (
        <div className="ml-params">
          <div className="ml-params__grid">
            {specs.map((spec) => (
              <ParamField key={spec.name} modelId={model.id} spec={spec} problem={problems[`${model.id}.${spec.name}`]} tr={tr} />
            ))}
          </div>
          <button type="button" className="link-btn link-btn--quiet" onClick={() => updateForm((f) => resetParams(f, model.id))} disabled={changed === 0}>
            {t('training.params.reset')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** One hyper-parameter: a number box with its range and default, a list of options, or a switch. */
function ParamField({ modelId, spec, problem, tr }: { modelId: string; spec: ParamSpec; problem: ParamProblem | undefined; tr: MlTranslator }) {
  const { t } = tr;
  const form = useTrainingStore((s) => s.form);
  const updateForm = useTrainingStore((s) => s.updateForm);
  if (!form) return null;
  const id = `param-${modelId}-${spec.name}`;
  const value = paramDraft(form, modelId, spec);
  const help = tr.paramHelp(spec.name);
  const set = (v: string | boolean) => updateForm((f) => setParamDraft(f, modelId, spec.name, v));

  if (spec.type === 'bool') {
    return (
      <div className="field ml-param ml-param--bool">
        <label className="ml-check" htmlFor={id}>
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
          <span>
            <span className="ml-param__name">{tr.paramName(spec.name)}</span>
            {help ? <span className="field__help ml-param__help">{help}</span> : null}
          </span>
        </label>
      </div>
    );
  }
  const rangeText =
    spec.type === 'enum'
      ? t('training.param.defaultOption', { value: tr.optionName(spec.default) })
      : t(spec.isNullable ? 'training.param.rangeNullable' : 'training.param.range', {
          min: tr.score(spec.min),
          max: tr.score(spec.max),
          value: spec.default === null ? t('training.param.noLimit') : tr.score(spec.default),
        });
  return (
    <div className={problem ? 'field ml-param field--invalid' : 'field ml-param'}>
      <label className="field__label field__label--small" htmlFor={id}>
        {tr.paramName(spec.name)}
      </label>
      {spec.type === 'enum' ? (
        <select id={id} value={String(value)} onChange={(e) => set(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {tr.optionName(o)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode={spec.type === 'int' ? 'numeric' : 'decimal'}
          value={String(value)}
          placeholder={spec.isNullable ? t('training.param.noLimit') : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-help`}
          onChange={(e) => set(e.target.value)}
        />
      )}
      <p className="field__help ml-param__help" id={`${id}-help`}>
        {help ? `${help} ` : ''}
        {rangeText}
      </p>
      {problem ? (
        <p className="error-text" role="alert">
          <Icon name="alert" />
          <span>{t(problem.key, problem.params ? Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, tr.score(v)])) : undefined)}</span>
        </p>
      ) : null}
    </div>
  );
}
