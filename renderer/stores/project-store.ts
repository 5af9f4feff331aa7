// The app and the open project: start-up facts (app.info), the current project, the recent list,
// and the create / open / rename / delete actions of the project home.
import { create } from 'zustand';
import type { z } from 'zod';
import type { AppInfoSchema, ProjectInfo, RecentProjectSchema } from '../../shared/api/methods/foundation.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import type { FieldError, FieldErrors } from '../lib/field-errors.js';
import { hasFieldErrors } from '../lib/field-errors.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { CreateField, OpenField } from './project-logic.js';
import { placeCreateError, placeOpenError, validateCreate, validateOpen, validateProjectName } from './project-logic.js';
import { clearProjectStores, flushProjectStores, loadProjectStores } from './project-session.js';
import { useUiStore } from './ui-store.js';

/** Facts about the running app. */
export type AppInfo = z.infer<typeof AppInfoSchema>;
/** An entry of the recent list. */
export type RecentProject = z.infer<typeof RecentProjectSchema>;

type Busy = null | 'create' | 'open' | 'rename' | 'delete' | 'close';

/** Project store state. */
export interface ProjectState {
  startup: 'idle' | 'loading' | 'ready' | 'error';
  startupError: ApiError | null;
  appInfo: AppInfo | null;
  current: ProjectInfo | null;
  recent: RecentProject[];
  busy: Busy;
  createErrors: FieldErrors<CreateField>;
  openErrors: FieldErrors<OpenField>;
  renameErrors: FieldErrors<'name'>;
  /** An error from opening an entry of the recent list, shown on that entry. */
  recentError: { path: string; error: FieldError } | null;
  init: () => Promise<void>;
  refreshRecent: () => Promise<void>;
  createProject: (input: { name: string; dir: string }) => Promise<boolean>;
  openProject: (path: string, options?: { readOnly?: boolean; fromRecent?: boolean }) => Promise<boolean>;
  closeProject: () => Promise<void>;
  renameProject: (name: string) => Promise<boolean>;
  deleteProject: (path: string) => Promise<boolean>;
  forgetRecent: (path: string) => Promise<void>;
  /** Native "save as" dialog (desktop only): where to create a project; null when cancelled. */
  pickSaveTarget: (defaultName: string) => Promise<{ name: string; dir: string } | null>;
  /** Native "open" dialog (desktop only): a project file's path; null when cancelled. */
  pickProjectFile: () => Promise<string | null>;
  clearErrors: (form: 'create' | 'open' | 'rename') => void;
  /** Drops one field's message (the user is editing it). */
  clearFieldError: (form: 'create' | 'open', field: CreateField | OpenField) => void;
  /** Sets the open project (also from the `project.changed` event). */
  setCurrent: (project: ProjectInfo | null) => void;
}

/** The project store. */
export const useProjectStore = create<ProjectState>()((set, get) => ({
  startup: 'idle',
  startupError: null,
  appInfo: null,
  current: null,
  recent: [],
  busy: null,
  createErrors: {},
  openErrors: {},
  renameErrors: {},
  recentError: null,

  async init() {
    set({ startup: 'loading', startupError: null });
    try {
      const api = getApi();
      const [appInfo, current, recent] = await Promise.all([
        api.call('app.info', {}),
        api.call('project.current', {}),
        api.call('project.recent', {}),
      ]);
      useUiStore.getState().setSystemLocale(appInfo.systemLocale);
      set({ appInfo, current, recent, startup: 'ready' });
      if (current) await loadProjectStores();
    } catch (error) {
      set({ startup: 'error', startupError: toApiError(error) });
    }
  },

  async refreshRecent() {
    try {
      set({ recent: await getApi().call('project.recent', {}) });
    } catch (error) {
      reportUnexpected(error);
    }
  },

  async createProject(input) {
    const errors = validateCreate(input);
    set({ createErrors: errors });
    if (hasFieldErrors(errors)) return false;
    set({ busy: 'create' });
    try {
      const project = await getApi().call('project.create', { name: input.name.trim(), dir: input.dir.trim() });
      set({ current: project, busy: null, createErrors: {}, openErrors: {}, recentError: null });
      await loadProjectStores();
      void get().refreshRecent();
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      const placed = placeCreateError(apiError);
      set({ busy: null, createErrors: placed });
      if (!hasFieldErrors(placed)) reportUnexpected(error);
      return false;
    }
  },

  async openProject(path, options = {}) {
    if (!options.fromRecent) {
      const errors = validateOpen({ path });
      set({ openErrors: errors });
      if (hasFieldErrors(errors)) return false;
    }
    set({ busy: 'open', recentError: null });
    try {
      const args = options.readOnly ? { path: path.trim(), readOnly: true } : { path: path.trim() };
      const project = await getApi().call('project.open', args);
      set({ current: project, busy: null, createErrors: {}, openErrors: {}, recentError: null });
      await loadProjectStores();
      void get().refreshRecent();
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      const placed = placeOpenError(apiError);
      if (options.fromRecent && placed.path) set({ busy: null, recentError: { path, error: placed.path } });
      else set({ busy: null, openErrors: placed });
      if (!placed.path) reportUnexpected(error);
      return false;
    }
  },

  async closeProject() {
    set({ busy: 'close' });
    try {
      await flushProjectStores();
      await getApi().call('project.close', {});
    } catch (error) {
      reportUnexpected(error);
    }
    clearProjectStores();
    set({ current: null, busy: null });
    await get().refreshRecent();
  },

  async renameProject(name) {
    const errors = validateProjectName(name);
    set({ renameErrors: errors });
    if (hasFieldErrors(errors)) return false;
    set({ busy: 'rename' });
    try {
      await flushProjectStores();
      const project = await getApi().call('project.rename', { name: name.trim() });
      set({ current: project, busy: null });
      void get().refreshRecent();
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      const placed = placeCreateError(apiError);
      const renameErrors: FieldErrors<'name'> = placed.name ? { name: placed.name } : {};
      set({ busy: null, renameErrors });
      if (!renameErrors.name) reportUnexpected(error);
      return false;
    }
  },

  async deleteProject(path) {
    set({ busy: 'delete' });
    try {
      await getApi().call('project.delete', { path });
      if (get().current?.path === path) {
        clearProjectStores();
        set({ current: null });
      }
      set({ busy: null });
      await get().refreshRecent();
      return true;
    } catch (error) {
      set({ busy: null });
      reportUnexpected(error);
      return false;
    }
  },

  async forgetRecent(path) {
    try {
      set({ recent: await getApi().call('project.forgetRecent', { path }), recentError: null });
    } catch (error) {
      reportUnexpected(error);
    }
  },

  async pickSaveTarget(defaultName) {
    try {
      const target = await getApi().call('dialog.saveProject', defaultName.trim() ? { defaultName: defaultName.trim() } : {});
      return target ? { name: target.name, dir: target.dir } : null;
    } catch (error) {
      reportUnexpected(error);
      return null;
    }
  },

  async pickProjectFile() {
    try {
      return (await getApi().call('dialog.openProject', {}))?.path ?? null;
    } catch (error) {
      reportUnexpected(error);
      return null;
    }
  },

  clearErrors(form) {
    if (form === 'create') set({ createErrors: {} });
    else if (form === 'open') set({ openErrors: {}, recentError: null });
    else set({ renameErrors: {} });
  },

  clearFieldError(form, field) {
    if (form === 'create') {
      const { [field as CreateField]: _dropped, ...rest } = get().createErrors;
      set({ createErrors: rest });
    } else {
      set({ openErrors: {} });
    }
  },

  setCurrent(project) {
    set({ current: project });
  },
}));
