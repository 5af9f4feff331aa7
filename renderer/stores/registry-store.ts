// The Deploy step: registered models and their versions, the chosen version's lineage, model card
// and audit log, and the changes (register a run, move a stage, edit the card, export and import
// bundles). The backend owns the registry; this store caches what the screens show and refreshes
// on `project.changed {area: 'registry'}` (routed here by subscriptions.ts).
import { create } from 'zustand';
import type {
  AuditEntry,
  BundleExportResult,
  CardSectionId,
  ModelCard,
  ModelDetail,
  ModelStage,
  ModelSummary,
  ModelVersionDetail,
} from '../../shared/api/methods/registry.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import type { Locale } from '../i18n/translate.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import type { CardDrafts, RegisterForm } from './registry-logic.js';
import { cleanPath, closeDraft, defaultVersion, registerName, sectionToSave } from './registry-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** Load state of one resource. */
export type RegistryLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Something fetched about the chosen model or version. */
export interface Fetched<T> {
  status: RegistryLoadStatus;
  error: ApiError | null;
  /** What it is about (`name` or `name@version`), so a late answer about another one is dropped. */
  key: string | null;
  data: T | null;
}

/** A change being sent (register, stage move, export, import, card save). */
export interface Change<T = null> {
  status: 'idle' | 'saving' | 'done' | 'error';
  error: ApiError | null;
  result: T | null;
}

/** Registry store state. */
export interface RegistryState {
  status: RegistryLoadStatus;
  error: ApiError | null;
  models: ModelSummary[];
  selectedName: string | null;
  selectedVersion: number | null;
  model: Fetched<ModelDetail>;
  version: Fetched<ModelVersionDetail>;
  card: Fetched<ModelCard> & { locale: Locale | null };
  /** Card sections being edited, by id. */
  drafts: CardDrafts;
  audit: Fetched<AuditEntry[]>;
  register: Change<ModelVersionDetail>;
  stage: Change<ModelDetail>;
  cardSave: Change<CardSectionId> & { section: CardSectionId | null };
  exporting: Change<BundleExportResult>;
  importing: Change<ModelVersionDetail>;

  load: () => Promise<void>;
  /** Re-reads what is on screen (after a change made elsewhere: another window, the CLI). */
  refresh: () => Promise<void>;
  selectModel: (name: string) => Promise<void>;
  selectVersion: (version: number) => Promise<void>;
  registerRun: (form: RegisterForm) => Promise<boolean>;
  setStage: (version: number, stage: ModelStage, reason: string) => Promise<boolean>;
  loadAudit: () => Promise<void>;
  loadCard: (locale: Locale) => Promise<void>;
  editSection: (id: CardSectionId, text: string) => void;
  cancelSection: (id: CardSectionId) => void;
  saveSection: (id: CardSectionId) => Promise<boolean>;
  revertSection: (id: CardSectionId) => Promise<boolean>;
  exportBundle: (dir: string, locale: Locale) => Promise<boolean>;
  importBundle: (input: { dir: string; name: string; comment: string }) => Promise<boolean>;
  /** Native folder dialog (desktop only); null when cancelled or not available. */
  chooseFolder: (title: string, defaultPath?: string) => Promise<string | null>;
  resetChange: (which: 'register' | 'stage' | 'exporting' | 'importing') => void;
  reset: () => void;
}

function idle<T>(): Fetched<T> {
  return { status: 'idle', error: null, key: null, data: null };
}

function noChange<T>(): Change<T> {
  return { status: 'idle', error: null, result: null };
}

function initialState() {
  return {
    status: 'idle' as RegistryLoadStatus,
    error: null,
    models: [] as ModelSummary[],
    selectedName: null,
    selectedVersion: null,
    model: idle<ModelDetail>(),
    version: idle<ModelVersionDetail>(),
    card: { ...idle<ModelCard>(), locale: null },
    drafts: {} as CardDrafts,
    audit: idle<AuditEntry[]>(),
    register: noChange<ModelVersionDetail>(),
    stage: noChange<ModelDetail>(),
    cardSave: { ...noChange<CardSectionId>(), section: null },
    exporting: noChange<BundleExportResult>(),
    importing: noChange<ModelVersionDetail>(),
  };
}

const versionKey = (name: string, version: number) => `${name}@${version}`;

