// The running server: its address, the model it serves, a request to copy (with a real row), what
// each row must carry, the live counters, the prediction log switch, and the two protocols it
// speaks with links to its own API page.
import { useState } from 'react';
import type { ServedModel } from '../../../shared/api/methods/serving.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Icon } from '../../components/Icon.js';
import { exampleWithKey } from '../../stores/serving-logic.js';
import { useServingStore } from '../../stores/serving-store.js';
import { StageBadge } from '../deploy/StageBadge.js';
import { COLUMN_KIND_NAME } from '../deploy/texts.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';
import { LiveCounters } from './LiveCounters.js';

/** The running server's cards. */
export function RunningServer() {
  const tr = useMlT();
  const { t } = tr;
  const server = useServingStore((s) => s.server);
  const live = useServingStore((s) => s.live);
  const stop = useServingStore((s) => s.stop);
  const isStopping = useServingStore((s) => s.isStopping);
  const setLogging = useServingStore((s) => s.setLogging);
  const isSwitchingLog = useServingStore((s) => s.isSwitchingLog);
  if (!server) return null;
  const url = server.url ?? live.url ?? '';
  const model = server.models[0] ?? null;
  const state = live.state === 'stopped' ? server.state : live.state;
  const log = live.log ?? server.log;

  return (
    <>
      <section className="card sv-server" aria-labelledby="sv-server-title" data-state={state}>
        <div className="sv-server__head">
          <div className="sv-server__titles">
            <h2 className="card__title sv-server__title" id="sv-server-title">
              {t('serve.running.title')}
              <span className={`sv-state sv-state--${state}`} role="status">
                <Icon name="dot" /> {t(state === 'running' ? 'serve.state.running' : state === 'starting' ? 'serve.state.starting' : 'serve.state.stopping')}
              </span>
            </h2>
            {server.startedAt ? <p className="dp-muted dp-small">{t('serve.running.since', { when: tr.dateTime(server.startedAt) })}</p> : null}
          </div>
          <button type="button" className="btn btn--secondary" onClick={() => void stop()} disabled={isStopping || state === 'stopping'}>
            {isStopping || state === 'stopping' ? t('serve.running.stopping') : t('serve.running.stop')}
          </button>
        </div>
        <div className="sv-url">
          <span className="sv-url__label">{t('serve.running.address')}</span>
          <code className="sv-url__value" data-url={url}>
            {url}
          </code>
          <CopyButton text={url} label={t('serve.running.copyAddress')} />
        </div>
        {model ? (
          <p className="sv-model-line">
            {t('serve.running.serves', { name: model.name, version: model.version })} <StageBadge stage={model.stage} />
            <span className="dp-muted"> · {t(model.task === 'classification' ? 'deploy.models.predictsClass' : 'deploy.models.predictsValue', { target: model.target })}</span>
          </p>
        ) : null}
        {server.hasApiKey ? (
          <p className="notice notice--info">
            <Icon name="lock" className="notice__icon" />
            <span>{t('serve.running.keyOn')}</span>
          </p>
        ) : (
          <p className="dp-muted dp-small">{t('serve.running.keyOff')}</p>
        )}
        <label className="sv-check sv-check--inline">
          <input type="checkbox" checked={log.enabled} disabled={isSwitchingLog} onChange={(e) => void setLogging(e.target.checked)} />
          <span>
            <span className="sv-check__title">{t('serve.form.log')}</span>
            <span className="sv-check__help">{log.enabled ? t('serve.running.logOn', { written: tr.count(log.written), stored: tr.count(log.storedRequests) }) : t('serve.running.logOff')}</span>
          </span>
        </label>
      </section>

      <LiveCounters />
      {model ? <TryIt model={model} tr={tr} /> : null}
      {model ? <InputSchema model={model} tr={tr} /> : null}
      <Protocols links={server.links} model={model} tr={tr} />
    </>
  );
}

