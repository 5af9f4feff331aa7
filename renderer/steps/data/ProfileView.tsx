// The profile of the working version: the table in four numbers, the target's class balance or
// distribution, every column (pick one to see its statistics and chart), and the correlations of
// the numeric columns. Computed by a job in the backend; the screen shows its progress and stays
// responsive. The first visit starts it; a finished profile is cached per version.
import { useEffect, useState } from 'react';
import type { ColumnProfile, TableProfile, TargetProfile } from '../../../shared/domain/dataset.js';
import { Chart } from '../../charts/Chart.js';
import { barsChart, barsHeight, classBalanceChart, correlationChart, histogramChart } from '../../charts/data-charts.js';
import { DataTable } from '../../components/DataTable.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useDataStore } from '../../stores/data-store.js';
import { InlineError } from './ImportDialog.js';
import type { DataTranslator } from './texts.js';
import { useDataT } from './texts.js';

/** The Profile tab. */
export function ProfileView() {
  const tr = useDataT();
  const { t } = tr;
  const stored = useDataStore((s) => s.profile);
  const status = useDataStore((s) => s.profileStatus);
  const detail = useDataStore((s) => s.detail);
  const jobId = useDataStore((s) => s.running.profile);
  const job = useDataStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const jobError = useDataStore((s) => s.jobErrors.profile);
  const runProfile = useDataStore((s) => s.runProfile);
  const cancelJob = useDataStore((s) => s.cancelJob);

  // The first visit of a version without a profile starts one (a failed run waits for the user).
  const needsRun = status === 'ready' && stored === null && !jobId && !jobError && detail !== null;
  useEffect(() => {
    if (needsRun) void runProfile();
  }, [needsRun, runProfile]);

  if (job && (!stored || jobId)) {
    return <JobProgress job={job} label={t('data.profile.jobLabel')} onCancel={() => void cancelJob(job.progress.jobId)} />;
  }
  if (jobError && !stored) {
    return (
      <div className="stack">
        <InlineError error={jobError} />
        <div>
          <button type="button" className="btn btn--secondary" onClick={() => void runProfile()}>
            {t('data.profile.run')}
          </button>
        </div>
      </div>
    );
  }
  if (!stored) return <p className="muted">{t('data.profile.preparing')}</p>;
  const { profile } = stored;

  return (
    <div className="stack">
      <KeyFacts profile={profile} tr={tr} />
      {profile.target ? <TargetCard target={profile.target} tr={tr} /> : <p className="notice notice--info">{t('data.profile.noTarget')}</p>}
      <ColumnsCard profile={profile} tr={tr} />
      {profile.correlation.columns.length >= 2 ? <CorrelationCard profile={profile} tr={tr} /> : null}
      <p className="data-footnote">
        {t('data.profile.computed', { time: tr.dateTime(stored.computedAt), seconds: tr.stat(stored.elapsedMs / 1000) })}{' '}
        <button type="button" className="link-btn link-btn--quiet" onClick={() => void runProfile()} disabled={jobId !== undefined}>
          {t('data.profile.rerun')}
        </button>
      </p>
    </div>
  );
}

