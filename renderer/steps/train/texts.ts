// Names the Features, Train and Evaluate steps show for the engine's vocabulary: models and their
// one-line descriptions, hyper-parameters and their options, run states, metrics (including ones
// outside the objective's catalogue, such as `f1_weighted`), transformation steps and rationale.
// Keys built at run time are looked up with `tDynamic`, so a key that is missing shows a readable
// fallback (the raw name) rather than a blank.
import type { JobState } from '../../../shared/domain/jobs.js';
import type { RunSummary } from '../../../shared/api/methods/training.js';
import type { ApiError } from '../../../shared/errors.js';
import type { Translator } from '../../i18n/use-t.js';
import type { FieldError } from '../../lib/field-errors.js';
import { useT } from '../../i18n/use-t.js';
import { formatCount, formatStat } from '../../lib/numbers.js';

/** The translator plus the ML steps' names and number formats. */
export interface MlTranslator extends Translator {
  modelName: (modelId: string) => string;
  modelLine: (modelId: string) => string;
  paramName: (name: string) => string;
  paramHelp: (name: string) => string;
  optionName: (option: string) => string;
  stateName: (state: JobState) => string;
  metricName: (metric: string) => string;
  metricHelp: (metric: string) => string;
  /** "#3 · Gradient boosting". */
  runLabel: (run: Pick<RunSummary, 'number' | 'modelId'>) => string;
  /** A metric value with four significant digits ("0.8125"), or a dash. */
  score: (value: number | null | undefined) => string;
  count: (value: number) => string;
  /** A value with two decimals ("0.15"), for quick comparisons such as relevance bars. */
  short: (value: number | null | undefined) => string;
  /** A duration in milliseconds as "850 ms", "12 s", "3 min 5 s". */
  duration: (ms: number) => string;
}

/** ML-step translations for the current language. */
export function useMlT(): MlTranslator {
  const tr = useT();
  return mlTranslator(tr);
}

/** The ML-step translator over a plain translator (used by the hook and by tests). */
export function mlTranslator(tr: Translator): MlTranslator {
  const d = (key: string, fallback: string) => tr.tDynamic(key, undefined, fallback);
  return {
    ...tr,
    modelName: (id) => d(`training.model.${id}.name`, id),
    modelLine: (id) => d(`training.model.${id}.line`, ''),
    paramName: (name) => d(`training.param.${name}.name`, name),
    paramHelp: (name) => d(`training.param.${name}.help`, ''),
    optionName: (option) => d(`training.option.${option}`, option.replace(/,/g, ', ')),
    stateName: (state) => d(`training.state.${state}`, state),
    metricName: (metric) => (tr.tDynamic(`metric.${metric}.name`, undefined, '') || d(`evaluation.metricName.${metric}`, metric)),
    metricHelp: (metric) => tr.tDynamic(`metric.${metric}.help`, undefined, ''),
    runLabel: (run) => tr.t('training.run.label', { number: run.number, model: d(`training.model.${run.modelId}.name`, run.modelId) }),
    score: (value) => formatStat(value, tr.locale),
    count: (value) => formatCount(value, tr.locale),
    short: (value) =>
      value === null || value === undefined || !Number.isFinite(value) ? '—' : new Intl.NumberFormat(tr.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value),
    duration: (ms) => {
      if (ms < 1000) return tr.t('training.duration.ms', { n: Math.round(ms) });
      const seconds = Math.round(ms / 1000);
      if (seconds < 60) return tr.t('training.duration.seconds', { n: seconds });
      const minutes = Math.floor(seconds / 60);
      const rest = seconds % 60;
      if (minutes < 60) return rest === 0 ? tr.t('training.duration.minutes', { n: minutes }) : tr.t('training.duration.minutesSeconds', { m: minutes, s: rest });
      return tr.t('training.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
    },
  };
}

/** An error from the backend as the `ErrorText` component shows it. */
export function asFieldError(error: ApiError): FieldError {
  const out: FieldError = { key: error.messageKey, fallback: error.message, code: error.code };
  if (error.params) out.params = error.params;
  return out;
}
