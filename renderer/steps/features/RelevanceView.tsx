// How strongly each column relates to the target before any model is trained, as a sorted bar
// chart by mutual information or by correlation, with leaking columns in the warning colour and
// each warning explained (from the quality report, or from a near-perfect association here).
import { Chart } from '../../charts/Chart.js';
import { horizontalBarsHeight, relevanceChart } from '../../charts/ml-charts.js';
import { Icon } from '../../components/Icon.js';
import type { RelevanceMeasure } from '../../stores/features-logic.js';
import { relevanceBars, unscoredColumns } from '../../stores/features-logic.js';
import { useFeaturesStore } from '../../stores/features-store.js';
import { useMlT } from '../train/texts.js';

const MEASURES: readonly RelevanceMeasure[] = ['mutualInfo', 'correlation'];

/** The relevance view. */
export function RelevanceView() {
  const tr = useMlT();
  const { t, tDynamic } = tr;
  const suggestion = useFeaturesStore((s) => s.suggestion);
  const draft = useFeaturesStore((s) => s.draft);
  const measure = useFeaturesStore((s) => s.measure);
  const setMeasure = useFeaturesStore((s) => s.setMeasure);
  const setRole = useFeaturesStore((s) => s.setRole);
  if (!suggestion || !draft) return null;
  const bars = relevanceBars(suggestion, measure);
  const scored = bars.filter((b) => b.value !== null);
  const unscored = unscoredColumns(suggestion);
  const leaking = suggestion.columns.filter((c) => c.leakage.length > 0);
  const isClassification = suggestion.task === 'classification';
  const axis = measure === 'mutualInfo' ? t(isClassification ? 'features.relevance.axisMiNormalized' : 'features.relevance.axisMi') : t('features.relevance.axisCorr');

  return (
    <div className="ml-stack">
      <p className="ml-lead">{t('features.relevance.lead')}</p>
      {leaking.length > 0 ? (
        <section className="notice notice--warn ml-leaks" aria-labelledby="leaks-title">
          <Icon name="alert" className="notice__icon" />
          <div className="ml-leaks__body">
            <h3 className="ml-leaks__title" id="leaks-title">
              {leaking.length === 1 ? t('features.leak.title.one') : t('features.leak.title.other', { count: leaking.length })}
            </h3>
            <p>{t('features.leak.explain')}</p>
            <ul className="ml-leaks__list">
              {leaking.map((c) => {
                const isUsed = draft.columns.some((d) => d.name === c.name && d.role === 'feature');
                return (
                  <li key={c.name} data-leak={c.name}>
                    <strong>{c.name}</strong>
                    {' — '}
                    {c.leakage.map((w) => leakText(w, tDynamic, t)).join(' ')}
                    {isUsed ? (
                      <>
                        {' '}
                        <button type="button" className="link-btn" onClick={() => setRole(c.name, 'ignore')}>
                          {t('features.leak.leaveOut')}
                        </button>
                      </>
                    ) : (
                      <span className="ml-muted"> {t('features.leak.alreadyOut')}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        </section>
      ) : (
        <p className="notice notice--info">
          <Icon name="check" className="notice__icon" />
          <span>{t(suggestion.hasQualityReport ? 'features.leak.none' : 'features.leak.noneNoReport')}</span>
        </p>
      )}
      <div className="ml-toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('features.relevance.measure')}>
          {MEASURES.map((m) => (
            <label key={m} className="segmented__option">
              <input type="radio" name="relevance-measure" checked={measure === m} onChange={() => setMeasure(m)} />
              <span>{t(`features.relevance.measure.${m}`)}</span>
            </label>
          ))}
        </div>
        <p className="ml-toolbar__help">{t(`features.relevance.help.${measure}`)}</p>
      </div>
      {scored.length > 0 ? (
        <Chart
          title={t('features.relevance.chartTitle', { measure: t(`features.relevance.measure.${measure}`) })}
          {...relevanceChart(bars, { score: axis, leak: t('features.leak.badge') }, tr.short)}
          height={horizontalBarsHeight(scored.length)}
        />
      ) : (
        <p className="ml-muted">{t('features.relevance.noneScored')}</p>
      )}
      {unscored.length > 0 ? (
        <p className="ml-footnote">
          {t('features.relevance.unscored', { columns: unscored.map((u) => `${u.column} (${t(`features.relevance.skipped.${u.reason}`)})`).join(', ') })}
        </p>
      ) : null}
      <p className="ml-footnote">
        {suggestion.isRelevanceSampled ? t('features.relevance.sampled', { rows: tr.count(suggestion.relevanceRows) }) : t('features.relevance.rows', { rows: tr.count(suggestion.relevanceRows) })}{' '}
        {t('features.relevance.caution')}
      </p>
    </div>
  );
}

function leakText(
  warning: { messageKey: string; params: Record<string, string | number>; source: 'qualityReport' | 'relevance' },
  tDynamic: (key: string, params?: Record<string, string | number>, fallback?: string) => string,
  t: (key: 'features.leak.fromReport' | 'features.leak.fromRelevance') => string,
): string {
  // Findings of the quality report carry `.title` sub-keys; the relevance warning is one message.
  const title = tDynamic(`${warning.messageKey}.title`, warning.params, '');
  const text = title || tDynamic(warning.messageKey, warning.params, warning.messageKey);
  return `${text} (${t(warning.source === 'qualityReport' ? 'features.leak.fromReport' : 'features.leak.fromRelevance')})`;
}