/** A request to copy, with what it does in plain words. */
function TryIt({ model, tr }: { model: ServedModel; tr: MlTranslator }) {
  const { t } = tr;
  const [protocol, setProtocol] = useState<'mlflow' | 'v2'>('mlflow');
  const hasApiKey = useServingStore((s) => s.server?.hasApiKey ?? false);
  const apiKey = useServingStore((s) => s.activeApiKey);
  const command = exampleWithKey(protocol === 'mlflow' ? model.examples.mlflow : model.examples.v2, hasApiKey, apiKey);
  return (
    <section className="card sv-try" aria-labelledby="sv-try-title">
      <div className="sv-try__head">
        <h2 className="card__title" id="sv-try-title">
          {t('serve.try.title')}
        </h2>
        <div className="segmented sv-segmented" role="radiogroup" aria-label={t('serve.try.protocol')}>
          {(['mlflow', 'v2'] as const).map((p) => (
            <label key={p} className="segmented__option">
              <input type="radio" name="sv-protocol" checked={protocol === p} onChange={() => setProtocol(p)} />
              <span>{t(p === 'mlflow' ? 'serve.protocol.mlflow.short' : 'serve.protocol.v2.short')}</span>
            </label>
          ))}
        </div>
      </div>
      <p className="sv-try__lead">{model.exampleRow ? t('serve.try.lead') : t('serve.try.leadNoRow')}</p>
      <div className="sv-code">
        <div className="sv-code__bar">
          <span className="sv-code__label">{t('serve.try.terminal')}</span>
          <CopyButton text={command} label={t('serve.try.copy')} className="btn btn--small sv-code__copy" />
        </div>
        <pre className="sv-code__pre" data-protocol={protocol}>
          <code>{command}</code>
        </pre>
      </div>
      <p className="dp-muted dp-small">{t(protocol === 'mlflow' ? 'serve.try.explainMlflow' : 'serve.try.explainV2', { url: protocol === 'mlflow' ? model.urls.invocations : model.urls.v2Infer })}</p>
      {hasApiKey && apiKey === '' ? <p className="dp-muted dp-small">{t('serve.try.keyPlaceholder')}</p> : null}
    </section>
  );
}

/** The columns each row must carry, with the example row's values. */
function InputSchema({ model, tr }: { model: ServedModel; tr: MlTranslator }) {
  const { t } = tr;
  return (
    <section className="card" aria-labelledby="sv-schema-title">
      <h2 className="card__title" id="sv-schema-title">
        {t('serve.schema.title')}
      </h2>
      <p className="card__help">{t('serve.schema.lead', { n: model.inputSchema.length })}</p>
      <div className="dp-table-wrap sv-schema">
        <table className="dp-table">
          <caption className="visually-hidden">{t('serve.schema.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('serve.schema.col.column')}</th>
              <th scope="col">{t('serve.schema.col.kind')}</th>
              <th scope="col">{t('serve.schema.col.example')}</th>
            </tr>
          </thead>
          <tbody>
            {model.inputSchema.map((c) => {
              const value = model.exampleRow?.[c.name];
              return (
                <tr key={c.name} data-column={c.name}>
                  <td className="dp-mono">{c.name}</td>
                  <td>{t(COLUMN_KIND_NAME[c.kind])}</td>
                  <td className="dp-cell-wrap">{value === undefined ? '—' : value === null ? <span className="dp-muted">{t('serve.schema.missing')}</span> : String(value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {model.classLabels ? <p className="dp-muted dp-small">{t('serve.schema.classes', { classes: model.classLabels.join(', ') })}</p> : null}
    </section>
  );
}

/** The two protocols, in a sentence each, with the server's own API page. */
function Protocols({ links, model, tr }: { links: { docs: string; openapi: string; metrics: string; health: string } | null; model: ServedModel | null; tr: MlTranslator }) {
  const { t } = tr;
  return (
    <section className="card" aria-labelledby="sv-protocols-title">
      <h2 className="card__title" id="sv-protocols-title">
        {t('serve.protocols.title')}
      </h2>
      <div className="dp-grid-2">
        <div className="sv-protocol">
          <h3 className="dp-subhead">{t('serve.protocol.mlflow.name')}</h3>
          <p className="dp-small">{t('serve.protocol.mlflow.body')}</p>
          {model ? <code className="dp-mono sv-route">POST {model.urls.invocations}</code> : null}
        </div>
        <div className="sv-protocol">
          <h3 className="dp-subhead">{t('serve.protocol.v2.name')}</h3>
          <p className="dp-small">{t('serve.protocol.v2.body')}</p>
          {model ? <code className="dp-mono sv-route">POST {model.urls.v2Infer}</code> : null}
        </div>
      </div>
      {links ? (
        <ul className="sv-links">
          <li>
            <a href={links.docs} target="_blank" rel="noreferrer noopener">
              {t('serve.links.docs')}
            </a>{' '}
            <span className="dp-muted dp-small">{t('serve.links.docsHelp')}</span>
          </li>
          <li>
            <a href={links.openapi} target="_blank" rel="noreferrer noopener">
              {t('serve.links.openapi')}
            </a>
          </li>
          <li>
            <a href={links.metrics} target="_blank" rel="noreferrer noopener">
              {t('serve.links.metrics')}
            </a>{' '}
            <span className="dp-muted dp-small">{t('serve.links.metricsHelp')}</span>
          </li>
          <li>
            <a href={links.health} target="_blank" rel="noreferrer noopener">
              {t('serve.links.health')}
            </a>
          </li>
        </ul>
      ) : null}
    </section>
  );
}
