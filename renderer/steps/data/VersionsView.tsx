// The dataset's history as a commit log: every import, remedy, partition and role change is an
// immutable version with its parent, message, author, time, size, tags and the recorded recipe
// step. Any version can become the working one (checkout), be tagged, or be compared with
// another (rows added, removed and changed; schema changes).
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DatasetVersion, VersionDiff } from '../../../shared/api/methods/data.js';
import type { ApiError } from '../../../shared/errors.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import type { ColumnType } from '../../../shared/domain/dataset.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { formatBytes } from '../../lib/numbers.js';
import { useDataStore } from '../../stores/data-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { isNumericType, valueCell } from './cells.js';
import { InlineError } from './ImportDialog.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';

const KIND_KEYS = { import: 'data.versions.kind.import', remedy: 'data.versions.kind.remedy', partition: 'data.versions.kind.partition', roles: 'data.versions.kind.roles' } as const;

/** The Versions tab. */
export function VersionsView() {
  const tr = useDataT();
  const { t } = tr;
  const versions = useDataStore((s) => s.versions);
  const compare = useDataStore((s) => s.compare);
  const diff = useDataStore((s) => s.diff);
  const loadDiff = useDataStore((s) => s.loadDiff);
  const clearDiff = useDataStore((s) => s.clearDiff);
  const [checkingOut, setCheckingOut] = useState<DatasetVersion | null>(null);
  const checkout = useDataStore((s) => s.checkout);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const picked = compare.map((id) => byId.get(id)).filter((v): v is DatasetVersion => v !== undefined);
  // Older first, so the diff reads "from A to B".
  const [a, b] = [...picked].sort((x, y) => x.number - y.number);

  return (
    <div className="stack">
      <p className="step-intro">{t('data.versions.intro')}</p>
      <div className="compare-bar" role="status">
        <span>{picked.length < 2 ? t('data.versions.pickTwo') : t('data.versions.comparing', { a: a.number, b: b.number })}</span>
        <button type="button" className="btn btn--secondary btn--small" disabled={picked.length < 2 || diff.status === 'loading'} onClick={() => void loadDiff(a.id, b.id)}>
          {t('data.versions.compare')}
        </button>
      </div>
      {diff.status === 'loading' ? <p className="muted">{t('data.versions.comparingNow')}</p> : null}
      {diff.status === 'error' && diff.error ? <InlineError error={diff.error} /> : null}
      {diff.result ? <DiffPanel diff={diff.result} byId={byId} tr={tr} onClose={clearDiff} /> : null}
      <ol className="history" aria-label={t('data.versions.history')}>
        {versions.map((v) => (
          <li key={v.id}>
            <VersionItem version={v} parent={v.parentId ? (byId.get(v.parentId) ?? null) : null} tr={tr} isPicked={compare.includes(v.id)} onCheckout={() => setCheckingOut(v)} />
          </li>
        ))}
      </ol>
      {checkingOut ? (
        <ConfirmDialog
          title={t('data.versions.checkoutTitle', { number: checkingOut.number })}
          confirmLabel={t('data.versions.checkoutConfirm')}
          onCancel={() => setCheckingOut(null)}
          onConfirm={() => {
            const id = checkingOut.id;
            setCheckingOut(null);
            void checkout(id);
          }}
        >
          <p>{t('data.versions.checkoutBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function VersionItem({ version: v, parent, tr, isPicked, onCheckout }: { version: DatasetVersion; parent: DatasetVersion | null; tr: DataTranslator; isPicked: boolean; onCheckout: () => void }) {
  const { t } = tr;
  const toggleCompare = useDataStore((s) => s.toggleCompare);
  const untag = useDataStore((s) => s.untag);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const [isTagging, setTagging] = useState(false);
  return (
    <article className={v.isCurrent ? 'version version--current' : 'version'} data-version={v.number} aria-labelledby={`version-${v.id}`}>
      <div className="version__rail" aria-hidden="true">
        <span className="version__dot" />
      </div>
      <div className="version__body">
        <header className="version__head">
          <h3 className="version__title" id={`version-${v.id}`}>
            <span className="version__number">{t('data.versions.number', { number: v.number })}</span>
            <span className="version__message">{v.message || t(KIND_KEYS[v.kind])}</span>
          </h3>
          {v.isCurrent ? (
            <span className="state state--done">
              <Icon name="check" /> {t('data.versions.working')}
            </span>
          ) : null}
        </header>
        <p className="version__meta">
          {v.message ? <span className="kind-chip">{t(KIND_KEYS[v.kind])}</span> : null}
          <span>{t('data.versions.byAt', { author: v.author || t('data.versions.unknownAuthor'), time: tr.dateTime(v.createdAt) })}</span>
          <span>{t('data.versions.size', { rows: tr.count(v.rows), columns: tr.count(v.schema.length) })}</span>
          <span>{parent ? t('data.versions.parent', { number: parent.number }) : t('data.versions.root')}</span>
        </p>
        {v.step ? <StepLine version={v} tr={tr} /> : null}
        {v.kind === 'import' && v.source ? <p className="version__detail">{t('data.versions.source', { path: v.source.path })}</p> : null}
        {v.kind === 'partition' && v.partition ? (
          <p className="version__detail">
            {t('data.versions.partitionLine', {
              method: tr.methodName(v.partition.spec.method),
              train: tr.count(v.partition.counts.train),
              validation: tr.count(v.partition.counts.validation),
              test: tr.count(v.partition.counts.test),
            })}
          </p>
        ) : null}
        <p className="version__storage">{t('data.versions.storage', { stored: formatBytes(v.storedBytes, tr.locale), logical: formatBytes(v.logicalBytes, tr.locale) })}</p>
        <div className="version__tags">
          {v.tags.map((tag) => (
            <span key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" className="tag__remove" aria-label={t('data.versions.removeTag', { tag })} onClick={() => void untag(tag)} disabled={isReadOnly}>
                <Icon name="close" />
              </button>
            </span>
          ))}
          {isTagging ? <TagForm versionId={v.id} onDone={() => setTagging(false)} tr={tr} /> : null}
        </div>
        <div className="version__actions">
          <label className="check check--inline">
            <input type="checkbox" checked={isPicked} onChange={() => toggleCompare(v.id)} />
            <span>{t('data.versions.pick')}</span>
          </label>
          {!isTagging ? (
            <button type="button" className="btn btn--quiet btn--small" onClick={() => setTagging(true)} disabled={isReadOnly}>
              {t('data.versions.addTag')}
            </button>
          ) : null}
          {!v.isCurrent ? (
            <button type="button" className="btn btn--quiet btn--small" onClick={onCheckout} disabled={isReadOnly}>
              {t('data.versions.checkout')}
            </button>
          ) : null}
        </div>
      </div>
    </article>
  );
}

function StepLine({ version, tr }: { version: DatasetVersion; tr: DataTranslator }) {
  const { t } = tr;
  const step = version.step;
  if (!step) return null;
  const plural = new Intl.PluralRules(tr.locale);
  const form = (n: number) => (plural.select(n) === 'one' ? 'one' : 'other');
  const parts: string[] = [];
  if (step.added > 0) parts.push(t(`data.versions.added.${form(step.added)}`, { rows: tr.count(step.added) }));
  if (step.removed > 0) parts.push(t(`data.versions.removed.${form(step.removed)}`, { rows: tr.count(step.removed) }));
  if (step.changedCells > 0) parts.push(t(`data.versions.changedCells.${form(step.changedCells)}`, { cells: tr.count(step.changedCells) }));
  return (
    <p className="version__detail version__step">
      <span className="version__step-name">{tr.remedyTitle(step.params.kind)}</span>
      {parts.length > 0 ? <span> · {parts.join(' · ')}</span> : <span> · {t('data.versions.noChange')}</span>}
      <span className="muted"> · {t('data.versions.seed', { seed: step.seed })}</span>
    </p>
  );
}

function TagForm({ versionId, onDone, tr }: { versionId: string; onDone: () => void; tr: DataTranslator }) {
  const { t } = tr;
  const tag = useDataStore((s) => s.tag);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return onDone();
    const failed = await tag(versionId, name);
    if (failed) setError(failed);
    else onDone();
  }
  return (
    <form className="tag-form" onSubmit={(e) => void submit(e)}>
      <label className="visually-hidden" htmlFor={`tag-${versionId}`}>
        {t('data.versions.tagName')}
      </label>
      <input id={`tag-${versionId}`} type="text" className="tag-form__input" placeholder={t('data.versions.tagPlaceholder')} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <button type="submit" className="btn btn--secondary btn--small">
        {t('data.versions.saveTag')}
      </button>
      <button type="button" className="btn btn--quiet btn--small" onClick={onDone}>
        {t('common.cancel')}
      </button>
      {error ? <ErrorText error={{ key: error.messageKey, params: error.params, fallback: error.details?.issues?.[0]?.message ?? error.message, code: error.code }} /> : null}
    </form>
  );
}

function DiffPanel({ diff, byId, tr, onClose }: { diff: VersionDiff; byId: Map<string, DatasetVersion>; tr: DataTranslator; onClose: () => void }) {
  const { t } = tr;
  const a = byId.get(diff.a);
  const b = byId.get(diff.b);
  const typeIn = (v: DatasetVersion | undefined, name: string): ColumnType | undefined => v?.schema.find((c) => c.name === name)?.type;
  const tiles = [
    { key: 'added', label: t('data.diff.added'), value: diff.rows.added },
    { key: 'removed', label: t('data.diff.removed'), value: diff.rows.removed },
    { key: 'changed', label: t('data.diff.changed'), value: diff.rows.changed },
    { key: 'unchanged', label: t('data.diff.unchanged'), value: diff.rows.unchanged },
  ];
  const schemaChanges = [
    ...diff.schema.added.map((c) => t('data.diff.columnAdded', { column: c.name, type: tr.typeName(c.type) })),
    ...diff.schema.removed.map((c) => t('data.diff.columnRemoved', { column: c.name })),
    ...diff.schema.retyped.map((c) => t('data.diff.columnRetyped', { column: c.name, from: tr.typeName(c.from), to: tr.typeName(c.to) })),
    ...diff.schema.roles.map((c) => t('data.diff.columnRole', { column: c.name, from: tr.roleName(c.from), to: tr.roleName(c.to) })),
  ];
  return (
    <section className="card diff" aria-labelledby="diff-title">
      <div className="diff__head">
        <h2 className="card__title" id="diff-title">
          {t('data.diff.title', { a: a?.number ?? '?', b: b?.number ?? '?' })}
        </h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>
      <dl className="facts facts--small">
        {tiles.map((tile) => (
          <div key={tile.key} className={tile.value > 0 ? `fact fact--${tile.key}` : 'fact'} data-diff={tile.key}>
            <dt className="fact__label">{tile.label}</dt>
            <dd className="fact__value">{tr.count(tile.value)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('data.diff.rowsLine', { a: tr.count(diff.rowsA), b: tr.count(diff.rowsB) })}</p>
      <h3 className="subhead">{t('data.diff.schema')}</h3>
      {schemaChanges.length === 0 ? (
        <p className="muted">{t('data.diff.schemaSame')}</p>
      ) : (
        <ul className="plain-list">
          {schemaChanges.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {diff.partitionChanged ? <p className="notice notice--info">{t('data.diff.partitionChanged')}</p> : null}
      {diff.changedByColumn.length > 0 ? (
        <DataTable
          caption={t('data.diff.byColumn')}
          isCaptionVisible
          isCompact
          columns={[
            { key: 'c', label: t('data.diff.column') },
            { key: 'r', label: t('data.diff.changedRows'), isNumeric: true },
          ]}
          rows={diff.changedByColumn.map((c) => ({ key: c.column, cells: [c.column, tr.count(c.rows)] }))}
        />
      ) : null}
      {diff.examples.added.length > 0 ? (
        <DataTable
          caption={t('data.diff.examplesAdded')}
          isCaptionVisible
          isCompact
          maxHeight={240}
          columns={[{ key: 'id', label: t('data.diff.rowId'), isNumeric: true }, ...diff.examples.columnsB.map((c) => ({ key: c, label: c, isNumeric: isNumericType(typeIn(b, c)) }))]}
          rows={diff.examples.added.map((r) => ({
            key: r.rowId,
            className: 'row-added',
            cells: [r.rowId, ...r.cells.map((cell, j) => valueCell(cell, typeIn(b, diff.examples.columnsB[j]), tr))],
          }))}
        />
      ) : null}
      {diff.examples.removed.length > 0 ? (
        <DataTable
          caption={t('data.diff.examplesRemoved')}
          isCaptionVisible
          isCompact
          maxHeight={240}
          columns={[{ key: 'id', label: t('data.diff.rowId'), isNumeric: true }, ...diff.examples.columnsA.map((c) => ({ key: c, label: c, isNumeric: isNumericType(typeIn(a, c)) }))]}
          rows={diff.examples.removed.map((r) => ({
            key: r.rowId,
            className: 'row-removed',
            cells: [r.rowId, ...r.cells.map((cell, j) => valueCell(cell, typeIn(a, diff.examples.columnsA[j]), tr))],
          }))}
        />
      ) : null}
      {diff.examples.changed.length > 0 ? (
        <DataTable
          caption={t('data.diff.examplesChanged')}
          isCaptionVisible
          isCompact
          maxHeight={240}
          columns={[
            { key: 'id', label: t('data.diff.rowId'), isNumeric: true },
            { key: 'c', label: t('data.diff.column') },
            { key: 'before', label: t('data.diff.before') },
            { key: 'after', label: t('data.diff.after') },
          ]}
          rows={diff.examples.changed.flatMap((r) =>
            r.changes.map((c) => ({
              key: `${r.rowId}-${c.column}`,
              cells: [r.rowId, c.column, valueCell(c.before, typeIn(a, c.column), tr), valueCell(c.after, typeIn(b, c.column), tr)],
            })),
          )}
        />
      ) : null}
    </section>
  );
}
