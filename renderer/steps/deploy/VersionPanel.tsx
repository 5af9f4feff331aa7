// The chosen version: its stage and the way to change it, then four views: where it came from
// (lineage), its model card, the history of the model (who changed what, when and why), and the
// bundle export with what ONNX covers.
import { useState } from 'react';
import type { ModelDetail } from '../../../shared/api/methods/registry.js';
import { LoadError } from '../../components/LoadError.js';
import { Tabs } from '../../components/Tabs.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { useMlT } from '../train/texts.js';
import { AuditLog } from './AuditLog.js';
import { ExportPanel } from './ExportPanel.js';
import { LineageView } from './LineageView.js';
import { ModelCardView } from './ModelCardView.js';
import { StageBadge } from './StageBadge.js';

type View = 'lineage' | 'card' | 'history' | 'export';

/** The chosen version's card. */
export function VersionPanel({ model, version, onChangeStage }: { model: ModelDetail; version: number; onChangeStage: () => void }) {
  const { t, dateTime } = useMlT();
  const [view, setView] = useState<View>('lineage');
  const detail = useRegistryStore((s) => s.version);
  const load = useRegistryStore((s) => s.load);
  const summary = model.versions.find((v) => v.version === version);
  const tabs = [
    { id: 'lineage' as const, label: t('deploy.tab.lineage') },
    { id: 'card' as const, label: t('deploy.tab.card') },
    { id: 'history' as const, label: t('deploy.tab.history') },
    { id: 'export' as const, label: t('deploy.tab.export') },
  ];

  return (
    <section className="card dp-version" aria-labelledby="dp-version-title" data-version={version}>
      <div className="dp-version__head">
        <div>
          <h2 className="card__title dp-version__title" id="dp-version-title">
            {t('deploy.version.title', { name: model.name, version })}
            {summary ? <StageBadge stage={summary.stage} /> : null}
          </h2>
          {summary ? (
            <p className="dp-muted">
              {summary.comment ? t('deploy.version.comment', { comment: summary.comment }) : t('deploy.version.noComment')} ·{' '}
              {t('deploy.version.stageChanged', { when: dateTime(summary.stageChangedAt), who: summary.stageChangedBy })}
            </p>
          ) : null}
        </div>
        <button type="button" className="btn btn--secondary" onClick={onChangeStage}>
          {t('deploy.versions.changeStage')}
        </button>
      </div>
      <Tabs idPrefix="dp-version" label={t('deploy.version.views')} tabs={tabs} active={view} onSelect={setView}>
        {view === 'lineage' ? detail.status === 'error' && detail.error ? <LoadError error={detail.error} onRetry={() => void load()} /> : detail.data ? <LineageView version={detail.data} /> : <p className="muted">{t('common.loading')}</p> : null}
        {view === 'card' ? <ModelCardView /> : null}
        {view === 'history' ? <AuditLog /> : null}
        {view === 'export' ? <ExportPanel key={`${model.name}@${version}`} version={detail.data?.version === version ? detail.data : null} /> : null}
      </Tabs>
    </section>
  );
}
