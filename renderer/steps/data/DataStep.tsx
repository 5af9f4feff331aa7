// Step 1 of the lifecycle, "collect and prepare the data": import a file, read its profile and
// quality report, fix what needs fixing with recorded remedies, split it into train/validation/
// test, and keep every change as a version. A beginner starts from one button; the rest unfolds
// in tabs in the order the work is done.
import { useEffect, useState } from 'react';
import type { DatasetDetail } from '../../../shared/api/methods/data.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { Tabs } from '../../components/Tabs.js';
import type { DataOutcome } from '../../stores/data-store.js';
import { useDataStore } from '../../stores/data-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import type { StepProps } from '../step-definition.js';
import { ExportDialog } from './ExportDialog.js';
import { ImportButton, ImportDialog } from './ImportDialog.js';
import { PartitionView } from './PartitionView.js';
import { ProfileView } from './ProfileView.js';
import { QualityView } from './QualityView.js';
import { RolesDialog } from './RolesDialog.js';
import { RowsView } from './RowsView.js';
import type { DataTab } from './tabs.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';
import { VersionsView } from './VersionsView.js';
import './data-step.css';

const TAB_KEYS = {
  profile: 'data.tab.profile',
  quality: 'data.tab.quality',
  partition: 'data.tab.partition',
  versions: 'data.tab.versions',
  rows: 'data.tab.rows',
} as const;

/** The Data step's screen. */
export function DataStep(_props: StepProps) {
  const tr = useDataT();
  const { t } = tr;
  const status = useDataStore((s) => s.status);
  const error = useDataStore((s) => s.error);
  const detail = useDataStore((s) => s.detail);
  const activeId = useDataStore((s) => s.activeId);
  const stage = useDataStore((s) => s.wizard.stage);
  const load = useDataStore((s) => s.load);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  if (status === 'error' && error && !detail) return <LoadError error={error} onRetry={() => void load()} />;
  if (status === 'idle' || (status === 'loading' && !detail)) return <p className="muted">{t('common.loading')}</p>;

  return (
    <div className="data-step">
      {activeId === null ? <EmptyState tr={tr} /> : detail ? <DatasetScreen detail={detail} tr={tr} /> : <p className="muted">{t('common.loading')}</p>}
      {stage !== 'closed' ? <ImportDialog /> : null}
    </div>
  );
}

function EmptyState({ tr }: { tr: DataTranslator }) {
  const { t } = tr;
  return (
    <section className="card data-empty" aria-labelledby="data-empty-title">
      <h2 className="card__title" id="data-empty-title">
        {t('data.empty.title')}
      </h2>
      <p>{t('data.empty.body')}</p>
      <ul className="data-empty__list">
        <li>{t('data.empty.formats')}</li>
        <li>{t('data.empty.safe')}</li>
        <li>{t('data.empty.versions')}</li>
      </ul>
      <div>
        <ImportButton label={t('data.import.open')} isPrimary />
      </div>
    </section>
  );
}

function DatasetScreen({ detail, tr }: { detail: DatasetDetail; tr: DataTranslator }) {
  const { t } = tr;
  const [tab, setTab] = useState<DataTab>('profile');
  const report = useDataStore((s) => s.report);
  const findings = report?.report.findings.length;
  return (
    <>
      <DatasetHeader detail={detail} tr={tr} onGoTo={setTab} />
      <OutcomeNotice tr={tr} onGoTo={setTab} />
      <Tabs
        idPrefix="data"
        label={t('data.tabs')}
        active={tab}
        onSelect={setTab}
        tabs={[
          { id: 'profile', label: t(TAB_KEYS.profile) },
          { id: 'quality', label: t(TAB_KEYS.quality), badge: findings === undefined ? undefined : findings === 0 ? <Icon name="check" /> : findings },
          { id: 'partition', label: t(TAB_KEYS.partition), badge: detail.current.partition ? <Icon name="check" /> : undefined },
          { id: 'versions', label: t(TAB_KEYS.versions), badge: detail.versionCount },
          { id: 'rows', label: t(TAB_KEYS.rows) },
        ]}
      >
        {tab === 'profile' ? <ProfileView /> : null}
        {tab === 'quality' ? <QualityView onGoTo={setTab} /> : null}
        {tab === 'partition' ? <PartitionView /> : null}
        {tab === 'versions' ? <VersionsView /> : null}
        {tab === 'rows' ? <RowsView /> : null}
      </Tabs>
    </>
  );
}

