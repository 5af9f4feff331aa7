// The rows browser: the working version a page at a time (the rows stay in the backend), with a
// filter by part when a partition is set.
import { useEffect } from 'react';
import type { PartName } from '../../../shared/domain/dataset.js';
import { PART_NAMES } from '../../../shared/domain/dataset.js';
import { DataTable } from '../../components/DataTable.js';
import { ROWS_PAGE_SIZE, useDataStore } from '../../stores/data-store.js';
import { valueCell } from './cells.js';
import { InlineError } from './ImportDialog.js';
import { useDataT } from './texts.js';

/** The Rows tab. */
export function RowsView() {
  const tr = useDataT();
  const { t } = tr;
  const rows = useDataStore((s) => s.rows);
  const detail = useDataStore((s) => s.detail);
  const loadRows = useDataStore((s) => s.loadRows);
  const hasPartition = detail?.current.partition !== null && detail?.current.partition !== undefined;

  useEffect(() => {
    if (rows.status === 'idle' && detail) void loadRows(0, 'all');
  }, [rows.status, detail, loadRows]);

  const page = rows.page;
  const options: Array<PartName | 'all'> = ['all', ...PART_NAMES];
  return (
    <div className="stack">
      {hasPartition ? (
        <div className="segmented rows-filter" role="radiogroup" aria-label={t('data.rows.filter')}>
          {options.map((o) => (
            <label key={o} className="segmented__option">
              <input type="radio" name="rows-part" checked={rows.part === o} onChange={() => void loadRows(0, o)} />
              <span>{o === 'all' ? t('data.rows.all') : tr.partName(o)}</span>
            </label>
          ))}
        </div>
      ) : (
        <p className="muted">{t('data.rows.noPartition')}</p>
      )}
      {rows.status === 'error' && rows.error ? <InlineError error={rows.error} /> : null}
      {page ? (
        <DataTable
          caption={t('data.rows.caption', { number: detail?.current.number ?? '' })}
          isCompact
          hasRowHeader
          maxHeight={560}
          columns={[
            { key: '#', label: t('data.rows.rowNumber'), isNumeric: true },
            ...(page.parts ? [{ key: 'part', label: t('data.rows.part') }] : []),
            ...page.columns.map((c) => ({
              key: c.name,
              label: c.name,
              sublabel: c.role === 'feature' ? tr.typeName(c.type) : `${tr.typeName(c.type)} · ${tr.roleName(c.role)}`,
              isNumeric: c.type === 'numeric' || c.type === 'integer',
            })),
          ]}
          rows={page.rows.map((cells, i) => ({
            key: page.rowIds[i],
            cells: [tr.count(page.offset + i + 1), ...(page.parts ? [tr.partName(page.parts[i])] : []), ...cells.map((cell, j) => valueCell(cell, page.columns[j]?.type, tr))],
          }))}
          emptyText={t('data.rows.empty')}
          pager={{ offset: rows.offset, limit: ROWS_PAGE_SIZE, total: page.total, onOffset: (o) => void loadRows(o), isBusy: rows.status === 'loading' }}
        />
      ) : rows.status === 'loading' ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}
