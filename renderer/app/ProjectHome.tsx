// The project home: create a project, open one by path, and the recent list (missing files
// marked; open, forget or delete with confirmation). In the browser the user types paths,
// and the page says so plainly.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorText } from '../components/ErrorText.js';
import { Field } from '../components/Field.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/use-t.js';
import type { RecentProject } from '../stores/project-store.js';
import { useProjectStore } from '../stores/project-store.js';

/** The screen shown when no project is open. */
export function ProjectHome() {
  const { t } = useT();
  const appInfo = useProjectStore((s) => s.appInfo);
  return (
    <main className="home" id="main">
      <div className="home__intro">
        <h1 className="home__title">{t('home.title')}</h1>
        <p className="home__lead">{t('home.intro')}</p>
        {appInfo && !appInfo.hasNativeDialogs ? (
          <p className="notice notice--info">
            <Icon name="info" className="notice__icon" />
            <span>{t('home.browserPaths')}</span>
          </p>
        ) : null}
      </div>
      <div className="home__grid">
        <div className="home__forms">
          <CreateForm defaultDir={appInfo?.defaultProjectDir ?? ''} hasDialogs={appInfo?.hasNativeDialogs ?? false} />
          <OpenForm hasDialogs={appInfo?.hasNativeDialogs ?? false} />
        </div>
        <RecentList />
      </div>
    </main>
  );
}

