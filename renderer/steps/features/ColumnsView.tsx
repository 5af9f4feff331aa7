// Every column with what happens to it before the model reads it: its steps in order, why they
// were chosen (in plain words), whether it is used, and a "change" panel offering only the choices
// that fit its kind, each explained. Leaking columns carry a warning badge.
import { useState } from 'react';
import type { FeatureColumn } from '../../../shared/api/methods/training.js';
import type { ColumnSpec, StepSpec } from '../../../shared/domain/pipeline-spec.js';
import { Icon } from '../../components/Icon.js';
import type { ColumnChoices, EncodeChoice, MissingChoice, ScaleChoice, ShapeChoice } from '../../stores/features-logic.js';
import { CHOICES_BY_KIND, MISSING_CHOICES, SCALE_CHOICES, SHAPE_CHOICES, choicesOf, correlationOf, isLeaking, mutualInfoOf } from '../../stores/features-logic.js';
import { useFeaturesStore } from '../../stores/features-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';

/** The list of columns. */
export function ColumnsView({ onShowRelevance }: { onShowRelevance: () => void }) {
  const tr = useMlT();
  const { t } = tr;
  const draft = useFeaturesStore((s) => s.draft);
  const suggestion = useFeaturesStore((s) => s.suggestion);
  if (!draft || !suggestion) return null;
  const infoByName = new Map(suggestion.columns.map((c) => [c.name, c]));
  const suggestedByName = new Map((suggestion.spec?.columns ?? []).map((c) => [c.name, c]));
  return (
    <div className="ml-stack">
      <p className="ml-lead">{t('features.columns.lead')}</p>
      <ul className="fcols" aria-label={t('features.columns.list')}>
        {draft.columns.map((column) => (
          <ColumnRow
            key={column.name}
            column={column}
            info={infoByName.get(column.name) ?? null}
            suggested={suggestedByName.get(column.name) ?? null}
            tr={tr}
            onShowRelevance={onShowRelevance}
          />
        ))}
      </ul>
    </div>
  );
}

interface ColumnRowProps {
  column: ColumnSpec;
  info: FeatureColumn | null;
  /** The column as suggested (its steps are the ones the rationale explains). */
  suggested: ColumnSpec | null;
  tr: MlTranslator;
  onShowRelevance: () => void;
}

function ColumnRow({ column, info, suggested, tr, onShowRelevance }: ColumnRowProps) {
  const { t, tDynamic } = tr;
  const setRole = useFeaturesStore((s) => s.setRole);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const [isEditing, setEditing] = useState(false);
  const isTarget = column.role === 'target';
  const isFeature = column.role === 'feature';
  // The rationale explains the suggested steps; once the user changed them, each chosen step's
  // own explanation (in the editor) takes over, so the suggestion's reason is not shown as if it applied.
  const isAsSuggested = suggested !== null && suggested.role === column.role && JSON.stringify(suggested.steps) === JSON.stringify(column.steps);
  const rationaleKey = isAsSuggested ? (suggested.rationale ?? info?.rationaleKey ?? null) : null;
  const leak = info !== null && isLeaking(info);
  const roleId = `fcol-role-${cssId(column.name)}`;

  return (
    <li className={`fcol fcol--${column.role}`} data-column={column.name}>
      <div className="fcol__main">
        <div className="fcol__name-row">
          <span className="fcol__name">{column.name}</span>
          <span className="ml-chip">{t(`features.kind.${column.kind}`)}</span>
          {leak ? (
            <button type="button" className="ml-chip ml-chip--warn" onClick={onShowRelevance} title={t('features.leak.badgeHelp')}>
              <Icon name="alert" /> {t('features.leak.badge')}
            </button>
          ) : null}
          {info?.relevance && info.relevance.skipped === null && !isTarget ? <RelevanceHint info={info} tr={tr} /> : null}
        </div>
        {isFeature ? <StepsLine steps={column.steps} kind={column.kind} tr={tr} /> : null}
        {/* A column left out says so once: by its reason when it has one, else by its role. */}
        {!isFeature && !rationaleKey ? <p className="fcol__why">{t(`features.role.${column.role}.line`)}</p> : null}
        {rationaleKey ? <p className="fcol__why">{tDynamic(rationaleKey, undefined, '')}</p> : null}
        {!isAsSuggested && isFeature ? <p className="fcol__why">{t('features.custom')}</p> : null}
        {isEditing && isFeature ? <StepEditor column={column} tr={tr} /> : null}
      </div>
      <div className="fcol__side">
        {isTarget ? (
          <span className="ml-chip ml-chip--accent">{t('features.role.target')}</span>
        ) : (
          <>
            <label className="visually-hidden" htmlFor={roleId}>
              {t('features.role.label', { column: column.name })}
            </label>
            <select
              id={roleId}
              className="ml-select"
              value={isFeature ? 'feature' : 'ignore'}
              onChange={(e) => setRole(column.name, e.target.value === 'feature' ? 'feature' : 'ignore')}
              disabled={isReadOnly}
            >
              <option value="feature">{t('features.role.use')}</option>
              <option value="ignore">{column.role === 'id' ? t('features.role.leaveOutId') : t('features.role.leaveOut')}</option>
            </select>
            {isFeature ? (
              <button type="button" className="btn btn--quiet btn--small" aria-expanded={isEditing} onClick={() => setEditing(!isEditing)} disabled={isReadOnly}>
                {isEditing ? t('features.change.done') : t('features.change.open')}
              </button>
            ) : null}
          </>
        )}
      </div>
    </li>
  );
}