function DatasetHeader({ detail, tr, onGoTo }: { detail: DatasetDetail; tr: DataTranslator; onGoTo: (tab: DataTab) => void }) {
  const { t } = tr;
  const datasets = useDataStore((s) => s.datasets);
  const select = useDataStore((s) => s.select);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const [dialog, setDialog] = useState<'export' | 'roles' | null>(null);
  const v = detail.current;
  const partition = v.partition;
  const ignored = v.schema.filter((c) => c.role === 'ignored').length;
  const isOld = detail.currentVersionId !== detail.latestVersionId;

  return (
    <section className="card dataset-head" aria-labelledby="dataset-title">
      <div className="dataset-head__top">
        <div className="dataset-head__names">
          {datasets.length > 1 ? (
            <div className="dataset-picker">
              <label htmlFor="dataset-picker">{t('data.dataset.pick')}</label>
              <select id="dataset-picker" value={detail.id} onChange={(e) => void select(e.target.value)}>
                {datasets.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <h2 className="dataset-head__title" id="dataset-title">
            {detail.name}
          </h2>
          <p className="dataset-head__version">
            {t('data.dataset.version', { number: v.number, count: detail.versionCount })}
            {' · '}
            {v.message || t('data.dataset.noMessage')}
          </p>
        </div>
        <div className="dataset-head__actions">
          <ImportButton label={t('data.import.another')} />
          <button type="button" className="btn btn--quiet" onClick={() => setDialog('export')}>
            {t('data.export.open')}
          </button>
        </div>
      </div>
      {isOld ? (
        <p className="notice notice--warn">
          <Icon name="alert" className="notice__icon" />
          <span>
            {t('data.dataset.olderVersion')}{' '}
            <button type="button" className="link-btn" onClick={() => onGoTo('versions')}>
              {t('data.dataset.seeHistory')}
            </button>
          </span>
        </p>
      ) : null}
      <dl className="facts facts--inline">
        <div className="fact">
          <dt className="fact__label">{t('data.fact.rows')}</dt>
          <dd className="fact__value">{tr.count(v.rows)}</dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('data.fact.columns')}</dt>
          <dd className="fact__value">
            {tr.count(v.schema.length)}
            {ignored > 0 ? <span className="fact__note"> ({t('data.fact.ignored', { count: ignored })})</span> : null}
          </dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('data.fact.target')}</dt>
          <dd className="fact__value fact__value--text">
            <span className="fact__text">{v.target ?? t('data.fact.noTarget')}</span>
            <button type="button" className="link-btn link-btn--quiet" onClick={() => setDialog('roles')} disabled={isReadOnly}>
              {t('data.fact.change')}
            </button>
          </dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('data.fact.partition')}</dt>
          <dd className="fact__value fact__value--text">
            {partition ? (
              <span className="fact__text">
                {t('data.fact.partitionValue', {
                  train: Math.round(partition.spec.fractions.train * 100),
                  validation: Math.round(partition.spec.fractions.validation * 100),
                  test: Math.round(partition.spec.fractions.test * 100),
                })}
              </span>
            ) : (
              <button type="button" className="link-btn" onClick={() => onGoTo('partition')}>
                {t('data.fact.noPartition')}
              </button>
            )}
          </dd>
        </div>
      </dl>
      {dialog === 'export' ? <ExportDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'roles' ? <RolesDialog onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function OutcomeNotice({ tr, onGoTo }: { tr: DataTranslator; onGoTo: (tab: DataTab) => void }) {
  const { t } = tr;
  const outcome = useDataStore((s) => s.outcome);
  const versions = useDataStore((s) => s.versions);
  const dismiss = useDataStore((s) => s.dismissOutcome);
  if (!outcome) return null;
  const text = outcomeText(outcome, versions, tr);
  if (!text) return null;
  return (
    <div className="notice notice--good outcome" role="status">
      <Icon name="check" className="notice__icon" />
      <p className="outcome__text">{text}</p>
      <div className="outcome__actions">
        {outcome.kind !== 'exported' ? (
          <button type="button" className="link-btn" onClick={() => onGoTo('versions')}>
            {t('data.outcome.history')}
          </button>
        ) : null}
        <button type="button" className="icon-btn" onClick={dismiss} aria-label={t('common.dismiss')}>
          <Icon name="close" />
        </button>
      </div>
    </div>
  );
}

function outcomeText(outcome: DataOutcome, versions: ReadonlyArray<{ id: string; number: number; rows: number; step: { added: number; removed: number; changedCells: number } | null }>, tr: DataTranslator): string | null {
  const { t } = tr;
  if (outcome.kind === 'exported') return t('data.outcome.exported', { path: outcome.path });
  const v = versions.find((x) => x.id === outcome.versionId);
  if (!v) return null;
  switch (outcome.kind) {
    case 'imported':
      return t('data.outcome.imported', { number: v.number, rows: tr.count(v.rows) });
    case 'remedy':
      return t('data.outcome.remedy', {
        number: v.number,
        added: tr.count(v.step?.added ?? 0),
        removed: tr.count(v.step?.removed ?? 0),
        changed: tr.count(v.step?.changedCells ?? 0),
      });
    case 'partition':
      return t('data.outcome.partition', { number: v.number });
    case 'checkout':
      return t('data.outcome.checkout', { number: v.number });
    case 'roles':
      return t('data.outcome.roles', { number: v.number });
  }
}
