// The quality report of the working version: findings grouped by severity, each explained in
// plain words with its evidence (columns, rows affected, example rows) and the remedies that
// apply as buttons; the check's options (columns to watch, event time, reference dataset, the
// cross-validated label check). The first visit runs the check; later runs are asked for.
import { useEffect, useState } from 'react';
import type { DatasetDetail, RowsPage, StoredReport } from '../../../shared/api/methods/data.js';
import type { Finding, RemedyKind, Severity } from '../../../shared/domain/dataset.js';
import { DataTable } from '../../components/DataTable.js';
import { Icon } from '../../components/Icon.js';
import { JobProgress } from '../../components/JobProgress.js';
import { groupFindings, isFindingOpenAtFirst } from '../../stores/data-logic.js';
import { useDataStore } from '../../stores/data-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { isNumericType, valueCell } from './cells.js';
import { InlineError } from './ImportDialog.js';
import type { RemedyRequest } from './RemedyDialog.js';
import { RemedyDialog } from './RemedyDialog.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';
import type { DataTab } from './tabs.js';

const SEVERITY_HEADING = { critical: 'data.quality.group.critical', warning: 'data.quality.group.warning', info: 'data.quality.group.info' } as const;

/** The Quality tab. */
export function QualityView({ onGoTo }: { onGoTo: (tab: DataTab) => void }) {
  const tr = useDataT();
  const { t } = tr;
  const stored = useDataStore((s) => s.report);
  const status = useDataStore((s) => s.reportStatus);
  const detail = useDataStore((s) => s.detail);
  const jobId = useDataStore((s) => s.running.check);
  const job = useDataStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const jobError = useDataStore((s) => s.jobErrors.check);
  const runCheck = useDataStore((s) => s.runCheck);
  const cancelJob = useDataStore((s) => s.cancelJob);
  const [remedy, setRemedy] = useState<RemedyRequest | null>(null);

  const needsRun = status === 'ready' && stored === null && !jobId && !jobError && detail !== null;
  useEffect(() => {
    if (needsRun) void runCheck();
  }, [needsRun, runCheck]);

  if (!detail) return null;
  return (
    <div className="stack">
      <CheckOptionsCard detail={detail} stored={stored} tr={tr} isRunning={jobId !== undefined} />
      {job && jobId ? <JobProgress job={job} label={t('data.quality.jobLabel')} onCancel={() => void cancelJob(job.progress.jobId)} /> : null}
      {jobError && !jobId ? <InlineError error={jobError} /> : null}
      {stored ? (
        <Report stored={stored} detail={detail} tr={tr} onRemedy={setRemedy} isStale={jobId !== undefined} />
      ) : !jobId && !jobError ? (
        <p className="muted">{t('data.quality.preparing')}</p>
      ) : null}
      {remedy ? (
        <RemedyDialog
          request={remedy}
          onClose={() => setRemedy(null)}
          onGoToPartition={() => {
            setRemedy(null);
            onGoTo('partition');
          }}
        />
      ) : null}
    </div>
  );
}

