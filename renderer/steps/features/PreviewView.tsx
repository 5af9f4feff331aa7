// The transformed table: the first training rows exactly as the model will read them, one column
// per output feature (with the input column it came from), computed by the backend with the
// design on screen. A changed design marks the page out of date until it is refreshed.
import { useEffect } from 'react';
import { DataTable } from '../../components/DataTable.js';
import type { DataTableRow } from '../../components/DataTable.js';
import { Icon } from '../../components/Icon.js';
import { PREVIEW_PAGE_SIZE, useFeaturesStore } from '../../stores/features-store.js';
import { useMlT } from '../train/texts.js';

/** The preview view. */
export function PreviewView() {
  const tr = useMlT();
  const { t, tError } = tr;
  const preview = useFeaturesStore((s) => s.preview);
  const loadPreview = useFeaturesStore((s) => s.loadPreview);
  const isStale = preview.isStale;

  // The first visit computes the first page; later visits refresh a page that went out of date.
  useEffect(() => {
    if (preview.status === 'idle' || (preview.status === 'ready' && isStale)) void loadPreview(preview.page ? preview.offset : 0);
    // Only on arrival: later refreshes are the user's (the button), not every edit's.
  }, []);

  const page = preview.page;
  const rows: DataTableRow[] = page
    ? page.rows.map((cells, i) => ({
        key: page.rowIds[i] ?? i,
        cells: [tr.count(page.rowIds[i] ?? i), ...cells.map((v) => (v === null ? <span className="cell-missing">{t('features.preview.nan')}</span> : tr.score(v)))],
      }))
    : [];
  const columns = page
    ? [
        { key: '#', label: t('features.preview.row'), isNumeric: true },
        ...page.featureNames.map((name, j) => ({ key: `${j}`, label: name, sublabel: t('features.preview.from', { column: page.sources[j] ?? '' }), isNumeric: true })),
      ]
    : [];

  return (
    <div className="ml-stack">
      <p className="ml-lead">{t('features.preview.lead')}</p>
      {page ? (
        <p className="ml-summary">
          {t('features.preview.summary', { features: tr.count(page.featureNames.length), rows: tr.count(page.fittedRows) })}{' '}
          {t(page.fittedOn === 'train' ? 'features.preview.fittedTrain' : 'features.preview.fittedAll')}
        </p>
      ) : null}
      {isStale ? (
        <p className="notice notice--warn">
          <Icon name="alert" className="notice__icon" />
          <span>
            {t('features.preview.stale')}{' '}
            <button type="button" className="link-btn" onClick={() => void loadPreview()}>
              {t('features.preview.refresh')}
            </button>
          </span>
        </p>
      ) : null}
      {preview.status === 'error' && preview.error ? (
        <div className="notice notice--error" role="alert">
          <Icon name="alert" className="notice__icon" />
          <div>
            <p>{tError({ key: preview.error.messageKey, params: preview.error.params, fallback: preview.error.message, code: preview.error.code })}</p>
            <button type="button" className="btn btn--quiet" onClick={() => void loadPreview()}>
              {t('app.retry')}
            </button>
          </div>
        </div>
      ) : null}
      {preview.status === 'loading' && !page ? <p className="ml-muted">{t('features.preview.computing')}</p> : null}
      {page ? (
        <div className={preview.status === 'loading' || isStale ? 'ml-dim' : undefined}>
          <DataTable
            caption={t('features.preview.caption')}
            columns={columns}
            rows={rows}
            isCompact
            hasRowHeader
            maxHeight={460}
            pager={{ offset: preview.offset, limit: PREVIEW_PAGE_SIZE, total: page.fittedRows, onOffset: (o) => void loadPreview(o), isBusy: preview.status === 'loading' }}
          />
        </div>
      ) : null}
    </div>
  );
}
