// The Features step: the suggestion for the active dataset's working version (per-column steps
// with their reasons, relevance, leakage warnings), the user's draft of the design, a preview of
// the transformed training rows, and saving the design as a feature set tied to that version.
// The dataset itself belongs to the data store; this store reads which one is active from it.
import { create } from 'zustand';
import type { FeaturePreview, FeatureSet, FeatureSuggestion } from '../../shared/api/methods/training.js';
import type { PipelineSpec } from '../../shared/domain/pipeline-spec.js';
import type { ApiError } from '../../shared/errors.js';
import { getApi } from '../api/client.js';
import { reportUnexpected, toApiError } from '../lib/present-error.js';
import { useDataStore } from './data-store.js';
import type { ColumnChoices, RelevanceMeasure } from './features-logic.js';
import { carryOver, hasCustomSteps, isSameDesign, setChoices, setRole } from './features-logic.js';
import { useLifecycleStore } from './lifecycle-store.js';

/** Load state of one resource. */
export type FeaturesLoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The dataset the ML steps work on: the data store's active dataset and its working version. */
export interface ActiveDataset {
  datasetId: string;
  versionId: string;
  name: string;
  versionNumber: number;
  hasPartition: boolean;
  target: string | null;
  /** A quality report is stored for the version (its leakage findings feed the Features step). */
  hasReport: boolean;
}

/** The active dataset, loading the data store first when it has not loaded yet; null when the project has none. */
export async function activeDataset(): Promise<ActiveDataset | null> {
  const data = useDataStore.getState();
  if (data.status === 'idle' || (data.activeId !== null && data.detail === null)) await data.load();
  const { detail } = useDataStore.getState();
  if (!detail) return null;
  return {
    datasetId: detail.id,
    versionId: detail.current.id,
    name: detail.name,
    versionNumber: detail.current.number,
    hasPartition: detail.current.partition !== null,
    target: detail.current.target,
    hasReport: detail.current.hasReport,
  };
}

/** Rows per preview page. */
export const PREVIEW_PAGE_SIZE = 20;

/** The preview of the transformed table. */
export interface PreviewView {
  status: FeaturesLoadStatus;
  error: ApiError | null;
  page: FeaturePreview | null;
  offset: number;
  /** The draft the page was computed from changed since: the page is out of date. */
  isStale: boolean;
}

/** Features store state. */
export interface FeaturesState {
  status: FeaturesLoadStatus;
  error: ApiError | null;
  dataset: ActiveDataset | null;
  suggestion: FeatureSuggestion | null;
  /** The newest saved feature set of the dataset (maybe designed on another version). */
  saved: FeatureSet | null;
  draft: PipelineSpec | null;
  adaptToModel: boolean;
  /** Saved columns that the working version no longer has (after carrying a design over). */
  missingColumns: string[];
  preview: PreviewView;
  measure: RelevanceMeasure;
  isSaving: boolean;
  saveError: ApiError | null;

  load: () => Promise<void>;
  setRole: (column: string, role: 'feature' | 'ignore') => void;
  setChoices: (column: string, choices: ColumnChoices) => void;
  setAdaptToModel: (isOn: boolean) => void;
  resetToSuggestion: () => void;
  setMeasure: (measure: RelevanceMeasure) => void;
  loadPreview: (offset?: number) => Promise<void>;
  save: () => Promise<FeatureSet | null>;
  reset: () => void;
}

function emptyPreview(): PreviewView {
  return { status: 'idle', error: null, page: null, offset: 0, isStale: false };
}

const initial = {
  status: 'idle' as FeaturesLoadStatus,
  error: null,
  dataset: null,
  suggestion: null,
  saved: null,
  draft: null,
  adaptToModel: true,
  missingColumns: [] as string[],
  preview: emptyPreview(),
  measure: 'mutualInfo' as RelevanceMeasure,
  isSaving: false,
  saveError: null,
};

/** True when the draft differs from what is saved for the working version (or nothing is saved for it). */
export function isFeaturesDirty(state: Pick<FeaturesState, 'draft' | 'saved' | 'adaptToModel' | 'dataset'>): boolean {
  if (!state.draft) return false;
  if (!state.saved || !state.dataset || state.saved.versionId !== state.dataset.versionId) return true;
  return !isSameDesign(state.draft, state.saved.spec) || state.adaptToModel !== state.saved.adaptToModel;
}

// Preview requests overlap when the user edits quickly: only the newest answer is shown.
let previewSerial = 0;
// A load for another dataset or version makes older answers stale.
let loadSerial = 0;