function CheckOptionsCard({ detail, stored, tr, isRunning }: { detail: DatasetDetail; stored: StoredReport | null; tr: DataTranslator; isRunning: boolean }) {
  const { t } = tr;
  const form = useDataStore((s) => s.checkForm);
  const setForm = useDataStore((s) => s.setCheckForm);
  const runCheck = useDataStore((s) => s.runCheck);
  const datasets = useDataStore((s) => s.datasets);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const schema = detail.current.schema;
  const target = detail.current.target;
  const groupable = schema.filter((c) => c.name !== target && (c.type === 'categorical' || c.type === 'boolean'));
  const times = schema.filter((c) => c.type === 'datetime');
  const others = datasets.filter((d) => d.id !== detail.id);
  const isClassification = stored?.report.task === 'classification' || (stored === null && target !== null);
  const toggleGroup = (name: string, on: boolean) =>
    setForm({ groupColumns: on ? [...form.groupColumns, name] : form.groupColumns.filter((g) => g !== name) });

  return (
    <details className="card check-options">
      <summary className="check-options__summary">
        <span className="check-options__title">{t('data.quality.options')}</span>
        <span className="check-options__hint">{t('data.quality.optionsHint')}</span>
      </summary>
      <div className="check-options__body">
        <fieldset className="field">
          <legend className="field__label">{t('data.quality.groups')}</legend>
          <p className="field__help">{t('data.quality.groupsHelp')}</p>
          {groupable.length === 0 ? (
            <p className="muted">{t('data.quality.noGroupable')}</p>
          ) : (
            <div className="check-grid">
              {groupable.map((c) => (
                <label key={c.name} className="check">
                  <input type="checkbox" checked={form.groupColumns.includes(c.name)} onChange={(e) => toggleGroup(c.name, e.target.checked)} />
                  <span>{c.name}</span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div className="form-row">
          <div className="field">
            <label className="field__label" htmlFor="check-event-time">
              {t('data.quality.eventTime')}
            </label>
            <p className="field__help" id="check-event-time-help">
              {t('data.quality.eventTimeHelp')}
            </p>
            <select id="check-event-time" aria-describedby="check-event-time-help" value={form.eventTimeColumn} onChange={(e) => setForm({ eventTimeColumn: e.target.value })} disabled={times.length === 0}>
              <option value="">{times.length === 0 ? t('data.quality.noDates') : t('data.quality.none')}</option>
              {times.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="check-reference">
              {t('data.quality.reference')}
            </label>
            <p className="field__help" id="check-reference-help">
              {t('data.quality.referenceHelp')}
            </p>
            <select id="check-reference" aria-describedby="check-reference-help" value={form.referenceDatasetId} onChange={(e) => setForm({ referenceDatasetId: e.target.value })} disabled={others.length === 0}>
              <option value="">{others.length === 0 ? t('data.quality.noOtherDatasets') : t('data.quality.none')}</option>
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="check check--block">
          <input type="checkbox" checked={form.labelCheck} disabled={!isClassification} onChange={(e) => setForm({ labelCheck: e.target.checked })} />
          <span>
            <span className="check__title">{t('data.quality.labelCheck')}</span>
            <span className="check__help">{isClassification ? t('data.quality.labelCheckHelp') : t('data.quality.labelCheckNeedsClasses')}</span>
          </span>
        </label>
        <div>
          <button type="button" className="btn btn--secondary" onClick={() => void runCheck()} disabled={isRunning || isReadOnly}>
            {stored ? t('data.quality.rerun') : t('data.quality.run')}
          </button>
        </div>
      </div>
    </details>
  );
}

function Report({ stored, detail, tr, onRemedy, isStale }: { stored: StoredReport; detail: DatasetDetail; tr: DataTranslator; onRemedy: (r: RemedyRequest) => void; isStale: boolean }) {
  const { t } = tr;
  const { report } = stored;
  const groups = groupFindings(report.findings);
  return (
    <div className={isStale ? 'stack is-stale' : 'stack'}>
      <div className="report-summary" role="status">
        <p className="report-summary__line">
          {report.findings.length === 0 ? t('data.quality.clean') : summaryLine(report.counts, tr)}
        </p>
        <p className="muted report-summary__meta">
          {t('data.quality.checked', { rows: tr.count(report.rows), columns: tr.count(report.columns), time: tr.dateTime(stored.computedAt) })}
        </p>
      </div>
      {groups.map((group) => (
        <section key={group.severity} className={`finding-group finding-group--${group.severity}`} aria-labelledby={`group-${group.severity}`}>
          <h2 className="finding-group__title" id={`group-${group.severity}`}>
            <Icon name={group.severity === 'info' ? 'info' : 'alert'} />
            <span>{t(SEVERITY_HEADING[group.severity])}</span>
          </h2>
          <ul className="finding-list">
            {group.findings.map((finding) => (
              <li key={finding.id}>
                <FindingCard
                  finding={finding}
                  stored={stored}
                  detail={detail}
                  tr={tr}
                  onRemedy={onRemedy}
                  isInitiallyOpen={isFindingOpenAtFirst(finding, report.findings.length)}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** "1 critical problem, 2 warnings" (only the severities that occur, in the language's plural forms). */
function summaryLine(counts: { critical: number; warning: number; info: number }, tr: DataTranslator): string {
  const plural = new Intl.PluralRules(tr.locale);
  const parts: string[] = [];
  for (const severity of ['critical', 'warning', 'info'] as const) {
    const n = counts[severity];
    if (n === 0) continue;
    const form = plural.select(n) === 'one' ? 'one' : 'other';
    parts.push(tr.t(`data.quality.count.${severity}.${form}`, { n }));
  }
  return parts.join(', ');
}

/** Severity as icon and word (never colour alone). */
export function SeverityBadge({ severity, tr }: { severity: Severity; tr: DataTranslator }) {
  return (
    <span className={`severity severity--${severity}`}>
      <Icon name={severity === 'info' ? 'info' : 'alert'} />
      {tr.severityName(severity)}
    </span>
  );
}

function FindingCard({
  finding,
  stored,
  detail,
  tr,
  onRemedy,
  isInitiallyOpen,
}: {
  finding: Finding;
  stored: StoredReport;
  detail: DatasetDetail;
  tr: DataTranslator;
  onRemedy: (r: RemedyRequest) => void;
  isInitiallyOpen: boolean;
}) {
  const { t } = tr;
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const [isOpen, setOpen] = useState(isInitiallyOpen);
  const { evidence } = finding;
  return (
    <article className={`finding finding--${finding.severity}${isOpen ? '' : ' finding--closed'}`} data-finding={finding.kind} aria-labelledby={`finding-${finding.id}`}>
      <header className="finding__head">
        <h3 className="finding__title" id={`finding-${finding.id}`}>
          <button type="button" className="finding__toggle" aria-expanded={isOpen} aria-controls={`finding-body-${finding.id}`} onClick={() => setOpen(!isOpen)}>
            <span className="finding__chevron" aria-hidden="true" />
            <span>{tr.findingTitle(finding)}</span>
          </button>
        </h3>
        <SeverityBadge severity={finding.severity} tr={tr} />
      </header>
      {isOpen ? null : (
        <p className="finding__brief muted">
          {[
            evidence.columns.slice(0, 3).join(', ') + (evidence.columns.length > 3 ? '…' : ''),
            evidence.rowCount > 0 ? t('data.quality.evidence.rowsValue', { rows: tr.count(evidence.rowCount), share: tr.share(evidence.rowShare) }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {isOpen ? <FindingBody finding={finding} stored={stored} detail={detail} tr={tr} onRemedy={onRemedy} isReadOnly={isReadOnly} /> : null}
    </article>
  );
}

function FindingBody({
  finding,
  stored,
  detail,
  tr,
  onRemedy,
  isReadOnly,
}: {
  finding: Finding;
  stored: StoredReport;
  detail: DatasetDetail;
  tr: DataTranslator;
  onRemedy: (r: RemedyRequest) => void;
  isReadOnly: boolean;
}) {
  const { t } = tr;
  const { evidence } = finding;
  const classes = Array.isArray(evidence.values.classes) ? evidence.values.classes.map(String) : null;
  const counts = Array.isArray(evidence.values.counts) ? evidence.values.counts.map(Number) : null;
  const suspects = finding.kind === 'label_suspect' ? (stored.labelCheck?.suspects ?? []) : [];
  const remedies: RemedyKind[] = finding.remedies;
  return (
    <div className="finding__body" id={`finding-body-${finding.id}`}>
      <p className="finding__explanation">{tr.findingExplanation(finding)}</p>
      <dl className="finding__evidence">
        {evidence.columns.length > 0 ? (
          <div>
            <dt>{t('data.quality.evidence.columns')}</dt>
            <dd className="chips">
              {evidence.columns.map((c) => (
                <span key={c} className="chip">
                  {c}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {evidence.rowCount > 0 ? (
          <div>
            <dt>{t('data.quality.evidence.rows')}</dt>
            <dd>{t('data.quality.evidence.rowsValue', { rows: tr.count(evidence.rowCount), share: tr.share(evidence.rowShare) })}</dd>
          </div>
        ) : null}
      </dl>
      {classes && counts && classes.length === counts.length ? (
        <DataTable
          caption={t('data.quality.evidence.classes')}
          isCompact
          columns={[
            { key: 'class', label: t('data.profile.class') },
            { key: 'rows', label: t('data.chart.rows'), isNumeric: true },
          ]}
          rows={classes.map((c, i) => ({ key: c, cells: [c, tr.count(counts[i])] }))}
        />
      ) : null}
      {suspects.length > 0 ? <SuspectsTable stored={stored} tr={tr} /> : null}
      {evidence.exampleRows.length > 0 ? <ExampleRows finding={finding} versionId={stored.versionId} detail={detail} tr={tr} /> : null}
      {remedies.length > 0 ? (
        <div className="finding__remedies">
          <span className="finding__remedies-label">{t('data.quality.remedies')}</span>
          <div className="finding__remedy-buttons">
            {remedies.map((kind, i) => (
              <button
                key={kind}
                type="button"
                className={i === 0 ? 'btn btn--secondary btn--small' : 'btn btn--quiet btn--small'}
                disabled={isReadOnly}
                onClick={() => onRemedy({ kind, finding, suspects: finding.kind === 'label_suspect' ? suspects : [] })}
              >
                {tr.remedyTitle(kind)}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <p className="finding__decide muted">{t('data.quality.decide')}</p>
      )}
    </div>
  );
}

function SuspectsTable({ stored, tr }: { stored: StoredReport; tr: DataTranslator }) {
  const { t } = tr;
  const check = stored.labelCheck;
  if (!check) return null;
  return (
    <div className="stack stack--tight">
      <p className="muted">{t('data.quality.suspectsIntro', { folds: check.folds, total: tr.count(check.totalSuspects) })}</p>
      <DataTable
        caption={t('data.quality.suspects')}
        isCompact
        maxHeight={240}
        columns={[
          { key: 'row', label: t('data.rows.rowNumber'), isNumeric: true },
          { key: 'given', label: t('data.quality.given') },
          { key: 'suggested', label: t('data.quality.suggested') },
          { key: 'p', label: t('data.quality.confidence'), isNumeric: true },
        ]}
        rows={check.suspects.slice(0, 20).map((s) => ({
          key: s.rowId,
          cells: [tr.count(s.row + 1), s.given, s.suggested, tr.share(s.suggestedProbability)],
        }))}
      />
    </div>
  );
}

function ExampleRows({ finding, versionId, detail, tr }: { finding: Finding; versionId: string; detail: DatasetDetail; tr: DataTranslator }) {
  const { t } = tr;
  const fetchRowsAt = useDataStore((s) => s.fetchRowsAt);
  const [isOpen, setOpen] = useState(false);
  const [page, setPage] = useState<RowsPage | null>(null);
  const [isLoading, setLoading] = useState(false);
  const positions = finding.evidence.exampleRows;

  async function toggle() {
    const next = !isOpen;
    setOpen(next);
    if (next && !page) {
      setLoading(true);
      setPage(await fetchRowsAt(versionId, positions));
      setLoading(false);
    }
  }

  // The finding's columns first, then the target, then the rest: what matters is visible without scrolling.
  const order = (() => {
    if (!page) return [];
    const names = page.columns.map((c) => c.name);
    const first = [...finding.evidence.columns, ...(detail.current.target ? [detail.current.target] : [])];
    const picked = [...new Set(first.filter((n) => names.includes(n))), ...names.filter((n) => !first.includes(n))];
    return picked.map((n) => names.indexOf(n));
  })();

  return (
    <div className="examples">
      <button type="button" className="link-btn" aria-expanded={isOpen} onClick={() => void toggle()}>
        {isOpen ? t('data.quality.hideExamples') : t('data.quality.showExamples', { count: positions.length })}
      </button>
      {isOpen && isLoading ? <p className="muted">{t('common.loading')}</p> : null}
      {isOpen && page ? (
        <DataTable
          caption={t('data.quality.examples')}
          isCompact
          hasRowHeader
          maxHeight={280}
          columns={[
            { key: '#', label: t('data.rows.rowNumber'), isNumeric: true },
            ...(page.parts ? [{ key: 'part', label: t('data.rows.part') }] : []),
            ...order.map((j) => ({
              key: page.columns[j].name,
              label: page.columns[j].name,
              sublabel: finding.evidence.columns.includes(page.columns[j].name) ? t('data.quality.flagged') : undefined,
              isNumeric: isNumericType(page.columns[j].type),
            })),
          ]}
          rows={page.rows.map((cells, i) => ({
            key: page.rowIds[i],
            cells: [tr.count((positions[i] ?? 0) + 1), ...(page.parts ? [tr.partName(page.parts[i])] : []), ...order.map((j) => valueCell(cells[j], page.columns[j].type, tr))],
          }))}
        />
      ) : null}
    </div>
  );
}
