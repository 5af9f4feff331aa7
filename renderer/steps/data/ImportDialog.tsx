// The import dialog: a path (typed: the browser cannot see this computer's folders, and the
// desktop has no data-file dialog yet), then a preview of the first rows with every sniffed
// setting editable, each column's type, the target and the columns to ignore, renames and
// warnings; then the import runs as a job with progress, time left and Cancel. Nothing is
// written to the project before the job succeeds.
import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import type { ColumnType, CsvDialect, ImportPreview } from '../../../shared/domain/dataset.js';
import { COLUMN_TYPES, TEXT_ENCODINGS } from '../../../shared/domain/dataset.js';
import type { ApiError } from '../../../shared/errors.js';
import { DataTable, MissingCell } from '../../components/DataTable.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { Modal } from '../../components/Modal.js';
import { formatBytes } from '../../lib/numbers.js';
import type { ImportWizard } from '../../stores/data-logic.js';
import {
  canImport,
  columnRole,
  dialectValue,
  effectiveType,
  errorPlace,
  isPreviewStale,
  isSpreadsheetPath,
  parseWrittenNumber,
  proposeTarget,
  setColumnIgnored,
  setColumnType,
  setDialectField,
  setName,
  setPath,
  setSheet,
  setSheetHeader,
  setTarget,
  validateImport,
} from '../../stores/data-logic.js';
import { useDataStore } from '../../stores/data-store.js';
import { useObjectiveStore } from '../../stores/objective-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';

// Re-reading the preview waits for a pause in the user's changes.
const PREVIEW_DELAY_MS = 250;

