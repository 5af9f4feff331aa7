// Starting the server: which model (its production version by default), where to listen (this
// computer only by default; anything else needs an API key, and the form says why), the port, the
// key, and whether to keep a log of the predictions for the Monitor step.
import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import type { FieldError } from '../../lib/field-errors.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import type { ServeChoice, ServeProblems } from '../../stores/serving-logic.js';
import { generateApiKey, needsApiKey, serveChoices, serveProblems } from '../../stores/serving-logic.js';
import { useServingStore } from '../../stores/serving-store.js';
import type { MlTranslator } from '../train/texts.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** The model picker's label for a choice. */
export function choiceLabel(choice: ServeChoice, tr: MlTranslator): string {
  const { t } = tr;
  if (choice.kind === 'production') return t('serve.choice.production', { name: choice.name, version: choice.version });
  if (choice.kind === 'staging') return t('serve.choice.staging', { name: choice.name, version: choice.version });
  return t('serve.choice.latest', { name: choice.name, version: choice.version });
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** The start form (while no server runs). */
export function StartForm() {
  const tr = useMlT();
  const { t } = tr;
  const models = useRegistryStore((s) => s.models);
  const form = useServingStore((s) => s.form);
  const updateForm = useServingStore((s) => s.updateForm);
  const start = useServingStore((s) => s.start);
  const isStarting = useServingStore((s) => s.isStarting);
  const startError = useServingStore((s) => s.startError);
  const server = useServingStore((s) => s.server);
  const live = useServingStore((s) => s.live);
  const [isSubmitted, setSubmitted] = useState(false);
  if (!form) return null;
  const choices = serveChoices(models);
  const problems: ServeProblems = serveProblems(form);
  const isKeyNeeded = needsApiKey(form);
  const serverField = startError?.details?.field;

  function fieldError(field: keyof ServeProblems, apiField: string): FieldError | undefined {
    const problem = problems[field];
    if (isSubmitted && problem) return { key: problem.key, params: problem.params };
    if (startError && serverField === apiField) return asFieldError(startError);
    return undefined;
  }

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    await start();
  }

  const last = live.session > 0 && live.state === 'stopped' ? live.counters : null;
  return (
    <section className="card sv-start" aria-labelledby="sv-start-title">
      <h2 className="card__title" id="sv-start-title">
        {t('serve.start.title')}
      </h2>
      <p className="card__help">{t('serve.start.lead')}</p>
      {server?.lastError ? (
        <p className="notice notice--warn">
          <Icon name="alert" className="notice__icon" />
          <span>{t('serve.start.crashed', { message: server.lastError.message })}</span>
        </p>
      ) : null}
      <form
        className="sv-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="serve-model" label={t('serve.form.model')} help={t('serve.form.modelHelp')} error={fieldError('ref', 'models')}>
          {(p) => (
            <select {...p} value={form.ref} onChange={(e) => updateForm((f) => ({ ...f, ref: e.target.value }))} disabled={isStarting}>
              {choices.map((c) => (
                <option key={c.ref} value={c.ref}>
                  {choiceLabel(c, tr)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="sv-form__row">
          <Field id="serve-host" label={t('serve.form.host')} error={fieldError('host', 'host')}>
            {(p) => <input {...p} type="text" spellCheck={false} autoComplete="off" value={form.host} disabled={isStarting} onChange={(e) => updateForm((f) => ({ ...f, host: e.target.value }))} />}
          </Field>
          <Field id="serve-port" label={t('serve.form.port')} error={fieldError('port', 'port')}>
            {(p) => (
              <input {...p} type="text" inputMode="numeric" spellCheck={false} autoComplete="off" value={form.port} disabled={isStarting} onChange={(e) => updateForm((f) => ({ ...f, port: e.target.value }))} />
            )}
          </Field>
        </div>
        <p className="sv-help">{isKeyNeeded ? t('serve.form.hostOpen') : t('serve.form.hostLocal')}</p>
        {isKeyNeeded ? (
          <p className="notice notice--warn" data-key-required="true">
            <Icon name="lock" className="notice__icon" />
            <span>{t('serve.form.keyWhy', { host: form.host.trim() })}</span>
          </p>
        ) : null}
        <Field
          id="serve-key"
          label={t('serve.form.key')}
          help={isKeyNeeded ? t('serve.form.keyHelpRequired') : t('serve.form.keyHelpOptional')}
          isOptional={!isKeyNeeded}
          error={fieldError('apiKey', 'apiKey')}
        >
          {(p) => (
            <div className="sv-key">
              <input {...p} type="text" spellCheck={false} autoComplete="off" value={form.apiKey} disabled={isStarting} onChange={(e) => updateForm((f) => ({ ...f, apiKey: e.target.value }))} />
              <button type="button" className="btn btn--quiet" disabled={isStarting} onClick={() => updateForm((f) => ({ ...f, apiKey: generateApiKey(randomBytes) }))}>
                {t('serve.form.generateKey')}
              </button>
            </div>
          )}
        </Field>
        <label className="sv-check">
          <input type="checkbox" checked={form.logPredictions} disabled={isStarting} onChange={(e) => updateForm((f) => ({ ...f, logPredictions: e.target.checked }))} />
          <span>
            <span className="sv-check__title">{t('serve.form.log')}</span>
            <span className="sv-check__help">{t('serve.form.logHelp')}</span>
          </span>
        </label>
        <div className="sv-form__actions">
          <button type="submit" className="btn btn--primary" disabled={isStarting || choices.length === 0}>
            {isStarting ? t('serve.start.starting') : t('serve.start.submit')}
          </button>
          {isSubmitted && Object.keys(problems).length > 0 ? <span className="sv-problem">{t('common.fixFields')}</span> : null}
        </div>
        {startError && !['models', 'host', 'port', 'apiKey'].includes(String(serverField)) ? <ErrorText error={asFieldError(startError)} /> : null}
      </form>
      {last ? (
        <p className="dp-muted dp-small sv-last">{t('serve.start.lastSession', { requests: tr.count(last.predictionRequests), rows: tr.count(last.rows), errors: tr.count(last.errors) })}</p>
      ) : server && server.servedBefore.sessions > 0 ? (
        <p className="dp-muted dp-small sv-last">
          {t('serve.start.servedBefore', { sessions: server.servedBefore.sessions, requests: tr.count(server.servedBefore.requests), rows: tr.count(server.servedBefore.rows) })}
        </p>
      ) : null}
    </section>
  );
}