function cssId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function RelevanceHint({ info, tr }: { info: FeatureColumn; tr: MlTranslator }) {
  const { t } = tr;
  const r = info.relevance;
  if (!r) return null;
  const mi = mutualInfoOf(r);
  const corr = correlationOf(r);
  return (
    <span className="fcol__hint">
      {mi !== null ? t('features.hint.mi', { value: tr.short(mi) }) : null}
      {mi !== null && corr !== null ? ' · ' : null}
      {corr !== null ? t('features.hint.corr', { value: tr.short(corr) }) : null}
    </span>
  );
}

/** "Fill missing (median) → Scale (standardise)" as chips. */
function StepsLine({ steps, kind, tr }: { steps: readonly StepSpec[]; kind: ColumnSpec['kind']; tr: MlTranslator }) {
  const { t } = tr;
  if (steps.length === 0) return <p className="fcol__steps fcol__steps--none">{t(kind === 'numeric' ? 'features.steps.asIs' : 'features.steps.none')}</p>;
  return (
    <ol className="fcol__steps" aria-label={t('features.steps.label')}>
      {steps.map((step, i) => (
        <li key={`${step.op}-${i}`} className="fcol__step">
          {i > 0 ? <Icon name="arrowRight" className="fcol__arrow" /> : null}
          <span className="ml-step-chip">{stepName(step, tr)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The short name of a step with its main setting. */
export function stepName(step: StepSpec, tr: MlTranslator): string {
  const { t } = tr;
  switch (step.op) {
    case 'impute':
      return t('features.stepName.impute', { how: t(`features.missingShort.${step.strategy === 'constant' ? 'median' : step.strategy}`) });
    case 'oneHot':
      return step.maxCategories ? t('features.stepName.oneHotGrouped', { n: step.maxCategories }) : t('features.op.oneHot.name');
    case 'tfidf':
      return step.maxFeatures ? t('features.stepName.tfidf', { n: step.maxFeatures }) : t('features.op.tfidf.name');
    case 'bin':
      return t('features.stepName.bin', { n: step.nBins ?? 5 });
    default:
      return t(`features.op.${step.op}.name`);
  }
}

/** The choices of one column, each with what it does. */
function StepEditor({ column, tr }: { column: ColumnSpec; tr: MlTranslator }) {
  const { t } = tr;
  const setChoices = useFeaturesStore((s) => s.setChoices);
  const choices = choicesOf(column);
  const offer = CHOICES_BY_KIND[column.kind];
  const base = `fcol-${cssId(column.name)}`;
  const change = (patch: Partial<ColumnChoices>) => setChoices(column.name, { ...choices, ...patch });
  return (
    <div className="fcol__editor">
      <div className="fcol__editor-grid">
        {offer.encode.length > 1 ? (
          <ChoiceSelect
            id={`${base}-encode`}
            label={t('features.choice.encode')}
            value={choices.encode ?? offer.encode[0]}
            options={offer.encode}
            name={(o: EncodeChoice) => t(`features.op.${o}.name`)}
            onChange={(v) => change({ encode: v })}
          />
        ) : null}
        {offer.hasNumericTail ? (
          <>
            <ChoiceSelect id={`${base}-missing`} label={t('features.choice.missing')} value={choices.missing} options={MISSING_CHOICES} name={(o: MissingChoice) => t(`features.missing.${o}`)} onChange={(v) => change({ missing: v })} />
            <ChoiceSelect id={`${base}-shape`} label={t('features.choice.shape')} value={choices.shape} options={SHAPE_CHOICES} name={(o: ShapeChoice) => t(`features.shape.${o}`)} onChange={(v) => change({ shape: v })} />
            <ChoiceSelect id={`${base}-scale`} label={t('features.choice.scale')} value={choices.scale} options={SCALE_CHOICES} name={(o: ScaleChoice) => t(`features.scale.${o}`)} onChange={(v) => change({ scale: v })} />
          </>
        ) : null}
      </div>
      <ul className="fcol__explain">
        {column.steps.map((step, i) => (
          <li key={`${step.op}-${i}`}>
            <strong>{t(`features.op.${step.op}.name`)}:</strong> {t(`features.op.${step.op}.why`)}
          </li>
        ))}
        {offer.hasNumericTail && choices.missing === 'none' ? <li>{t('features.missing.noneWarning')}</li> : null}
      </ul>
    </div>
  );
}

function ChoiceSelect<T extends string>({ id, label, value, options, name, onChange }: { id: string; label: string; value: T; options: readonly T[]; name: (o: T) => string; onChange: (v: T) => void }) {
  return (
    <div className="field fcol__field">
      <label className="field__label field__label--small" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
