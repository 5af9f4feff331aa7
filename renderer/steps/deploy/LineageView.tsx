// Where a version came from: the run (with a way to open it in the Evaluate step), the dataset
// version, the pipeline column by column, the model and its parameters, the seed, the metrics, the
// engine version and the artifact's checksum. With these, anyone can tell exactly what is served.
import type { ReactNode } from 'react';
import type { ModelVersionDetail } from '../../../shared/api/methods/registry.js';
import { Icon } from '../../components/Icon.js';
import { onnxCoverage } from '../../stores/registry-logic.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import { useLifecycleStore } from '../../stores/lifecycle-store.js';
import { stepName } from '../features/ColumnsView.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';
import { OnnxNote } from './OnnxNote.js';
import { COLUMN_KIND_NAME } from './texts.js';

/** Opens a run's report in the Evaluate step. */
function openRun(runId: string): void {
  void useEvaluationStore.getState().select(runId);
  useLifecycleStore.getState().select('evaluate');
}

/** The lineage view of a version. */
export function LineageView({ version }: { version: ModelVersionDetail }) {
  const tr = useMlT();
  const { t } = tr;
  const l = version.lineage;
  const metricIds = Object.keys(l.metrics).sort((a, b) => (a === l.metric ? -1 : b === l.metric ? 1 : 0));
  const params = Object.entries(l.params);
  const features = l.spec ? l.spec.columns.filter((c) => c.role === 'feature') : [];
  const leftOut = l.spec ? l.spec.columns.filter((c) => c.role === 'id' || c.role === 'ignore') : [];

  return (
    <div className="dp-lineage">
      <dl className="dp-facts">
        <Fact label={t('deploy.lineage.source')}>
          {l.source === 'run' && l.runId !== null ? (
            <span className="dp-fact__with-action">
              <span>{l.runNumber !== null ? tr.runLabel({ number: l.runNumber, modelId: l.modelId ?? l.modelKind }) : l.modelKind}</span>
              <button type="button" className="link-btn" onClick={() => openRun(l.runId ?? '')}>
                {t('deploy.lineage.openRun')} <Icon name="arrowRight" />
              </button>
            </span>
          ) : l.bundle ? (
            <span>{t('deploy.lineage.fromBundle', { path: l.bundle.path, name: l.bundle.name, version: l.bundle.version, date: tr.dateTime(l.bundle.exportedAt) })}</span>
          ) : (
            <span>{t('deploy.versions.fromBundle')}</span>
          )}
        </Fact>
        <Fact label={t('deploy.lineage.dataset')}>
          {l.datasetName !== null ? t('deploy.lineage.datasetVersion', { name: l.datasetName, version: l.datasetVersionNumber ?? '?' }) : t('deploy.lineage.unknown')}
        </Fact>
        <Fact label={t('deploy.lineage.target')}>{t(l.task === 'classification' ? 'deploy.lineage.targetClass' : 'deploy.lineage.targetValue', { target: l.target })}</Fact>
        <Fact label={t('deploy.lineage.model')}>
          {l.modelId ? `${tr.modelName(l.modelId)} (${l.modelKind})` : l.modelKind}
        </Fact>
        <Fact label={t('deploy.lineage.seed')}>{l.seed === null ? t('deploy.lineage.unknown') : String(l.seed)}</Fact>
        <Fact label={t('deploy.lineage.engine')}>{l.engineVersion}</Fact>
        <Fact label={t('deploy.lineage.rows')}>
          {l.trainRows !== null && l.evaluatedRows !== null
            ? t(l.evaluatedOn === 'outOfFold' ? 'deploy.lineage.rowsOutOfFold' : 'deploy.lineage.rowsValidation', { train: tr.count(l.trainRows), evaluated: tr.count(l.evaluatedRows) })
            : t('deploy.lineage.unknown')}
        </Fact>
        {l.chosenThreshold !== null ? <Fact label={t('deploy.lineage.threshold')}>{t('deploy.lineage.thresholdValue', { value: tr.score(l.chosenThreshold) })}</Fact> : null}
        <Fact label={t('deploy.lineage.artifact')}>
          <span className="dp-mono" title={l.artifactSha256}>
            SHA-256 {l.artifactSha256.slice(0, 16)}…
          </span>{' '}
          <span className="dp-muted">({formatBytes(l.artifactBytes, tr)})</span>
        </Fact>
      </dl>

      {l.objective ? (
        <p className={`notice ${l.objective.meets ? 'dp-notice--good' : 'notice--warn'} dp-objective`}>
          <Icon name={l.objective.meets ? 'check' : 'alert'} className="notice__icon" />
          <span>
            {t(l.objective.meets ? 'deploy.lineage.objectiveMet' : 'deploy.lineage.objectiveMissed', {
              metric: tr.metricName(l.objective.metric),
              sign: l.objective.direction === 'higher' ? '≥' : '≤',
              threshold: tr.score(l.objective.threshold),
              value: tr.score(l.objective.value),
            })}
          </span>
        </p>
      ) : null}

      <div className="dp-grid-2">
        <section aria-labelledby="dp-lineage-metrics">
          <h3 className="dp-subhead" id="dp-lineage-metrics">
            {t('deploy.lineage.metrics')}
          </h3>
          <KeyValueTable caption={t('deploy.lineage.metrics')} rows={metricIds.map((id) => [tr.metricName(id), tr.score(l.metrics[id])])} empty={t('deploy.lineage.none')} />
        </section>
        <section aria-labelledby="dp-lineage-params">
          <h3 className="dp-subhead" id="dp-lineage-params">
            {t('deploy.lineage.params')}
          </h3>
          <KeyValueTable caption={t('deploy.lineage.params')} rows={params.map(([name, value]) => [tr.paramName(name), paramText(value, tr)])} empty={t('deploy.lineage.noParams')} />
        </section>
      </div>

      <section aria-labelledby="dp-lineage-pipeline">
        <h3 className="dp-subhead" id="dp-lineage-pipeline">
          {t('deploy.lineage.pipeline')}
        </h3>
        {l.spec ? (
          <>
            <p className="dp-muted dp-small">{t('deploy.lineage.pipelineHelp')}</p>
            <ul className="dp-pipeline">
              {features.map((c) => (
                <li key={c.name} className="dp-pipeline__row" data-column={c.name}>
                  <span className="dp-pipeline__name">
                    {c.name} <span className="dp-muted dp-small">{t(COLUMN_KIND_NAME[c.kind])}</span>
                  </span>
                  <span className="dp-pipeline__steps">
                    {c.steps.length === 0 ? <span className="dp-muted dp-small">{t('deploy.lineage.asIs')}</span> : null}
                    {c.steps.map((s, i) => (
                      <span key={i} className="dp-step-chip">
                        {stepName(s, tr)}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
            {leftOut.length > 0 ? <p className="dp-muted dp-small">{t('deploy.lineage.leftOut', { columns: leftOut.map((c) => c.name).join(', ') })}</p> : null}
          </>
        ) : (
          <p className="dp-muted">{t('deploy.lineage.noSpec')}</p>
        )}
      </section>

      <OnnxNote coverage={onnxCoverage(l.spec)} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dp-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A hyper-parameter's value in the reader's words (options by their names, numbers in the locale's style). */
function paramText(value: string | number | boolean | null, tr: MlTranslator): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return tr.t(value ? 'deploy.lineage.yes' : 'deploy.lineage.no');
  if (typeof value === 'number') return tr.number(value);
  return tr.optionName(value);
}

/** A two-column table (name, value). */
export function KeyValueTable({ caption, rows, empty }: { caption: string; rows: Array<[string, string]>; empty: string }) {
  if (rows.length === 0) return <p className="dp-muted dp-small">{empty}</p>;
  return (
    <table className="dp-table dp-kv">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="dp-num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Bytes as "512 B", "12.4 KB", "3.1 MB". */
export function formatBytes(bytes: number, tr: Pick<MlTranslator, 'locale'>): string {
  const format = (n: number) => new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}