/** The registry store. */
export const useRegistryStore = create<RegistryState>()((set, get) => {
  const selectedKey = () => {
    const { selectedName, selectedVersion } = get();
    return selectedName !== null && selectedVersion !== null ? versionKey(selectedName, selectedVersion) : null;
  };

  async function fetchModels(): Promise<ModelSummary[]> {
    const models = await getApi().call('registry.models', {});
    set({ models });
    return models;
  }

  async function fetchModel(name: string, isSilent: boolean): Promise<ModelDetail | null> {
    if (!isSilent) set({ model: { status: 'loading', error: null, key: name, data: null } });
    try {
      const data = await getApi().call('registry.model', { name });
      if (get().selectedName === name) set({ model: { status: 'ready', error: null, key: name, data } });
      return data;
    } catch (error) {
      if (get().selectedName === name) set({ model: { status: 'error', error: toApiError(error), key: name, data: null } });
      return null;
    }
  }

  async function fetchVersion(name: string, version: number, isSilent: boolean): Promise<void> {
    const key = versionKey(name, version);
    if (!isSilent) set({ version: { status: 'loading', error: null, key, data: null } });
    try {
      const data = await getApi().call('registry.version', { name, version });
      if (selectedKey() === key) set({ version: { status: 'ready', error: null, key, data } });
    } catch (error) {
      if (selectedKey() === key) set({ version: { status: 'error', error: toApiError(error), key, data: null } });
    }
  }

  async function fetchAudit(name: string, isSilent: boolean): Promise<void> {
    if (!isSilent) set({ audit: { status: 'loading', error: null, key: name, data: get().audit.key === name ? get().audit.data : null } });
    try {
      const data = await getApi().call('registry.audit', { name, limit: 200 });
      if (get().selectedName === name) set({ audit: { status: 'ready', error: null, key: name, data } });
    } catch (error) {
      if (get().selectedName === name) set({ audit: { status: 'error', error: toApiError(error), key: name, data: null } });
    }
  }

  async function fetchCard(name: string, version: number, locale: Locale, isSilent: boolean): Promise<void> {
    const key = versionKey(name, version);
    if (!isSilent) set({ card: { status: 'loading', error: null, key, data: null, locale } });
    try {
      const data = await getApi().call('registry.card', { name, version, locale });
      if (selectedKey() === key) set({ card: { status: 'ready', error: null, key, data, locale } });
    } catch (error) {
      if (selectedKey() === key) set({ card: { status: 'error', error: toApiError(error), key, data: null, locale } });
    }
  }

  /** Shows a model: its detail, then the version it opens on (kept when still there). */
  async function showModel(name: string, preferVersion: number | null, isSilent: boolean): Promise<void> {
    const detail = await fetchModel(name, isSilent);
    if (!detail || get().selectedName !== name) return;
    const keep = preferVersion !== null && detail.versions.some((v) => v.version === preferVersion) ? preferVersion : defaultVersion(detail);
    if (keep === null) return;
    const isSame = get().selectedVersion === keep && get().version.status === 'ready';
    if (!isSame) set({ selectedVersion: keep, drafts: {}, card: { ...idle<ModelCard>(), locale: null } });
    await Promise.all([fetchVersion(name, keep, isSame || isSilent), fetchAudit(name, isSilent)]);
    const { card } = get();
    if (card.locale) await fetchCard(name, keep, card.locale, true);
  }

  // After a stage move: the chosen version's detail and the audit log changed too.
  async function refreshSelected(name: string): Promise<void> {
    const version = get().selectedVersion;
    await Promise.all([version !== null ? fetchVersion(name, version, true) : Promise.resolve(), fetchAudit(name, true)]);
  }

  async function sendCard(name: string, version: number, locale: Locale, section: { id: CardSectionId; markdown: string | null }, id: CardSectionId): Promise<boolean> {
    const key = versionKey(name, version);
    set({ cardSave: { status: 'saving', error: null, result: null, section: id } });
    try {
      const data = await getApi().call('registry.saveCard', { name, version, locale, sections: [section] });
      if (selectedKey() !== key) return true;
      set((s) => ({ card: { status: 'ready', error: null, key, data, locale }, drafts: closeDraft(s.drafts, id), cardSave: { status: 'done', error: null, result: id, section: id } }));
      void fetchAudit(name, true);
      void fetchModel(name, true);
      return true;
    } catch (error) {
      set({ cardSave: { status: 'error', error: toApiError(error), result: null, section: id } });
      return false;
    }
  }

  return {
    ...initialState(),

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const models = await fetchModels();
        set({ status: 'ready', error: null });
        const current = get().selectedName;
        const name = current !== null && models.some((m) => m.name === current) ? current : (models[0]?.name ?? null);
        if (name === null) {
          set({ selectedName: null, selectedVersion: null, model: idle(), version: idle(), audit: idle(), card: { ...idle<ModelCard>(), locale: null }, drafts: {} });
          return;
        }
        if (name !== current) set({ selectedName: name, selectedVersion: null });
        await showModel(name, get().selectedVersion, name === current);
      } catch (error) {
        set({ status: 'error', error: toApiError(error) });
      }
    },

    async refresh() {
      if (get().status === 'idle') return;
      await get().load();
    },

    async selectModel(name) {
      if (get().selectedName === name && get().model.status === 'ready') return;
      set({ selectedName: name, selectedVersion: null, version: idle(), audit: idle(), card: { ...idle<ModelCard>(), locale: null }, drafts: {}, exporting: noChange() });
      await showModel(name, null, false);
    },

    async selectVersion(version) {
      const name = get().selectedName;
      if (name === null || get().selectedVersion === version) return;
      const locale = get().card.locale;
      set({ selectedVersion: version, drafts: {}, card: { ...idle<ModelCard>(), locale: null }, exporting: noChange() });
      await fetchVersion(name, version, false);
      if (locale) await fetchCard(name, version, locale, false);
    },

    async registerRun(form) {
      if (!form.runId) return false;
      set({ register: { status: 'saving', error: null, result: null } });
      try {
        const name = registerName(form);
        const result = await getApi().call('registry.register', { runId: form.runId, name, stage: form.stage, comment: form.comment.trim() });
        set({ register: { status: 'done', error: null, result }, selectedName: result.name, selectedVersion: result.version });
        await fetchModels();
        await showModel(result.name, result.version, false);
        void useLifecycleStore.getState().load();
        return true;
      } catch (error) {
        const apiError = toApiError(error);
        set({ register: { status: 'error', error: apiError, result: null } });
        return false;
      }
    },

    async setStage(version, stage, reason) {
      const name = get().selectedName;
      if (name === null) return false;
      set({ stage: { status: 'saving', error: null, result: null } });
      try {
        const result = await getApi().call('registry.setStage', { name, version, stage, comment: reason.trim() });
        set((s) => ({ stage: { status: 'done', error: null, result }, model: s.selectedName === name ? { status: 'ready', error: null, key: name, data: result } : s.model }));
        await Promise.all([fetchModels(), refreshSelected(name)]);
        void useLifecycleStore.getState().load();
        return true;
      } catch (error) {
        set({ stage: { status: 'error', error: toApiError(error), result: null } });
        return false;
      }
    },

    async loadAudit() {
      const name = get().selectedName;
      if (name !== null) await fetchAudit(name, false);
    },

    async loadCard(locale) {
      const name = get().selectedName;
      const version = get().selectedVersion;
      if (name === null || version === null) return;
      const { card } = get();
      if (card.key === versionKey(name, version) && card.locale === locale && card.status === 'ready') return;
      await fetchCard(name, version, locale, card.key === versionKey(name, version) && card.data !== null);
    },

    editSection(id, text) {
      set((s) => ({ drafts: { ...s.drafts, [id]: text }, cardSave: { ...noChange<CardSectionId>(), section: null } }));
    },

    cancelSection(id) {
      set((s) => ({ drafts: closeDraft(s.drafts, id) }));
    },

    async saveSection(id) {
      const { selectedName: name, selectedVersion: version, card, drafts } = get();
      const draft = drafts[id];
      if (name === null || version === null || !card.data || draft === undefined) return false;
      return sendCard(name, version, card.data.locale, sectionToSave(card.data, id, draft), id);
    },

    async revertSection(id) {
      const { selectedName: name, selectedVersion: version, card } = get();
      if (name === null || version === null || !card.data) return false;
      return sendCard(name, version, card.data.locale, { id, markdown: null }, id);
    },

    async exportBundle(dir, locale) {
      const { selectedName: name, selectedVersion: version } = get();
      if (name === null || version === null) return false;
      set({ exporting: { status: 'saving', error: null, result: null } });
      try {
        const result = await getApi().call('registry.export', { ref: `${name}@${version}`, dir: cleanPath(dir), locale });
        set({ exporting: { status: 'done', error: null, result } });
        void fetchAudit(name, true);
        return true;
      } catch (error) {
        set({ exporting: { status: 'error', error: toApiError(error), result: null } });
        return false;
      }
    },

    async importBundle({ dir, name, comment }) {
      set({ importing: { status: 'saving', error: null, result: null } });
      try {
        const result = await getApi().call('registry.import', { dir: cleanPath(dir), name: name.trim(), comment: comment.trim() });
        set({ importing: { status: 'done', error: null, result }, selectedName: result.name, selectedVersion: result.version });
        await fetchModels();
        await showModel(result.name, result.version, false);
        void useLifecycleStore.getState().load();
        return true;
      } catch (error) {
        set({ importing: { status: 'error', error: toApiError(error), result: null } });
        return false;
      }
    },

    async chooseFolder(title, defaultPath) {
      try {
        const picked = await getApi().call('dialog.chooseFolder', defaultPath ? { title, defaultPath } : { title });
        return picked?.path ?? null;
      } catch (error) {
        reportUnexpected(error);
        return null;
      }
    },

    resetChange(which) {
      set({ [which]: noChange() } as Partial<RegistryState>);
    },

    reset() {
      set(initialState());
    },
  };
});
