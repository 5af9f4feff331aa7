// The app shell: top bar (brand, open project, language), then the project home or the wizard.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Field } from '../components/Field.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Toasts } from '../components/Toasts.js';
import { useT } from '../i18n/use-t.js';
import { useProjectStore } from '../stores/project-store.js';
import { ProjectHome } from './ProjectHome.js';
import { Wizard } from './Wizard.js';

/** The whole app. */
export function App() {
  const { t, locale } = useT();
  const startup = useProjectStore((s) => s.startup);
  const current = useProjectStore((s) => s.current);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = current ? `${current.name} — ${t('app.name')}` : t('app.name');
  }, [locale, current, t]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
          {current ? null : <span className="brand__tagline">{t('app.tagline')}</span>}
        </div>
        {current ? <ProjectBar /> : null}
        <LanguageSwitch />
      </header>
      {startup === 'ready' ? current ? <Wizard /> : <ProjectHome /> : <Startup />}
      <Toasts />
    </div>
  );
}

/** Shown while starting, or when the backend cannot be reached. */
function Startup() {
  const { t, tError } = useT();
  const startup = useProjectStore((s) => s.startup);
  const error = useProjectStore((s) => s.startupError);
  if (startup !== 'error' || !error) {
    return (
      <main className="startup" id="main">
        <p className="muted">{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <main className="startup" id="main">
      <div className="card startup__card" role="alert">
        <h1 className="card__title">{t('app.startFailed.title')}</h1>
        <p>{tError({ key: error.messageKey, params: error.params, fallback: error.message, code: error.code })}</p>
        {error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' ? <p className="muted">{t('app.startFailed.tokenHint')}</p> : null}
        <button type="button" className="btn btn--primary" onClick={() => void useProjectStore.getState().init()}>
          {t('app.retry')}
        </button>
      </div>
    </main>
  );
}

/** The open project's name, with rename and close. */
function ProjectBar() {
  const { t } = useT();
  const current = useProjectStore((s) => s.current);
  const busy = useProjectStore((s) => s.busy);
  const closeProject = useProjectStore((s) => s.closeProject);
  const [isRenaming, setRenaming] = useState(false);
  if (!current) return null;
  return (
    <div className="projectbar">
      <span className="projectbar__label">{t('wizard.projectLabel')}</span>
      <span className="projectbar__name" title={current.path}>
        {current.name}
      </span>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => setRenaming(true)} disabled={current.isReadOnly || busy !== null}>
        {t('common.rename')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => void closeProject()} disabled={busy !== null}>
        {t('wizard.closeProject')}
      </button>
      {isRenaming ? <RenameDialog initial={current.name} onDone={() => setRenaming(false)} /> : null}
    </div>
  );
}

function RenameDialog({ initial, onDone }: { initial: string; onDone: () => void }) {
  const { t } = useT();
  const [name, setName] = useState(initial);
  const errors = useProjectStore((s) => s.renameErrors);
  const busy = useProjectStore((s) => s.busy);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  function cancel() {
    useProjectStore.getState().clearErrors('rename');
    onDone();
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await useProjectStore.getState().renameProject(name)) onDone();
  }
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="rename-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <h2 className="dialog__title" id="rename-title">
          {t('wizard.renameTitle')}
        </h2>
        <Field id="rename-name" label={t('wizard.renameLabel')} error={errors.name}>
          {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="btn btn--quiet" onClick={cancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy !== null}>
            {t('common.rename')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
