// Step 5 of the lifecycle, "deploy": from an experiment to a model others can rely on. The
// registry lists named models and their versions with their stage; a finished run is registered
// (the best one that meets the objective is offered first), versions move through stages with a
// reason that the history keeps, and the chosen version shows where it came from, its model card
// and how to take it to another machine (a bundle).
import { useEffect, useMemo, useState } from 'react';
import type { ModelDetail, ModelSummary, ModelVersionSummary } from '../../../shared/api/methods/registry.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { StepPrerequisite } from '../../components/StepPrerequisite.js';
import { finishedRuns } from '../../stores/evaluation-logic.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { useTrainingStore } from '../../stores/training-store.js';
import type { StepProps } from '../step-definition.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';
import { ImportDialog } from './ImportDialog.js';
import { RegisterDialog } from './RegisterDialog.js';
import { StageBadge } from './StageBadge.js';
import { StageDialog } from './StageDialog.js';
import { STAGE_MEANING } from './texts.js';
import { VersionPanel } from './VersionPanel.js';
import { STAGE_FLOW } from '../../stores/registry-logic.js';
import './deploy.css';

type Dialog = { kind: 'register' } | { kind: 'import' } | { kind: 'stage'; version: number } | null;

/** The Deploy step's screen. */
export function DeployStep(_props: StepProps) {
  const tr = useMlT();
  const { t } = tr;
  const status = useRegistryStore((s) => s.status);
  const error = useRegistryStore((s) => s.error);
  const models = useRegistryStore((s) => s.models);
  const load = useRegistryStore((s) => s.load);
  const model = useRegistryStore((s) => s.model);
  const selectedVersion = useRegistryStore((s) => s.selectedVersion);
  const trainingStatus = useTrainingStore((s) => s.status);
  const loadTraining = useTrainingStore((s) => s.load);
  const runs = useTrainingStore((s) => s.runs);
  const finished = useMemo(() => finishedRuns(runs, null), [runs]);
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    void load();
  }, [load]);
  // The register dialog offers the active dataset's finished runs.
  useEffect(() => {
    if (trainingStatus === 'idle') void loadTraining();
  }, [trainingStatus, loadTraining]);

  if (status === 'error' && error) return <LoadError error={error} onRetry={() => void load()} />;
  if (status === 'idle' || status === 'loading') return <p className="muted">{t('common.loading')}</p>;
  const isTrainingKnown = trainingStatus === 'ready' || trainingStatus === 'error';
  if (models.length === 0 && isTrainingKnown && finished.length === 0) {
    return (
      <div className="dp">
        <StepPrerequisite title={t('deploy.needRuns.title')} body={t('deploy.needRuns.body')} step="train" actionLabel={t('deploy.needRuns.action')} />
        <ImportOnly onImport={() => setDialog({ kind: 'import' })} />
        {dialog?.kind === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      </div>
    );
  }
  const detail = model.data;

  return (
    <div className="dp">
      <RegistryIntro
        hasModels={models.length > 0}
        canRegister={finished.length > 0}
        onRegister={() => setDialog({ kind: 'register' })}
        onImport={() => setDialog({ kind: 'import' })}
      />
      {models.length > 0 ? <ModelList models={models} /> : null}
      {models.length > 0 && model.status === 'error' && model.error ? <LoadError error={model.error} onRetry={() => void load()} /> : null}
      {detail ? <VersionsCard model={detail} selectedVersion={selectedVersion} tr={tr} /> : null}
      {detail && selectedVersion !== null ? <VersionPanel model={detail} version={selectedVersion} onChangeStage={() => setDialog({ kind: 'stage', version: selectedVersion })} /> : null}
      {dialog?.kind === 'register' ? <RegisterDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'stage' && detail ? <StageDialog model={detail} version={dialog.version} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

/** What the registry is for, the two ways in (register, import), and the stages explained. */
function RegistryIntro({ hasModels, canRegister, onRegister, onImport }: { hasModels: boolean; canRegister: boolean; onRegister: () => void; onImport: () => void }) {
  const { t } = useMlT();
  return (
    <section className="card dp-intro" aria-labelledby="dp-intro-title">
      <div className="dp-intro__head">
        <div className="dp-intro__text">
          <h2 className="card__title" id="dp-intro-title">
            {t('deploy.intro.title')}
          </h2>
          <p className="dp-muted">{hasModels ? t('deploy.intro.body') : t('deploy.intro.empty')}</p>
        </div>
        <div className="dp-intro__actions">
          <button type="button" className="btn btn--primary" onClick={onRegister} disabled={!canRegister}>
            {t('deploy.register.open')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={onImport}>
            {t('deploy.import.open')}
          </button>
        </div>
      </div>
      {!canRegister ? <p className="dp-muted dp-intro__note">{t('deploy.register.noRuns')}</p> : null}
      <details className="dp-stages">
        <summary>{t('deploy.stages.summary')}</summary>
        <dl className="dp-stages__list">
          {STAGE_FLOW.map((stage) => (
            <div key={stage} className="dp-stages__item">
              <dt>
                <StageBadge stage={stage} />
              </dt>
              <dd>{t(STAGE_MEANING[stage])}</dd>
            </div>
          ))}
        </dl>
        <p className="dp-muted">{t('deploy.stages.why')}</p>
      </details>
    </section>
  );
}

/** Before anything is registered and nothing is trained: a bundle can still come in. */
function ImportOnly({ onImport }: { onImport: () => void }) {
  const { t } = useMlT();
  return (
    <section className="card dp-import-only" aria-labelledby="dp-import-only-title">
      <h2 className="card__title" id="dp-import-only-title">
        {t('deploy.importOnly.title')}
      </h2>
      <p className="dp-muted">{t('deploy.importOnly.body')}</p>
      <div>
        <button type="button" className="btn btn--secondary" onClick={onImport}>
          {t('deploy.import.open')}
        </button>
      </div>
    </section>
  );
}

/** The registered models, as cards to choose from. */
function ModelList({ models }: { models: ModelSummary[] }) {
  const { t } = useMlT();
  const selectedName = useRegistryStore((s) => s.selectedName);
  const selectModel = useRegistryStore((s) => s.selectModel);
  return (
    <section className="card" aria-labelledby="dp-models-title">
      <h2 className="card__title" id="dp-models-title">
        {t('deploy.models.title')}
      </h2>
      <ul className="dp-models">
        {models.map((m) => {
          const isSelected = m.name === selectedName;
          return (
            <li key={m.name}>
              <button
                type="button"
                className={isSelected ? 'dp-model dp-model--selected' : 'dp-model'}
                aria-pressed={isSelected}
                data-model={m.name}
                onClick={() => void selectModel(m.name)}
              >
                <span className="dp-model__name">{m.name}</span>
                <span className="dp-model__line">{t(m.task === 'classification' ? 'deploy.models.predictsClass' : 'deploy.models.predictsValue', { target: m.target })}</span>
                <span className="dp-model__line">{t(m.versionCount === 1 ? 'deploy.models.versionsOne' : 'deploy.models.versionsMany', { n: m.versionCount })}</span>
                <span className="dp-model__line">
                  {m.productionVersion !== null ? (
                    <span className="dp-model__prod">
                      <Icon name="dot" /> {t('deploy.models.inProduction', { version: m.productionVersion })}
                    </span>
                  ) : (
                    t('deploy.models.noProduction')
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The versions of the chosen model, newest first, with their stage and score. */
function VersionsCard({ model, selectedVersion, tr }: { model: ModelDetail; selectedVersion: number | null; tr: MlTranslator }) {
  const { t, dateTime } = tr;
  const selectVersion = useRegistryStore((s) => s.selectVersion);
  return (
    <section className="card" aria-labelledby="dp-versions-title">
      <h2 className="card__title" id="dp-versions-title">
        {t('deploy.versions.title', { name: model.name })}
      </h2>
      <p className="card__help">{model.description || t('deploy.versions.help')}</p>
      <div className="dp-table-wrap">
        <table className="dp-table dp-versions">
          <caption className="visually-hidden">{t('deploy.versions.title', { name: model.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deploy.versions.col.version')}</th>
              <th scope="col">{t('deploy.versions.col.stage')}</th>
              <th scope="col">{t('deploy.versions.col.source')}</th>
              <th scope="col">{t('deploy.versions.col.score')}</th>
              <th scope="col">{t('deploy.versions.col.registered')}</th>
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => {
              const isSelected = v.version === selectedVersion;
              return (
                <tr key={v.id} className={isSelected ? 'dp-row--selected' : undefined} data-version={v.version} data-stage={v.stage}>
                  <td>
                    <button type="button" className="link-btn dp-version-link" aria-current={isSelected ? 'true' : undefined} onClick={() => void selectVersion(v.version)}>
                      {t('deploy.versions.versionN', { version: v.version })}
                    </button>
                  </td>
                  <td>
                    <StageBadge stage={v.stage} />
                  </td>
                  <td className="dp-cell-wrap">
                    <SourceCell version={v} tr={tr} />
                  </td>
                  <td>
                    <ScoreCell version={v} tr={tr} />
                  </td>
                  <td className="dp-cell-muted">
                    {dateTime(v.createdAt)}
                    <br />
                    {v.createdBy}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SourceCell({ version, tr }: { version: ModelVersionSummary; tr: MlTranslator }) {
  if (version.source === 'bundle') return <>{tr.t('deploy.versions.fromBundle')}</>;
  return (
    <>
      {version.runNumber !== null ? tr.t('deploy.versions.fromRun', { number: version.runNumber }) : null}
      <span className="dp-cell-sub">{version.modelKind}</span>
    </>
  );
}

function ScoreCell({ version, tr }: { version: ModelVersionSummary; tr: MlTranslator }) {
  const { t } = tr;
  if (version.metric === null) return <span className="dp-cell-muted">—</span>;
  return (
    <span className="dp-score">
      <span>
        {tr.metricName(version.metric)} <strong>{tr.score(version.metricValue)}</strong>
      </span>
      {version.meetsObjective === true ? (
        <span className="dp-chip dp-chip--good">
          <Icon name="check" /> {t('deploy.meets')}
        </span>
      ) : null}
      {version.meetsObjective === false ? (
        <span className="dp-chip dp-chip--warn">
          <Icon name="alert" /> {t('deploy.misses')}
        </span>
      ) : null}
    </span>
  );
}