function KeyFacts({ profile, tr }: { profile: TableProfile; tr: DataTranslator }) {
  const { t } = tr;
  // Rows and columns are in the dataset header already: the profile adds what they are made of.
  const cells = profile.rows * Math.max(1, profile.columns.length);
  const numeric = profile.columns.filter((c) => c.type === 'numeric' || c.type === 'integer').length;
  const categories = profile.columns.filter((c) => c.type === 'categorical' || c.type === 'boolean').length;
  const others = profile.columns.length - numeric - categories;
  const facts = [
    { label: t('data.fact.duplicates'), value: tr.count(profile.duplicateRows), note: profile.rows > 0 ? tr.share(profile.duplicateRows / profile.rows) : null },
    { label: t('data.fact.missingCells'), value: tr.count(profile.missingCells), note: cells > 0 ? tr.share(profile.missingCells / cells) : null },
    { label: t('data.fact.numericColumns'), value: tr.count(numeric), note: null },
    { label: t('data.fact.categoryColumns'), value: tr.count(categories), note: null },
    ...(others > 0 ? [{ label: t('data.fact.otherColumns'), value: tr.count(others), note: null }] : []),
  ];
  return (
    <dl className="facts" aria-label={t('data.profile.facts')}>
      {facts.map((f) => (
        <div key={f.label} className="fact">
          <dt className="fact__label">{f.label}</dt>
          <dd className="fact__value">
            {f.value}
            {f.note ? <span className="fact__note"> ({f.note})</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TargetCard({ target, tr }: { target: TargetProfile; tr: DataTranslator }) {
  const { t } = tr;
  const title = target.task === 'classification' ? t('data.profile.classBalance', { column: target.column }) : t('data.profile.targetDistribution', { column: target.column });
  return (
    <section className="card" aria-labelledby="target-title">
      <h2 className="card__title" id="target-title">
        {title}
      </h2>
      {target.task === 'classification' && target.classes ? (
        <div className="split">
          <Chart
            title={title}
            height={260}
            {...classBalanceChart(target.classes, { count: t('data.chart.rows'), share: t('data.chart.share') }, tr.share)}
          />
          <DataTable
            caption={title}
            isCompact
            maxHeight={260}
            columns={[
              { key: 'class', label: t('data.profile.class') },
              { key: 'count', label: t('data.chart.rows'), isNumeric: true },
              { key: 'share', label: t('data.chart.share'), isNumeric: true },
            ]}
            rows={target.classes.map((c) => ({ key: c.label, cells: [c.label, tr.count(c.count), tr.share(c.share)] }))}
          />
        </div>
      ) : null}
      {target.task === 'regression' && target.histogram ? (
        <div className="split">
          <Chart title={title} height={260} {...histogramChart(target.histogram, { value: target.column, count: t('data.chart.rows') }, false, tr.stat)} />
          {target.stats ? <StatsList stats={target.stats} tr={tr} isDate={false} /> : null}
        </div>
      ) : null}
      {target.missing > 0 ? <p className="muted">{t('data.profile.targetMissing', { rows: tr.count(target.missing) })}</p> : null}
    </section>
  );
}

function ColumnsCard({ profile, tr }: { profile: TableProfile; tr: DataTranslator }) {
  const { t } = tr;
  const [selected, setSelected] = useState<string>(profile.columns[0]?.name ?? '');
  const column = profile.columns.find((c) => c.name === selected) ?? profile.columns[0];
  return (
    <section className="card" aria-labelledby="columns-title">
      <h2 className="card__title" id="columns-title">
        {t('data.profile.columns')}
      </h2>
      <p className="card__help">{t('data.profile.columnsHelp')}</p>
      <div className="columns-browser">
        <ul className="column-list" aria-label={t('data.profile.columns')}>
          {profile.columns.map((c) => {
            const total = c.count + c.missing;
            const missingShare = total > 0 ? c.missing / total : 0;
            return (
              <li key={c.name}>
                <button
                  type="button"
                  className={c.name === column?.name ? 'column-item column-item--active' : 'column-item'}
                  aria-pressed={c.name === column?.name}
                  onClick={() => setSelected(c.name)}
                >
                  <span className="column-item__name">{c.name}</span>
                  <span className="column-item__meta">
                    {tr.typeName(c.type)}
                    {c.role !== 'feature' ? ` · ${tr.roleName(c.role)}` : ''}
                    {c.missing > 0 ? ` · ${t('data.profile.missingShort', { share: tr.share(missingShare) })}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {column ? <ColumnDetail column={column} rows={profile.rows} tr={tr} /> : null}
      </div>
    </section>
  );
}

function ColumnDetail({ column, rows, tr }: { column: ColumnProfile; rows: number; tr: DataTranslator }) {
  const { t } = tr;
  const isDate = column.type === 'datetime';
  const chartTitle = t('data.profile.chartOf', { column: column.name });
  return (
    <div className="column-detail" aria-live="polite">
      <div className="column-detail__head">
        <h3 className="column-detail__name">{column.name}</h3>
        <span className="type-chip">{tr.typeName(column.type)}</span>
        {column.role !== 'feature' ? <span className={`role-chip role-chip--${column.role}`}>{tr.roleName(column.role)}</span> : null}
      </div>
      <dl className="stat-grid">
        <Stat label={t('data.stat.count')} value={tr.count(column.count)} />
        <Stat label={t('data.stat.missing')} value={`${tr.count(column.missing)}${rows > 0 ? ` (${tr.share(column.missing / rows)})` : ''}`} />
        <Stat label={t('data.stat.distinct')} value={tr.count(column.distinct)} />
        {column.textLength ? <Stat label={t('data.stat.textLength')} value={t('data.stat.textLengthValue', { min: tr.stat(column.textLength.min), mean: tr.stat(column.textLength.mean), max: tr.stat(column.textLength.max) })} /> : null}
      </dl>
      {column.stats ? <StatsList stats={column.stats} tr={tr} isDate={isDate} /> : null}
      {column.histogram && column.histogram.counts.length > 0 ? (
        <Chart title={chartTitle} height={240} {...histogramChart(column.histogram, { value: column.name, count: t('data.chart.rows') }, isDate, tr.stat)} />
      ) : null}
      {column.bars && column.bars.labels.length > 0 ? (
        <Chart
          title={chartTitle}
          height={barsHeight(column.bars.labels.length + (column.bars.otherCount > 0 ? 1 : 0))}
          {...barsChart(column.bars, { count: t('data.chart.rows'), other: t('data.chart.other'), empty: t('data.chart.empty') })}
        />
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}

function StatsList({ stats, tr, isDate }: { stats: NonNullable<ColumnProfile['stats']>; tr: DataTranslator; isDate: boolean }) {
  const { t } = tr;
  const show = (v: number) => (isDate ? tr.dateTime(new Date(v).toISOString()) : tr.stat(v));
  const entries: Array<[string, string]> = [
    [t('data.stat.min'), show(stats.min)],
    [t('data.stat.q25'), show(stats.q25)],
    [t('data.stat.median'), show(stats.median)],
    [t('data.stat.q75'), show(stats.q75)],
    [t('data.stat.max'), show(stats.max)],
  ];
  if (!isDate) {
    entries.splice(0, 0, [t('data.stat.mean'), tr.stat(stats.mean)], [t('data.stat.std'), tr.stat(stats.std)]);
    entries.push([t('data.stat.q05'), tr.stat(stats.q05)], [t('data.stat.q95'), tr.stat(stats.q95)]);
  }
  return (
    <dl className="stat-grid">
      {entries.map(([label, value]) => (
        <Stat key={label} label={label} value={value} />
      ))}
    </dl>
  );
}

function CorrelationCard({ profile, tr }: { profile: TableProfile; tr: DataTranslator }) {
  const { t } = tr;
  const n = profile.correlation.columns.length;
  // Two decimals; `+ 0` turns a rounded -0 into 0.
  const spec = correlationChart(profile.correlation, { value: t('data.chart.correlation') }, (v) => tr.stat(Math.round(v * 100) / 100 + 0));
  return (
    <section className="card" aria-labelledby="corr-title">
      <h2 className="card__title" id="corr-title">
        {t('data.profile.correlation')}
      </h2>
      <p className="card__help">{t('data.profile.correlationHelp')}</p>
      <Chart title={t('data.profile.correlation')} height={Math.min(560, Math.max(280, 120 + n * 34))} {...spec} />
    </section>
  );
}
