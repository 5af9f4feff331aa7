// UI state: the chosen language, preferences, and transient notifications (toasts).
// The only persisted store: language and preferences survive reloads (localStorage); project
// data never lives here, the backend owns it.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { StateStorage } from 'zustand/middleware';
import type { Locale } from '../i18n/translate.js';
import { resolveLocale } from '../i18n/translate.js';
import type { Toast, ToastInput } from './ui-logic.js';
import { addToast, removeToast } from './ui-logic.js';

/** Preferences that persist. */
export interface Preferences {
  /** Show the "why this step matters" box above each step. */
  showGuidance: boolean;
}

/** UI state. */
export interface UiState {
  /** The user's explicit choice; null = follow the system. */
  language: Locale | null;
  /** The system's language as reported by the backend (app.info); null until known. */
  systemLocale: Locale | null;
  preferences: Preferences;
  toasts: Toast[];
  setLanguage: (language: Locale) => void;
  setSystemLocale: (locale: Locale) => void;
  setPreference: <K extends keyof Preferences>(key: K, value: Preferences[K]) => void;
  pushToast: (toast: ToastInput) => void;
  dismissToast: (id: number) => void;
}

// A Map stands in where localStorage is missing (unit tests in Node, storage disabled by privacy settings).
function safeStorage(): StateStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Accessing localStorage throws when the browser blocks it; fall through to memory.
  }
  const memory = new Map<string, string>();
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
}

let nextToastId = 1;

/** The UI store. */
export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      language: null,
      systemLocale: null,
      preferences: { showGuidance: true },
      toasts: [],
      setLanguage: (language) => set({ language }),
      setSystemLocale: (systemLocale) => set({ systemLocale }),
      setPreference: (key, value) => set((s) => ({ preferences: { ...s.preferences, [key]: value } })),
      pushToast: (toast) => set((s) => ({ toasts: addToast(s.toasts, { ...toast, id: nextToastId++ }) })),
      dismissToast: (id) => set((s) => ({ toasts: removeToast(s.toasts, id) })),
    }),
    {
      name: 'ciclo.ui',
      version: 1,
      storage: createJSONStorage(safeStorage),
      partialize: (s) => ({ language: s.language, preferences: s.preferences }),
    },
  ),
);

/** The language to show now. */
export function selectLocale(s: Pick<UiState, 'language' | 'systemLocale'>): Locale {
  return resolveLocale(s.language, s.systemLocale, typeof navigator === 'undefined' ? null : navigator.language);
}
