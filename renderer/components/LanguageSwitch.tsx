// The language switch: both languages always visible, each named in its own language.
import type { Locale } from '../i18n/translate.js';
import { useT } from '../i18n/use-t.js';
import { useUiStore } from '../stores/ui-store.js';

const LOCALES: readonly Locale[] = ['en', 'es'];

/** Switches the UI language (remembered across sessions). */
export function LanguageSwitch() {
  const { t, locale } = useT();
  const setLanguage = useUiStore((s) => s.setLanguage);
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__option"
          aria-pressed={l === locale}
          onClick={() => setLanguage(l)}
        >
          {t(l === 'en' ? 'language.en' : 'language.es')}
        </button>
      ))}
    </div>
  );
}
