// How the runs are checked and tuned: holdout (the validation part) or k-fold cross-validation,
// an optional hyper-parameter search with a time budget, and the seed. Each choice says in one
// sentence what it means.
import type { ParamProblem } from '../../stores/training-logic.js';
import { useTrainingStore } from '../../stores/training-store.js';
import { Icon } from '../../components/Icon.js';
import { useMlT } from './texts.js';
import type { MlTranslator } from './texts.js';

/** Validation, search and seed. */
export function SettingsPanel({ problems }: { problems: Partial<Record<string, ParamProblem>> }) {
  const tr = useMlT();
  const { t } = tr;
  const form = useTrainingStore((s) => s.form);
  const updateForm = useTrainingStore((s) => s.updateForm);
  if (!form) return null;

  return (
    <div className="ml-settings">
      <fieldset className="ml-settings__group">
        <legend className="ml-models__legend">{t('training.validation.legend')}</legend>
        <div className="ml-choices">
          <label className="choice-card">
            <input type="radio" name="scheme" checked={form.scheme === 'holdout'} onChange={() => updateForm((f) => ({ ...f, scheme: 'holdout' }))} />
            <span className="choice-card__text">
              <span className="choice-card__title">{t('training.validation.holdout')}</span>
              <span className="choice-card__help">{t('training.validation.holdoutHelp')}</span>
            </span>
          </label>
          <label className="choice-card">
            <input type="radio" name="scheme" checked={form.scheme === 'kfold'} onChange={() => updateForm((f) => ({ ...f, scheme: 'kfold' }))} />
            <span className="choice-card__text">
              <span className="choice-card__title">{t('training.validation.kfold')}</span>
              <span className="choice-card__help">{t('training.validation.kfoldHelp')}</span>
            </span>
          </label>
        </div>
        {form.scheme === 'kfold' ? (
          <NumberSetting id="train-k" label={t('training.validation.k')} value={form.k} problem={problems.k} tr={tr} onChange={(k) => updateForm((f) => ({ ...f, k }))} />
        ) : null}
      </fieldset>

      <fieldset className="ml-settings__group">
        <legend className="ml-models__legend">{t('training.search.legend')}</legend>
        <label className="ml-check">
          <input type="checkbox" checked={form.isSearchOn} onChange={(e) => updateForm((f) => ({ ...f, isSearchOn: e.target.checked }))} />
          <span>
            <span className="ml-param__name">{t('training.search.on')}</span>
            <span className="field__help ml-param__help">{t('training.search.help')}</span>
          </span>
        </label>
        {form.isSearchOn ? (
          <div className="ml-settings__row">
            <div className="field ml-param">
              <label className="field__label field__label--small" htmlFor="train-search-kind">
                {t('training.search.kind')}
              </label>
              <select id="train-search-kind" value={form.searchKind} onChange={(e) => updateForm((f) => ({ ...f, searchKind: e.target.value === 'grid' ? 'grid' : 'random' }))}>
                <option value="random">{t('training.search.random')}</option>
                <option value="grid">{t('training.search.grid')}</option>
              </select>
            </div>
            <NumberSetting id="train-budget" label={t('training.search.budget')} value={form.budgetMinutes} problem={problems.budgetMinutes} tr={tr} onChange={(budgetMinutes) => updateForm((f) => ({ ...f, budgetMinutes }))} />
            <NumberSetting id="train-candidates" label={t('training.search.candidates')} value={form.maxCandidates} problem={problems.maxCandidates} tr={tr} onChange={(maxCandidates) => updateForm((f) => ({ ...f, maxCandidates }))} />
          </div>
        ) : null}
      </fieldset>

      {form.mode === 'advanced' ? (
        <fieldset className="ml-settings__group">
          <legend className="ml-models__legend">{t('training.seed.legend')}</legend>
          <NumberSetting id="train-seed" label={t('training.seed.label')} help={t('training.seed.help')} value={form.seed} problem={problems.seed} tr={tr} onChange={(seed) => updateForm((f) => ({ ...f, seed }))} />
        </fieldset>
      ) : null}
    </div>
  );
}

function NumberSetting({ id, label, help, value, problem, tr, onChange }: { id: string; label: string; help?: string; value: string; problem: ParamProblem | undefined; tr: MlTranslator; onChange: (v: string) => void }) {
  const { t } = tr;
  return (
    <div className={problem ? 'field ml-param field--invalid' : 'field ml-param'}>
      <label className="field__label field__label--small" htmlFor={id}>
        {label}
      </label>
      {help ? <p className="field__help ml-param__help">{help}</p> : null}
      <input id={id} type="text" inputMode="decimal" value={value} aria-invalid={problem ? true : undefined} onChange={(e) => onChange(e.target.value)} />
      {problem ? (
        <p className="error-text" role="alert">
          <Icon name="alert" />
          <span>{t(problem.key, problem.params ? Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, tr.score(v)])) : undefined)}</span>
        </p>
      ) : null}
    </div>
  );
}
