// Two runs side by side: every metric with the better one marked (by the metric's direction),
// the hyper-parameters and feature steps that differ, and a warning when the two were not scored
// on the same data or the same way (then the comparison is not fair).
import { useState } from 'react';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { useEvaluationStore } from '../../stores/evaluation-store.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';

/** The comparison panel. */
export function ComparePanel({ runs, bestId }: { runs: RunSummary[]; bestId: string | null }) {
  const tr = useMlT();
  const { t } = tr;
  const comparison = useEvaluationStore((s) => s.comparison);
  const compare = useEvaluationStore((s) => s.compare);
  const ordered = [...runs].sort((a, b) => b.number - a.number);
  const fallbackB = ordered.find((r) => r.id !== bestId && r.modelId === 'onerule') ?? ordered.find((r) => r.id !== bestId) ?? null;
  const [a, setA] = useState<string>(() => bestId ?? ordered[0]?.id ?? '');
  const [b, setB] = useState<string>(() => fallbackB?.id ?? '');
  if (runs.length < 2) return null;
  const data = comparison.data;
  const runA = data?.a ?? null;
  const runB = data?.b ?? null;

  return (
    <section className="card ml-compare" aria-labelledby="compare-title">
      <h2 className="card__title" id="compare-title">
        {t('evaluation.compare.title')}
      </h2>
      <p className="ml-muted">{t('evaluation.compare.help')}</p>
      <div className="ml-compare__pick">
        <RunSelect id="compare-a" label={t('evaluation.compare.a')} value={a} runs={ordered} onChange={setA} tr={tr} />
        <RunSelect id="compare-b" label={t('evaluation.compare.b')} value={b} runs={ordered} onChange={setB} tr={tr} />
        <button type="button" className="btn btn--secondary" onClick={() => void compare(a, b)} disabled={a === '' || b === '' || a === b || comparison.status === 'loading'}>
          {t('evaluation.compare.run')}
        </button>
      </div>
      {a !== '' && a === b ? <p className="ml-footnote">{t('evaluation.compare.same')}</p> : null}
      {comparison.status === 'error' && comparison.error ? <LoadError error={comparison.error} onRetry={() => void compare(comparison.a ?? a, comparison.b ?? b)} /> : null}
      {data && runA && runB ? (
        <div className="ml-stack">
          {!data.isSameData || !data.isSameValidation ? (
            <p className="notice notice--warn">
              <Icon name="alert" className="notice__icon" />
              <span>{t(!data.isSameData ? 'evaluation.compare.notSameData' : 'evaluation.compare.notSameValidation')}</span>
            </p>
          ) : null}
          <div className="ml-table-wrap" role="region" aria-label={t('evaluation.compare.metrics')} tabIndex={0}>
            <table className="ml-table ml-compare__table">
              <caption className="visually-hidden">{t('evaluation.compare.metrics')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.compare.metric')}</th>
                  <th scope="col" className="is-numeric">
                    {tr.runLabel(runA)}
                  </th>
                  <th scope="col" className="is-numeric">
                    {tr.runLabel(runB)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.metrics.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{tr.metricName(m.id)}</th>
                    <td className={`is-numeric${m.better === 'a' ? ' ml-cell--better' : ''}`}>
                      {tr.score(m.a)}
                      {m.better === 'a' ? <span className="visually-hidden"> ({t('evaluation.compare.better')})</span> : null}
                    </td>
                    <td className={`is-numeric${m.better === 'b' ? ' ml-cell--better' : ''}`}>
                      {tr.score(m.b)}
                      {m.better === 'b' ? <span className="visually-hidden"> ({t('evaluation.compare.better')})</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.params.length > 0 ? (
            <Differences title={t('evaluation.compare.params')} rows={data.params.map((p) => ({ key: p.name, name: tr.paramName(p.name), a: valueText(p.a, tr), b: valueText(p.b, tr) }))} runA={runA} runB={runB} tr={tr} />
          ) : null}
          {data.features.length > 0 ? (
            <Differences title={t('evaluation.compare.features')} rows={data.features.map((f) => ({ key: f.column, name: f.column, a: f.a ?? t('evaluation.compare.notUsed'), b: f.b ?? t('evaluation.compare.notUsed') }))} runA={runA} runB={runB} tr={tr} />
          ) : (
            <p className="ml-footnote">{t('evaluation.compare.sameFeatures')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function valueText(value: string | number | boolean | null | undefined, tr: MlTranslator): string {
  if (value === undefined) return '—';
  if (value === null) return tr.t('training.param.noLimit');
  if (typeof value === 'boolean') return tr.t(value ? 'evaluation.compare.yes' : 'evaluation.compare.no');
  if (typeof value === 'number') return tr.score(value);
  return tr.optionName(value);
}

function Differences({ title, rows, runA, runB, tr }: { title: string; rows: Array<{ key: string; name: string; a: string; b: string }>; runA: RunSummary; runB: RunSummary; tr: MlTranslator }) {
  return (
    <div className="ml-table-wrap" role="region" aria-label={title} tabIndex={0}>
      <table className="ml-table ml-compare__table">
        <caption className="ml-table__caption">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('evaluation.compare.name')}</th>
            <th scope="col">{tr.runLabel(runA)}</th>
            <th scope="col">{tr.runLabel(runB)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td className="ml-mono">{r.a}</td>
              <td className="ml-mono">{r.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunSelect({ id, label, value, runs, onChange, tr }: { id: string; label: string; value: string; runs: RunSummary[]; onChange: (v: string) => void; tr: MlTranslator }) {
  return (
    <div className="field ml-compare__field">
      <label className="field__label field__label--small" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {tr.runLabel(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
