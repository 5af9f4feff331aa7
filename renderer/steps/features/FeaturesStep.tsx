// Step 2 of the lifecycle, "engineer the features": models read numbers, so every column gets the
// preparation that suits it. Ciclo proposes safe defaults and says why in plain words; the user
// may change a step or leave a column out, sees how strongly each column relates to the target
// (and which ones give the answer away), previews the transformed rows, and saves the design
// with the dataset version it was made for.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { SaveBar } from '../../components/SaveBar.js';
import { StepPrerequisite } from '../../components/StepPrerequisite.js';
import { Tabs } from '../../components/Tabs.js';
import { roleCounts } from '../../stores/features-logic.js';
import { isFeaturesDirty, useFeaturesStore } from '../../stores/features-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import type { StepProps } from '../step-definition.js';
import { useMlT } from '../train/texts.js';
import { ColumnsView } from './ColumnsView.js';
import { PreviewView } from './PreviewView.js';
import { RelevanceView } from './RelevanceView.js';
import '../train/ml-steps.css';

type FeaturesTab = 'columns' | 'relevance' | 'preview';

/** The Features step's screen. */
export function FeaturesStep(_props: StepProps) {
  const tr = useMlT();
  const { t, tDynamic } = tr;
  const status = useFeaturesStore((s) => s.status);
  const error = useFeaturesStore((s) => s.error);
  const dataset = useFeaturesStore((s) => s.dataset);
  const suggestion = useFeaturesStore((s) => s.suggestion);
  const draft = useFeaturesStore((s) => s.draft);
  const load = useFeaturesStore((s) => s.load);
  const [tab, setTab] = useState<FeaturesTab>('columns');

  // Every visit refreshes (silently once loaded): the data may have a new version since.
  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error' && error) return <LoadError error={error} onRetry={() => void load()} />;
  if (status === 'idle' || (status === 'loading' && !suggestion)) return <p className="muted">{t('features.loading')}</p>;
  if (!dataset) {
    return <StepPrerequisite title={t('features.needData.title')} body={t('features.needData.body')} step="data" actionLabel={t('features.goToData')} />;
  }
  if (!suggestion?.spec || !draft) {
    return (
      <StepPrerequisite
        title={t('features.needTarget.title')}
        body={suggestion?.reasonKey ? tDynamic(suggestion.reasonKey, undefined, t('features.needTarget.body')) : t('features.needTarget.body')}
        step="data"
        actionLabel={t('features.goToData')}
      />
    );
  }
  const leaking = suggestion.columns.filter((c) => c.leakage.length > 0 && draft.columns.some((d) => d.name === c.name && d.role === 'feature')).length;

  return (
    <div className="ml-step">
      <FeaturesHeader />
      <Tabs
        idPrefix="features"
        label={t('features.tabs')}
        active={tab}
        onSelect={setTab}
        tabs={[
          { id: 'columns', label: t('features.tab.columns'), badge: draft.columns.length },
          { id: 'relevance', label: t('features.tab.relevance'), badge: leaking > 0 ? <Icon name="alert" className="ml-badge-icon--warn" /> : undefined },
          { id: 'preview', label: t('features.tab.preview') },
        ]}
      >
        {tab === 'columns' ? <ColumnsView onShowRelevance={() => setTab('relevance')} /> : null}
        {tab === 'relevance' ? <RelevanceView /> : null}
        {tab === 'preview' ? <PreviewView /> : null}
      </Tabs>
      <SaveForm />
    </div>
  );
}