/** The features store. */
export const useFeaturesStore = create<FeaturesState>()((set, get) => {
  /** Marks the preview out of date after an edit. */
  function edited(draft: PipelineSpec): void {
    set((s) => ({ draft, saveError: null, preview: s.preview.page ? { ...s.preview, isStale: true } : s.preview }));
  }

  return {
    ...initial,

    async load() {
      const serial = ++loadSerial;
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const dataset = await activeDataset();
        if (serial !== loadSerial) return;
        if (!dataset) {
          set({ ...initial, status: 'ready' });
          return;
        }
        const previous = get();
        const isSameVersion = previous.dataset?.versionId === dataset.versionId && previous.suggestion !== null;
        // ...unless a quality report was made since: its leakage findings belong in the suggestion.
        const isSuggestionCurrent = isSameVersion && !(previous.suggestion?.hasQualityReport === false && dataset.hasReport);
        const api = getApi();
        // The suggestion of a version never changes (versions are immutable) and costs a pass over
        // the data in a worker: it is computed once per version; the saved design is read every time.
        const [suggestion, saved] = await Promise.all([
          isSuggestionCurrent && previous.suggestion ? previous.suggestion : api.call('features.suggest', { datasetId: dataset.datasetId, versionId: dataset.versionId }),
          api.call('features.get', { datasetId: dataset.datasetId }),
        ]);
        if (serial !== loadSerial) return;
        // A silent refresh of the same version keeps what the user is editing.
        if (isSameVersion && isFeaturesDirty(previous)) {
          set({ status: 'ready', error: null, dataset, suggestion, saved });
          return;
        }
        let draft = suggestion.spec;
        let adaptToModel = true;
        let missingColumns: string[] = [];
        if (saved && suggestion.spec) {
          if (saved.versionId === dataset.versionId) draft = saved.spec;
          else {
            const carried = carryOver(saved.spec, suggestion.spec);
            draft = carried.spec;
            missingColumns = carried.missing;
          }
          adaptToModel = saved.adaptToModel;
        }
        set({ status: 'ready', error: null, dataset, suggestion, saved, draft, adaptToModel, missingColumns, preview: emptyPreview(), saveError: null });
      } catch (error) {
        if (serial !== loadSerial) return;
        set({ status: 'error', error: toApiError(error) });
      }
    },

    setRole(column, role) {
      const { draft, suggestion } = get();
      if (draft) edited(setRole(draft, column, role, suggestion?.spec));
    },

    setChoices(column, choices) {
      const { draft, suggestion } = get();
      if (!draft) return;
      const next = setChoices(draft, column, choices);
      edited(next);
      // Steps the user chose by hand only count when every model uses them as they are.
      if (hasCustomSteps(next, suggestion?.spec ?? null)) set({ adaptToModel: false });
    },

    setAdaptToModel(isOn) {
      set({ adaptToModel: isOn, saveError: null });
    },

    resetToSuggestion() {
      const { suggestion } = get();
      if (!suggestion?.spec) return;
      edited(suggestion.spec);
      set({ adaptToModel: true, missingColumns: [] });
    },

    setMeasure(measure) {
      set({ measure });
    },

    async loadPreview(offset) {
      const { dataset, draft, preview } = get();
      if (!dataset || !draft) return;
      const at = offset ?? preview.offset;
      const serial = ++previewSerial;
      set({ preview: { ...preview, status: 'loading', error: null, offset: at } });
      try {
        const page = await getApi().call('features.preview', { datasetId: dataset.datasetId, versionId: dataset.versionId, spec: draft, offset: at, limit: PREVIEW_PAGE_SIZE });
        if (serial !== previewSerial) return;
        // The draft may have changed while the page was computed.
        const isStale = get().draft !== draft;
        set({ preview: { status: 'ready', error: null, page, offset: at, isStale } });
      } catch (error) {
        if (serial !== previewSerial) return;
        set((s) => ({ preview: { ...s.preview, status: 'error', error: toApiError(error) } }));
      }
    },

    async save() {
      const { dataset, draft, adaptToModel } = get();
      if (!dataset || !draft) return null;
      set({ isSaving: true, saveError: null });
      try {
        const saved = await getApi().call('features.save', { datasetId: dataset.datasetId, versionId: dataset.versionId, spec: draft, adaptToModel });
        set({ saved, draft: saved.spec, adaptToModel: saved.adaptToModel, isSaving: false, missingColumns: [] });
        void useLifecycleStore.getState().load();
        return saved;
      } catch (error) {
        const apiError = toApiError(error);
        set({ isSaving: false, saveError: apiError });
        if (apiError.code === 'INTERNAL') reportUnexpected(error);
        return null;
      }
    },

    reset() {
      loadSerial += 1;
      previewSerial += 1;
      set({ ...initial, preview: emptyPreview() });
    },
  };
});
