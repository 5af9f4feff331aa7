// A table of rows for data (previews, rows browsers, example rows of a finding): a caption for
// screen readers, a header that stays visible while the body scrolls, numbers aligned right,
// missing cells shown as a quiet mark (not an empty gap), and an optional pager. The table
// scrolls sideways inside its frame, so a wide dataset never pushes the page wider.
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useT } from '../i18n/use-t.js';
import { formatCount } from '../lib/numbers.js';
import { offsetOfPage, pageInfo } from '../lib/paging.js';
import { Icon } from './Icon.js';
import './components.css';

/** One column of a DataTable. */
export interface DataTableColumn {
  key: string;
  label: ReactNode;
  /** A second, quieter line under the label (a type, a role). */
  sublabel?: ReactNode;
  isNumeric?: boolean;
}

/** One row of a DataTable. */
export interface DataTableRow {
  key: string | number;
  cells: ReactNode[];
  /** Extra class (e.g. to mark a changed row). */
  className?: string;
}

/** The pager of a DataTable. */
export interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  isBusy?: boolean;
}

/** DataTable props. */
export interface DataTableProps {
  caption: string;
  isCaptionVisible?: boolean;
  columns: readonly DataTableColumn[];
  rows: readonly DataTableRow[];
  /** Text shown when there are no rows. */
  emptyText?: string;
  pager?: PagerProps;
  /** Limits the height; the header stays visible while the body scrolls. */
  maxHeight?: number;
  isCompact?: boolean;
  /** Shows the first column as row numbers (muted, aligned right). */
  hasRowHeader?: boolean;
}

/** A missing value, shown the same way everywhere. */
export function MissingCell() {
  const { t } = useT();
  return (
    <span className="cell-missing" title={t('table.missing')}>
      {t('table.missingMark')}
    </span>
  );
}

/** A text cell: the value, or the missing mark. */
export function textCell(value: string | null | undefined): ReactNode {
  return value === null || value === undefined ? <MissingCell /> : value;
}

/** A data table with an optional pager. */
export function DataTable({ caption, isCaptionVisible, columns, rows, emptyText, pager, maxHeight, isCompact, hasRowHeader }: DataTableProps) {
  const { t } = useT();
  const classes = ['datatable', isCompact ? 'datatable--compact' : '', hasRowHeader ? 'datatable--numbered' : ''].filter(Boolean).join(' ');
  return (
    <div className="datatable-wrap">
      <div className="datatable-frame" style={maxHeight ? { maxHeight } : undefined} tabIndex={0} role="region" aria-label={caption}>
        <table className={classes}>
          <caption className={isCaptionVisible ? 'datatable__caption' : 'visually-hidden'}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={c.isNumeric ? 'is-numeric' : undefined}>
                  <span className="datatable__label">{c.label}</span>
                  {c.sublabel ? <span className="datatable__sublabel">{c.sublabel}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={Math.max(1, columns.length)} className="datatable__empty">
                  {emptyText ?? t('table.empty')}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.key} className={row.className}>
                  {row.cells.map((cell, i) =>
                    hasRowHeader && i === 0 ? (
                      <th key={columns[i]?.key ?? i} scope="row" className="datatable__rowhead">
                        {cell}
                      </th>
                    ) : (
                      <td key={columns[i]?.key ?? i} className={columns[i]?.isNumeric ? 'is-numeric' : undefined}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pager ? <Pager {...pager} /> : null}
    </div>
  );
}

/** "Rows 51–100 of 1,234", previous / next, and a page number to jump to. */
export function Pager({ offset, limit, total, onOffset, isBusy }: PagerProps) {
  const { t, locale } = useT();
  const info = pageInfo(offset, limit, total);
  const [typed, setTyped] = useState<string | null>(null);
  const go = (page: number) => onOffset(offsetOfPage(page, limit, total));
  return (
    <nav className="pager" aria-label={t('table.pager')}>
      <span className="pager__range" aria-live="polite">
        {t('table.range', { first: formatCount(info.first, locale), last: formatCount(info.last, locale), total: formatCount(total, locale) })}
      </span>
      <div className="pager__controls">
        <button type="button" className="btn btn--quiet btn--small" onClick={() => go(info.page - 1)} disabled={isBusy || info.page <= 1}>
          <Icon name="arrowLeft" /> {t('table.previous')}
        </button>
        <form
          className="pager__jump"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(typed);
            if (Number.isFinite(n) && typed !== null && typed.trim() !== '') go(n);
            setTyped(null);
          }}
        >
          <label>
            <span className="visually-hidden">{t('table.pageNumber')}</span>
            <input
              type="text"
              inputMode="numeric"
              className="pager__input"
              value={typed ?? String(info.page)}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={() => setTyped(null)}
              disabled={isBusy || info.pages <= 1}
            />
          </label>
          <span className="pager__of">{t('table.ofPages', { pages: formatCount(info.pages, locale) })}</span>
        </form>
        <button type="button" className="btn btn--quiet btn--small" onClick={() => go(info.page + 1)} disabled={isBusy || info.page >= info.pages}>
          {t('table.next')} <Icon name="arrowRight" />
        </button>
      </div>
    </nav>
  );
}
