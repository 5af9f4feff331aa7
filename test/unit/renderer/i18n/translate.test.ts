import { describe, expect, it } from 'vitest';
import { formatNumber, interpolate, localeFromTag, resolveLocale, translate, translateDynamic, translateError } from '../../../../renderer/i18n/translate.js';

describe('translate', () => {
  it('interpolates placeholders and formats numbers for the language', () => {
    expect(translate('en', 'objective.error.belowMin', { min: 0.5 })).toBe('The value must be at least 0.5.');
    expect(translate('es', 'objective.error.belowMin', { min: 0.5 })).toBe('El valor debe ser al menos 0,5.');
  });

  it('leaves an unknown placeholder visible', () => {
    expect(interpolate('a {x} b', {})).toBe('a {x} b');
  });

  it('falls back for keys the UI does not know', () => {
    expect(translateDynamic('es', 'checklist.reason.dataRecent.caution')).toMatch(/desactualizados/);
    expect(translateDynamic('en', 'no.such.key', undefined, 'English text')).toBe('English text');
  });

  it('translates backend errors with an unknown specific key to the generic message of the code outside English', () => {
    const error = { key: 'errors.NOT_A_PROJECT.somethingNew', fallback: 'x is not a project (bad header)', code: 'NOT_A_PROJECT' };
    expect(translateError('en', error)).toBe('x is not a project (bad header)');
    expect(translateError('es', error)).toBe('Este archivo no es un proyecto de Ciclo. No se modificó.');
  });

  it('formats numbers without grouping and without losing digits', () => {
    expect(formatNumber(1234.5678, 'en')).toBe('1234.5678');
    expect(formatNumber(0.85, 'es')).toBe('0,85');
  });
});

describe('locale choice', () => {
  it('maps every Spanish tag to es and the rest to en', () => {
    expect(localeFromTag('es')).toBe('es');
    expect(localeFromTag('es-CL')).toBe('es');
    expect(localeFromTag('ES_mx')).toBe('es');
    expect(localeFromTag('en-GB')).toBe('en');
    expect(localeFromTag('eu')).toBe('en');
    expect(localeFromTag(undefined)).toBe('en');
  });

  it('prefers the user choice, then the system locale, then the browser', () => {
    expect(resolveLocale('en', 'es', 'es-AR')).toBe('en');
    expect(resolveLocale(null, 'es', 'en-US')).toBe('es');
    expect(resolveLocale(null, null, 'es-AR')).toBe('es');
    expect(resolveLocale(null, null, null)).toBe('en');
  });
});