function FeaturesHeader() {
  const tr = useMlT();
  const { t } = tr;
  const dataset = useFeaturesStore((s) => s.dataset);
  const suggestion = useFeaturesStore((s) => s.suggestion);
  const draft = useFeaturesStore((s) => s.draft);
  const saved = useFeaturesStore((s) => s.saved);
  const missing = useFeaturesStore((s) => s.missingColumns);
  if (!dataset || !suggestion || !draft) return null;
  const counts = roleCounts(draft);
  const isCarried = saved !== null && saved.versionId !== dataset.versionId;
  return (
    <section className="card ml-head" aria-labelledby="features-head-title">
      <div className="ml-head__top">
        <div className="ml-head__names">
          <h2 className="ml-head__title" id="features-head-title">
            {t('features.head.title', { name: dataset.name })}
          </h2>
          <p className="ml-head__sub">
            {t('features.head.version', { number: dataset.versionNumber })}
            {' · '}
            {t('features.head.target', { target: suggestion.target ?? '' })}
            {' · '}
            {t(suggestion.task === 'regression' ? 'features.head.taskRegression' : 'features.head.taskClassification')}
          </p>
        </div>
      </div>
      <p className="ml-head__lead">{t('features.intro')}</p>
      <dl className="ml-facts">
        <div className="ml-fact">
          <dt>{t('features.fact.inputs')}</dt>
          <dd>{tr.count(counts.features)}</dd>
        </div>
        <div className="ml-fact">
          <dt>{t('features.fact.left')}</dt>
          <dd>{tr.count(counts.dropped)}</dd>
        </div>
        <div className="ml-fact">
          <dt>{t('features.fact.target')}</dt>
          <dd className="ml-fact__text">{draft.target}</dd>
        </div>
      </dl>
      {isCarried ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>
            {t('features.carried', { number: dataset.versionNumber })}
            {missing.length > 0 ? ` ${t('features.carriedMissing', { columns: missing.join(', ') })}` : ''}
          </span>
        </p>
      ) : null}
      {!suggestion.hasQualityReport ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{t('features.noQualityReport')}</span>
        </p>
      ) : null}
    </section>
  );
}

function SaveForm() {
  const tr = useMlT();
  const { t, tError } = tr;
  const state = useFeaturesStore();
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const isDirty = isFeaturesDirty(state);
  const savedAt = state.saved && state.dataset && state.saved.versionId === state.dataset.versionId ? state.saved.createdAt : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    void state.save();
  }

  return (
    <form className="card ml-save" onSubmit={submit} aria-labelledby="features-save-title">
      <h2 className="card__title" id="features-save-title">
        {t('features.save.title')}
      </h2>
      <fieldset className="ml-choices">
        <legend className="visually-hidden">{t('features.adapt.legend')}</legend>
        <label className="choice-card">
          <input type="radio" name="adapt" checked={state.adaptToModel} onChange={() => state.setAdaptToModel(true)} />
          <span className="choice-card__text">
            <span className="choice-card__title">{t('features.adapt.on')}</span>
            <span className="choice-card__help">{t('features.adapt.onHelp')}</span>
          </span>
        </label>
        <label className="choice-card">
          <input type="radio" name="adapt" checked={!state.adaptToModel} onChange={() => state.setAdaptToModel(false)} />
          <span className="choice-card__text">
            <span className="choice-card__title">{t('features.adapt.off')}</span>
            <span className="choice-card__help">{t('features.adapt.offHelp')}</span>
          </span>
        </label>
      </fieldset>
      {state.saveError ? (
        <p className="error-text" role="alert">
          <Icon name="alert" />
          <span>{tError({ key: state.saveError.messageKey, params: state.saveError.params, fallback: state.saveError.message, code: state.saveError.code })}</span>
        </p>
      ) : null}
      <div className="ml-save__bar">
        <SaveBar label={t('features.save.button')} isSaving={state.isSaving} isDirty={isDirty} savedAt={savedAt} isDisabled={isReadOnly} />
        <button type="button" className="btn btn--quiet" onClick={state.resetToSuggestion} disabled={state.isSaving}>
          {t('features.resetDefaults')}
        </button>
      </div>
      {!isDirty && savedAt ? <p className="ml-footnote">{t('features.save.next')}</p> : null}
    </form>
  );
}
