// The running server's live counters, updated about once a second from `serving.stats`: requests,
// errors, latency percentiles, rows predicted and the current rate, each with a line saying what it
// means. A small trend of requests per second sits under the rate (drawn with plain SVG: a chart
// library for one line would cost more than it shows).
import type { ReactNode } from 'react';
import type { ServingCounters } from '../../../shared/api/methods/serving.js';
import { errorShare, formatLatency } from '../../stores/serving-logic.js';
import { useServingStore } from '../../stores/serving-store.js';
import { useMlT } from '../train/texts.js';

/** The live counters card. */
export function LiveCounters() {
  const tr = useMlT();
  const { t, locale } = tr;
  const counters = useServingStore((s) => s.live.counters);
  const rates = useServingStore((s) => s.live.rates);
  const c: ServingCounters | null = counters;
  const share = errorShare(c);
  const percent = (value: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const rate = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);

  return (
    <section className="card sv-counters" aria-labelledby="sv-counters-title">
      <div className="sv-counters__head">
        <h2 className="card__title" id="sv-counters-title">
          {t('serve.counters.title')}
        </h2>
        <span className="dp-muted dp-small">{t('serve.counters.live')}</span>
      </div>
      <dl className="sv-tiles">
        <Tile id="requests" label={t('serve.counters.requests')} value={c ? tr.count(c.predictionRequests) : '—'} help={c ? t('serve.counters.requestsHelp', { all: tr.count(c.requests) }) : t('serve.counters.waiting')} />
        <Tile
          id="errors"
          label={t('serve.counters.errors')}
          value={c ? tr.count(c.errors) : '—'}
          help={share === null ? t('serve.counters.errorsNone') : t('serve.counters.errorsHelp', { share: percent(share) })}
          tone={c && c.errors > 0 ? 'warn' : undefined}
        />
        <Tile id="rows" label={t('serve.counters.rows')} value={c ? tr.count(c.rows) : '—'} help={t('serve.counters.rowsHelp')} />
        <Tile id="rate" label={t('serve.counters.rate')} value={c ? rate(c.requestsPerSecond) : '—'} help={t('serve.counters.rateHelp')}>
          <Sparkline values={rates} label={t('serve.counters.trend')} />
        </Tile>
      </dl>
      <div className="sv-latency" data-counter="latency">
        <h3 className="dp-subhead">{t('serve.counters.latency')}</h3>
        <dl className="sv-latency__values">
          {(['p50', 'p95', 'p99'] as const).map((p) => (
            <div key={p} className="sv-latency__value" data-counter={p}>
              <dt>{t(`serve.counters.${p}`)}</dt>
              <dd>{formatLatency(c?.latency[p] ?? null, locale)}</dd>
            </div>
          ))}
        </dl>
        <p className="dp-muted dp-small">{c ? t('serve.counters.latencyHelp', { n: tr.count(c.latency.count), seconds: c.latency.windowSeconds }) : t('serve.counters.waiting')}</p>
      </div>
      {c && c.rejected.saturated + c.rejected.tooLarge + c.rejected.timedOut + c.rejected.unauthorized > 0 ? (
        <p className="dp-small sv-rejected">
          {t('serve.counters.rejected', {
            saturated: tr.count(c.rejected.saturated),
            tooLarge: tr.count(c.rejected.tooLarge),
            timedOut: tr.count(c.rejected.timedOut),
            unauthorized: tr.count(c.rejected.unauthorized),
          })}
        </p>
      ) : null}
    </section>
  );
}

function Tile({ id, label, value, help, tone, children }: { id: string; label: string; value: string; help: string; tone?: 'warn'; children?: ReactNode }) {
  return (
    <div className={tone ? `sv-tile sv-tile--${tone}` : 'sv-tile'} data-counter={id}>
      <dt className="sv-tile__label">{label}</dt>
      <dd className="sv-tile__value">{value}</dd>
      <dd className="sv-tile__help">{help}</dd>
      {children ? <dd className="sv-tile__extra">{children}</dd> : null}
    </div>
  );
}

/** A tiny line of recent values (oldest left). */
function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  // Nothing to show before two reports, or while every report says zero (a flat line reads as a rule).
  if (values.length < 2 || values.every((v) => v === 0)) return null;
  const width = 120;
  const height = 24;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sv-spark" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