/** The import dialog (mounted while open). */
export function ImportDialog() {
  const tr = useDataT();
  const { t } = tr;
  const w = useDataStore((s) => s.wizard);
  const jobs = useDataStore((s) => s.jobs);
  const update = useDataStore((s) => s.updateWizard);
  const close = useDataStore((s) => s.closeImport);
  const requestPreview = useDataStore((s) => s.requestPreview);
  const startImport = useDataStore((s) => s.startImport);
  const cancelJob = useDataStore((s) => s.cancelJob);
  const isBrowser = useProjectStore((s) => !(s.appInfo?.hasNativeDialogs ?? false));
  const job = w.jobId ? jobs[w.jobId] : undefined;
  const isRunning = w.jobId !== null;
  const pathRef = useRef<HTMLInputElement>(null);

  // A changed setting reads the preview again (after a short pause).
  const isStale = isPreviewStale(w);
  useEffect(() => {
    if (!isStale || w.isPreviewLoading) return undefined;
    const timer = window.setTimeout(() => void requestPreview(), PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [isStale, w.isPreviewLoading, requestPreview]);

  const errors = w.stage === 'path' && w.path.trim() === '' ? {} : validateImport(w);

  function onReadFile(event: FormEvent) {
    event.preventDefault();
    if (w.path.trim() === '') {
      pathRef.current?.focus();
      return;
    }
    void requestPreview();
  }

  const rows = w.preview?.estimatedRows ?? 0;
  return (
    <Modal
      id="import-dialog"
      title={t('data.import.title')}
      subtitle={t('data.import.subtitle')}
      size="large"
      isBusy={isRunning}
      onClose={close}
      actions={
        <>
          {w.preview && !canImport(w) && !isRunning && !w.isPreviewLoading && Object.keys(errors).length > 0 ? (
            <span className="import__blocked">{t('common.fixFields')}</span>
          ) : null}
          <button type="button" className="btn btn--quiet" onClick={close} disabled={isRunning}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!canImport(w)} onClick={() => void startImport()}>
            {!w.preview ? t('data.import.runPlain') : w.preview.isComplete ? t('data.import.run', { rows: tr.count(rows) }) : t('data.import.runAbout', { rows: tr.count(rows) })}
          </button>
        </>
      }
    >
      <form className="import__source" onSubmit={onReadFile}>
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{isBrowser ? t('data.import.pathHelpBrowser') : t('data.import.pathHelpDesktop')}</span>
        </p>
        <div className="import__path-row">
          <Field id="import-path" label={t('data.import.path')} error={errors.path}>
            {(p) => (
              <input
                {...p}
                ref={pathRef}
                type="text"
                spellCheck={false}
                autoComplete="off"
                placeholder={t('data.import.pathPlaceholder')}
                value={w.path}
                disabled={isRunning}
                onChange={(e) => update((x) => setPath(x, e.target.value))}
              />
            )}
          </Field>
          <button type="submit" className="btn btn--secondary import__read" disabled={isRunning || w.isPreviewLoading}>
            {w.isPreviewLoading ? t('data.import.reading') : t('data.import.read')}
          </button>
        </div>
      </form>

      {w.previewError ? <FileError error={w.previewError} tr={tr} /> : null}
      {w.stage === 'path' && !w.previewError ? <p className="muted">{w.isPreviewLoading ? t('data.import.reading') : t('data.import.pathNext')}</p> : null}

      {w.preview ? <PreviewBody w={w} preview={w.preview} tr={tr} isRunning={isRunning} /> : null}

      {job ? <JobProgress job={job} label={t('data.import.jobLabel', { name: w.name })} onCancel={() => void cancelJob(job.progress.jobId)} /> : null}
      {w.importError ? <FileError error={w.importError} tr={tr} /> : null}
    </Modal>
  );
}

/** An error about the file, with the line and column in front when the backend gave them. */
function FileError({ error, tr }: { error: ApiError; tr: DataTranslator }) {
  const place = errorPlace(error);
  const message = tr.tError({ key: error.messageKey, params: error.params, fallback: error.message, code: error.code });
  return (
    <div className={error.code === 'CANCELLED' ? 'notice notice--warn' : 'notice notice--error'} role="alert">
      <Icon name="alert" className="notice__icon" />
      <div className="file-error">
        {place.line !== null ? (
          <p className="file-error__place">
            {place.column !== null ? tr.t('data.import.errorAtColumn', { line: place.line, column: place.column }) : tr.t('data.import.errorAtLine', { line: place.line })}
          </p>
        ) : null}
        <p>{message}</p>
      </div>
    </div>
  );
}

const DELIMITER_KEYS = { ',': 'data.import.delimiter.comma', ';': 'data.import.delimiter.semicolon', '\t': 'data.import.delimiter.tab', '|': 'data.import.delimiter.pipe' } as const;
const THOUSANDS_KEYS = { '': 'data.import.thousands.none', ',': 'data.import.thousands.comma', '.': 'data.import.thousands.dot', ' ': 'data.import.thousands.space', "'": 'data.import.thousands.apostrophe' } as const;
const DECIMAL_KEYS = { '.': 'data.import.decimal.dot', ',': 'data.import.decimal.comma' } as const;
const DATE_KEYS = { dmy: 'data.import.dateOrder.dmy', mdy: 'data.import.dateOrder.mdy', ymd: 'data.import.dateOrder.ymd' } as const;
const ENCODING_KEYS = { 'utf-8': 'data.import.encoding.utf8', 'utf-16le': 'data.import.encoding.utf16le', 'utf-16be': 'data.import.encoding.utf16be', 'windows-1252': 'data.import.encoding.windows1252' } as const;

function PreviewBody({ w, preview, tr, isRunning }: { w: ImportWizard; preview: ImportPreview; tr: DataTranslator; isRunning: boolean }) {
  const { t } = tr;
  const update = useDataStore((s) => s.updateWizard);
  const objective = useObjectiveStore((s) => s.saved);
  const proposed = proposeTarget(preview.columns, { targetColumn: objective?.targetColumn, targetText: objective?.target }, null);
  const isXlsx = isSpreadsheetPath(w.path) || preview.format === 'xlsx';

  return (
    <fieldset className="import__preview" disabled={isRunning} aria-busy={w.isPreviewLoading}>
      <legend className="visually-hidden">{t('data.import.previewLegend')}</legend>
      <p className="import__facts">
        {t(isXlsx ? 'data.import.factsXlsx' : 'data.import.factsCsv', {
          size: formatBytes(preview.bytes, tr.locale),
          rows: preview.isComplete ? t('data.import.rowsExact', { rows: tr.count(preview.estimatedRows) }) : t('data.import.rowsAbout', { rows: tr.count(preview.estimatedRows) }),
          columns: tr.count(preview.columns.length),
        })}
        {preview.isComplete ? null : <span className="muted"> · {t('data.import.estimated')}</span>}
      </p>

      <section className="import__section" aria-labelledby="import-settings-title">
        <h3 className="import__section-title" id="import-settings-title">
          {t('data.import.settings')}
        </h3>
        <p className="import__section-help">{t('data.import.settingsHelp')}</p>
        {isXlsx ? <SheetSettings w={w} preview={preview} tr={tr} /> : <CsvSettings w={w} tr={tr} />}
      </section>

      {preview.renames.length > 0 ? (
        <div className="notice notice--warn" role="status">
          <Icon name="alert" className="notice__icon" />
          <div>
            <p>{t('data.import.renamed')}</p>
            <ul className="import__renames">
              {preview.renames.map((r) => (
                <li key={r.index}>
                  {r.from === ''
                    ? t('data.import.renamedEmpty', { position: r.index + 1, to: r.to })
                    : t('data.import.renamedDuplicate', { position: r.index + 1, from: r.from, to: r.to })}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      {preview.warnings.length > 0 ? (
        <ul className="import__warnings" aria-label={t('data.import.warnings')}>
          {preview.warnings.map((warning, i) => (
            <li key={`${warning.code}-${i}`} className="import__warning">
              <Icon name="info" className="import__warning-icon" />
              <span>{tr.warningText(warning)}</span>
            </li>
          ))}
        </ul>
      ) : null}

      <section className="import__section" aria-labelledby="import-target-title">
        <h3 className="import__section-title" id="import-target-title">
          {t('data.import.targetTitle')}
        </h3>
        <Field
          id="import-target"
          label={t('data.import.target')}
          help={w.target !== '' && w.target === proposed && !w.isTargetChosen ? t('data.import.targetFromObjective') : t('data.import.targetHelp')}
        >
          {(p) => (
            <select {...p} value={w.target} onChange={(e) => update((x) => setTarget(x, e.target.value))}>
              <option value="">{t('data.import.targetNone')}</option>
              {preview.columns.map((c) => (
                <option key={c.index} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </section>

      <section className="import__section" aria-labelledby="import-columns-title">
        <h3 className="import__section-title" id="import-columns-title">
          {t('data.import.columns')}
        </h3>
        <p className="import__section-help">{t('data.import.columnsHelp')}</p>
        <ColumnChoices w={w} preview={preview} tr={tr} />
      </section>

      <section className="import__section" aria-labelledby="import-rows-title">
        <h3 className="import__section-title" id="import-rows-title">
          {t('data.import.firstRows', { rows: tr.count(preview.rows.length) })}
        </h3>
        <PreviewRows w={w} preview={preview} tr={tr} />
      </section>

      <Field id="import-name" label={t('data.import.name')} help={t('data.import.nameHelp')} error={validateImport(w).name}>
        {(p) => <input {...p} type="text" value={w.name} onChange={(e) => update((x) => setName(x, e.target.value))} />}
      </Field>
    </fieldset>
  );
}

function CsvSettings({ w, tr }: { w: ImportWizard; tr: DataTranslator }) {
  const { t } = tr;
  const update = useDataStore((s) => s.updateWizard);
  const set = <F extends 'encoding' | 'delimiter' | 'decimalSeparator' | 'thousandsSeparator' | 'dateOrder'>(field: F, value: string) =>
    update((x) => setDialectField(x, field, value as CsvDialect[F]));
  const value = (field: 'encoding' | 'delimiter' | 'decimalSeparator' | 'thousandsSeparator' | 'dateOrder') => String(dialectValue(w, field) ?? '');
  const select = (field: 'encoding' | 'delimiter' | 'decimalSeparator' | 'thousandsSeparator' | 'dateOrder', label: string, options: Record<string, Parameters<typeof t>[0]>) => (
    <Field id={`import-${field}`} label={label}>
      {(p) => (
        <select {...p} value={value(field)} onChange={(e) => set(field, e.target.value)}>
          {Object.entries(options).map(([v, key]) => (
            <option key={v} value={v}>
              {t(key)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const hasHeader = dialectValue(w, 'hasHeader') ?? true;
  return (
    <div className="import__settings">
      {select('delimiter', t('data.import.delimiter'), DELIMITER_KEYS)}
      {select('decimalSeparator', t('data.import.decimal'), DECIMAL_KEYS)}
      {select('thousandsSeparator', t('data.import.thousands'), THOUSANDS_KEYS)}
      {select('encoding', t('data.import.encoding'), Object.fromEntries(TEXT_ENCODINGS.map((e) => [e, ENCODING_KEYS[e]])))}
      {select('dateOrder', t('data.import.dateOrder'), DATE_KEYS)}
      <label className="check import__header-check">
        <input type="checkbox" checked={hasHeader} onChange={(e) => update((x) => setDialectField(x, 'hasHeader', e.target.checked))} />
        <span>{t('data.import.hasHeader')}</span>
      </label>
    </div>
  );
}

function SheetSettings({ w, preview, tr }: { w: ImportWizard; preview: ImportPreview; tr: DataTranslator }) {
  const { t } = tr;
  const update = useDataStore((s) => s.updateWizard);
  return (
    <div className="import__settings">
      <Field id="import-sheet" label={t('data.import.sheet')}>
        {(p) => (
          <select {...p} value={w.sheet ?? preview.sheet ?? ''} onChange={(e) => update((x) => setSheet(x, e.target.value))}>
            {preview.sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="check import__header-check">
        <input type="checkbox" checked={w.hasHeader ?? preview.hasHeader} onChange={(e) => update((x) => setSheetHeader(x, e.target.checked))} />
        <span>{t('data.import.hasHeader')}</span>
      </label>
    </div>
  );
}

function ColumnChoices({ w, preview, tr }: { w: ImportWizard; preview: ImportPreview; tr: DataTranslator }) {
  const { t } = tr;
  const update = useDataStore((s) => s.updateWizard);
  const renamed = new Map(preview.renames.map((r) => [r.index, r]));
  return (
    <DataTable
      caption={t('data.import.columns')}
      isCompact
      maxHeight={320}
      columns={[
        { key: 'name', label: t('data.import.col.name') },
        { key: 'type', label: t('data.import.col.type') },
        { key: 'use', label: t('data.import.col.use') },
        { key: 'missing', label: t('data.import.col.missing'), isNumeric: true },
        { key: 'examples', label: t('data.import.col.examples') },
      ]}
      rows={preview.columns.map((c) => {
        const role = columnRole(w, c.name);
        const type = effectiveType(w, c);
        const rename = renamed.get(c.index);
        return {
          key: c.index,
          className: role === 'ignored' ? 'is-ignored' : role === 'target' ? 'is-target' : undefined,
          cells: [
            <span className="import__colname" key="n">
              <span className="import__colname-text">{c.name}</span>
              {rename ? <span className="import__renamed">{rename.from === '' ? t('data.import.wasEmpty') : t('data.import.wasNamed', { from: rename.from })}</span> : null}
            </span>,
            <select
              key="t"
              className="table-select"
              aria-label={t('data.import.typeOf', { column: c.name })}
              value={type}
              onChange={(e) => update((x) => setColumnType(x, c, e.target.value as ColumnType))}
            >
              {COLUMN_TYPES.map((ct) => (
                <option key={ct} value={ct}>
                  {tr.typeName(ct)}
                  {ct === c.type ? ` ${t('data.import.detected')}` : ''}
                </option>
              ))}
            </select>,
            role === 'target' ? (
              <span key="u" className="role-chip role-chip--target">
                {tr.roleName('target')}
              </span>
            ) : (
              <label key="u" className="check check--inline">
                <input type="checkbox" checked={role === 'ignored'} onChange={(e) => update((x) => setColumnIgnored(x, c.name, e.target.checked))} />
                <span>{t('data.import.ignore')}</span>
              </label>
            ),
            c.missing > 0 ? tr.count(c.missing) : <span className="muted">0</span>,
            <span key="e" className="import__examples" title={c.examples.join(' · ')}>
              {c.examples.slice(0, 3).join(' · ')}
            </span>,
          ],
        };
      })}
    />
  );
}

/** A preview cell: numbers of numeric columns as numbers in the user's style, the rest as written. */
function previewCell(text: string | null, type: ColumnType, preview: ImportPreview, tr: DataTranslator) {
  if (text === null) return <MissingCell />;
  if ((type === 'numeric' || type === 'integer') && preview.dialect) {
    const value = parseWrittenNumber(text, preview.dialect.decimalSeparator, preview.dialect.thousandsSeparator);
    if (value !== null) return <span title={text}>{tr.stat(value)}</span>;
    return <span className="cell-bad" title={tr.t('data.import.notANumber')}>{text}</span>;
  }
  if ((type === 'numeric' || type === 'integer') && !preview.dialect) {
    const value = Number(text);
    return Number.isFinite(value) ? tr.stat(value) : text;
  }
  return text;
}

function PreviewRows({ w, preview, tr }: { w: ImportWizard; preview: ImportPreview; tr: DataTranslator }) {
  const { t } = tr;
  const visible = preview.columns;
  return (
    <DataTable
      caption={t('data.import.firstRows', { rows: tr.count(preview.rows.length) })}
      isCompact
      hasRowHeader
      maxHeight={300}
      columns={[
        { key: '#', label: '#' },
        ...visible.map((c) => {
          const type = effectiveType(w, c);
          const role = columnRole(w, c.name);
          return {
            key: String(c.index),
            label: c.name,
            sublabel: role === 'feature' ? tr.typeName(type) : `${tr.typeName(type)} · ${tr.roleName(role)}`,
            isNumeric: type === 'numeric' || type === 'integer',
          };
        }),
      ]}
      rows={preview.rows.map((row, i) => ({
        key: i,
        cells: [i + 1, ...visible.map((c, j) => previewCell(row[j] ?? null, effectiveType(w, c), preview, tr))],
      }))}
    />
  );
}

/** Opens the import dialog (a button the step shows in several places). */
export function ImportButton({ label, isPrimary }: { label: string; isPrimary?: boolean }) {
  const open = useDataStore((s) => s.openImport);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  return (
    <button type="button" className={isPrimary ? 'btn btn--primary' : 'btn btn--secondary'} onClick={() => open()} disabled={isReadOnly}>
      {label}
    </button>
  );
}

/** Shown in place of an error text the dialog has no better place for. */
export function InlineError({ error }: { error: ApiError }) {
  return <ErrorText error={{ key: error.messageKey, params: error.params, fallback: error.message, code: error.code }} />;
}