function CreateForm({ defaultDir, hasDialogs }: { defaultDir: string; hasDialogs: boolean }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [dir, setDir] = useState(defaultDir);
  const errors = useProjectStore((s) => s.createErrors);
  const busy = useProjectStore((s) => s.busy);
  const createProject = useProjectStore((s) => s.createProject);
  const clearFieldError = useProjectStore((s) => s.clearFieldError);
  async function choose() {
    const target = await useProjectStore.getState().pickSaveTarget(name);
    if (!target) return;
    setName(target.name);
    setDir(target.dir);
    clearFieldError('create', 'name');
    clearFieldError('create', 'dir');
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const isCreated = await createProject({ name, dir });
    if (!isCreated) {
      const e = useProjectStore.getState().createErrors;
      document.getElementById(e.name ? 'create-name' : 'create-dir')?.focus();
    }
  }
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="create-title">
      <h2 className="card__title" id="create-title">
        {t('home.create.title')}
      </h2>
      <Field id="create-name" label={t('home.create.name')} help={t('home.create.nameHelp')} error={errors.name}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              clearFieldError('create', 'name');
            }}
            autoComplete="off"
          />
        )}
      </Field>
      <Field id="create-dir" label={t('home.create.dir')} help={t('home.create.dirHelp')} error={errors.dir}>
        {(p) => (
          <input
            {...p}
            type="text"
            className="mono"
            value={dir}
            onChange={(e) => {
              setDir(e.target.value);
              clearFieldError('create', 'dir');
            }}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy !== null}>
          {busy === 'create' ? t('home.create.creating') : t('home.create.submit')}
        </button>
        {hasDialogs ? (
          <button type="button" className="btn btn--quiet" disabled={busy !== null} onClick={() => void choose()}>
            <Icon name="folder" /> {t('home.create.choose')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function OpenForm({ hasDialogs }: { hasDialogs: boolean }) {
  const { t } = useT();
  const [path, setPath] = useState('');
  const errors = useProjectStore((s) => s.openErrors);
  const busy = useProjectStore((s) => s.busy);
  const openProject = useProjectStore((s) => s.openProject);
  const clearFieldError = useProjectStore((s) => s.clearFieldError);
  async function browse() {
    const picked = await useProjectStore.getState().pickProjectFile();
    if (!picked) return;
    setPath(picked);
    clearFieldError('open', 'path');
    await openProject(picked);
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const isOpen = await openProject(path);
    if (!isOpen) document.getElementById('open-path')?.focus();
  }
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="open-title">
      <h2 className="card__title" id="open-title">
        {t('home.open.title')}
      </h2>
      <Field id="open-path" label={t('home.open.path')} help={t('home.open.pathHelp')} error={errors.path}>
        {(p) => (
          <input
            {...p}
            type="text"
            className="mono"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              clearFieldError('open', 'path');
            }}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn--secondary" disabled={busy !== null}>
          {t('home.open.submit')}
        </button>
        {hasDialogs ? (
          <button type="button" className="btn btn--quiet" disabled={busy !== null} onClick={() => void browse()}>
            <Icon name="folder" /> {t('home.open.browse')}
          </button>
        ) : null}
        {errors.path?.code === 'PROJECT_LOCKED' ? (
          <button type="button" className="btn btn--quiet" onClick={() => void openProject(path, { readOnly: true })}>
            {t('home.open.readOnly')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function RecentList() {
  const { t } = useT();
  const recent = useProjectStore((s) => s.recent);
  const [toDelete, setToDelete] = useState<RecentProject | null>(null);
  const busy = useProjectStore((s) => s.busy);
  const deleteProject = useProjectStore((s) => s.deleteProject);
  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 className="card__title" id="recent-title">
        {t('home.recent.title')}
      </h2>
      {recent.length === 0 ? (
        <p className="muted">{t('home.recent.empty')}</p>
      ) : (
        <ul className="recent__list">
          {recent.map((entry) => (
            <RecentItem key={entry.path} entry={entry} onDelete={() => setToDelete(entry)} />
          ))}
        </ul>
      )}
      {toDelete ? (
        <ConfirmDialog
          title={t('home.delete.title')}
          confirmLabel={t('home.delete.confirm')}
          isDanger
          isBusy={busy === 'delete'}
          onCancel={() => setToDelete(null)}
          onConfirm={() => void deleteProject(toDelete.path).then(() => setToDelete(null))}
        >
          <p>{t('home.delete.body', { path: toDelete.path })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function RecentItem({ entry, onDelete }: { entry: RecentProject; onDelete: () => void }) {
  const { t, dateTime } = useT();
  const busy = useProjectStore((s) => s.busy);
  const openProject = useProjectStore((s) => s.openProject);
  const forgetRecent = useProjectStore((s) => s.forgetRecent);
  const recentError = useProjectStore((s) => (s.recentError?.path === entry.path ? s.recentError.error : null));
  return (
    <li className={entry.exists ? 'recent__item' : 'recent__item recent__item--missing'}>
      <div className="recent__main">
        <span className="recent__name">{entry.name}</span>
        <span className="recent__path mono" title={entry.path}>
          {entry.path}
        </span>
        {entry.exists ? (
          <span className="recent__meta">{t('home.recent.openedAt', { date: dateTime(entry.openedAt) })}</span>
        ) : (
          <span className="recent__meta recent__meta--missing">
            <Icon name="alert" />
            <span>
              <strong>{t('home.recent.missing')}.</strong> {t('home.recent.missingHelp')}
            </span>
          </span>
        )}
        {recentError ? <ErrorText error={recentError} /> : null}
      </div>
      <div className="recent__actions">
        {entry.exists ? (
          <>
            <button type="button" className="btn btn--small btn--secondary" onClick={() => void openProject(entry.path, { fromRecent: true })} disabled={busy !== null} aria-label={`${t('common.open')}: ${entry.name}`}>
              {t('common.open')}
            </button>
            <button type="button" className="btn btn--small btn--quiet-danger" onClick={onDelete} disabled={busy !== null} aria-label={`${t('home.recent.delete')} ${entry.name}`}>
              {t('home.recent.delete')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn--small btn--quiet" onClick={() => void forgetRecent(entry.path)} aria-label={`${t('home.recent.forget')}: ${entry.name}`}>
            {t('home.recent.forget')}
          </button>
        )}
      </div>
    </li>
  );
}
