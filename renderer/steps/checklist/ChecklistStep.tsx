// "Should I use ML?": the seed's four core questions, its perception hint and its data questions,
// each answered yes / no / not sure with an optional note, and a verdict that updates live.
import { useMemo, useState } from 'react';
import type { ChecklistQuestionId } from '../../../shared/domain/checklist.js';
import { CHECKLIST_GROUPS, CHECKLIST_QUESTIONS } from '../../../shared/domain/checklist.js';
import { computeVerdict } from '../../../shared/domain/checklist-verdict.js';
import { Icon } from '../../components/Icon.js';
import { LoadError } from '../../components/LoadError.js';
import { useT } from '../../i18n/use-t.js';
import { countAnswered } from '../../stores/checklist-logic.js';
import type { AnswerValue } from '../../stores/checklist-logic.js';
import { useChecklistStore } from '../../stores/checklist-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { VerdictPanel } from './VerdictPanel.js';

const GROUPS = ['core', 'perception', 'data'] as const;
const VALUES: readonly Exclude<AnswerValue, null>[] = ['yes', 'no', 'unsure'];

/** The checklist step's screen. */
export function ChecklistStep() {
  const { t } = useT();
  const status = useChecklistStore((s) => s.status);
  const loadError = useChecklistStore((s) => s.error);
  const answers = useChecklistStore((s) => s.answers);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const verdict = useMemo(() => computeVerdict(answers), [answers]);

  if (status === 'error' && loadError) return <LoadError error={loadError} onRetry={() => void useChecklistStore.getState().load()} />;
  if (status !== 'ready') return <p className="muted">{t('common.loading')}</p>;

  return (
    <div className="step-form checklist">
      <p className="step-intro">{t('checklist.intro')}</p>
      <div className="checklist__layout">
        <div className="checklist__questions">
          {GROUPS.map((group) => (
            <fieldset key={group} className="card" disabled={isReadOnly}>
              <legend className="card__title">{t(`checklist.group.${group}`)}</legend>
              <p className="card__help">{t(`checklist.group.${group}Help`)}</p>
              {CHECKLIST_GROUPS[group].map((q) => (
                <Question key={q} question={q} />
              ))}
            </fieldset>
          ))}
        </div>
        <aside className="checklist__aside">
          <VerdictPanel verdict={verdict} answered={countAnswered(answers)} total={CHECKLIST_QUESTIONS.length}>
            <SaveStatus />
          </VerdictPanel>
        </aside>
      </div>
    </div>
  );
}

/** Where the automatic saving stands; a failed save offers to try again. */
function SaveStatus() {
  const { t, dateTime } = useT();
  const isSaving = useChecklistStore((s) => s.isSaving);
  const hasFailed = useChecklistStore((s) => s.hasSaveFailed);
  const savedAt = useChecklistStore((s) => s.saved?.updatedAt ?? null);
  if (isSaving) return <p className="autosave">{t('common.saving')}</p>;
  if (hasFailed) {
    return (
      <p className="autosave autosave--failed">
        <Icon name="alert" /> {t('checklist.saveFailed')}{' '}
        <button type="button" className="link-btn" onClick={() => void useChecklistStore.getState().save()}>
          {t('app.retry')}
        </button>
      </p>
    );
  }
  if (!savedAt) return <p className="autosave">{t('checklist.autosave')}</p>;
  return (
    <p className="autosave autosave--saved">
      <Icon name="check" /> {t('common.savedAt', { time: dateTime(savedAt) })}
    </p>
  );
}

/** One question with its answer buttons and note. */
function Question({ question }: { question: ChecklistQuestionId }) {
  const { t } = useT();
  const answer = useChecklistStore((s) => s.answers[question]);
  const setAnswer = useChecklistStore((s) => s.setAnswer);
  const setNote = useChecklistStore((s) => s.setNote);
  const [isNoteOpen, setNoteOpen] = useState(false);
  const textId = `q-${question}`;
  const helpId = `q-${question}-help`;
  const noteId = `q-${question}-note`;
  const showNote = isNoteOpen || answer.note !== '';
  return (
    <div className="question" data-question={question}>
      <p className="question__text" id={textId}>
        {t(`checklist.q.${question}`)}
      </p>
      <p className="question__help" id={helpId}>
        {t(`checklist.q.${question}.help`)}
      </p>
      <div className="segmented" role="radiogroup" aria-labelledby={textId} aria-describedby={helpId}>
        {VALUES.map((value) => (
          <label key={value} className="segmented__option">
            <input type="radio" name={`answer-${question}`} value={value} checked={answer.value === value} onChange={() => setAnswer(question, value)} />
            <span>{t(`checklist.answer.${value}`)}</span>
          </label>
        ))}
      </div>
      {showNote ? (
        <div className="question__note">
          <label className="field__label field__label--small" htmlFor={noteId}>
            {t('checklist.note.label')} <span className="field__optional">({t('common.optional')})</span>
          </label>
          <textarea id={noteId} rows={2} value={answer.note} onChange={(e) => setNote(question, e.target.value)} autoFocus={isNoteOpen && answer.note === ''} />
        </div>
      ) : (
        <button type="button" className="link-btn link-btn--quiet" onClick={() => setNoteOpen(true)} aria-describedby={textId}>
          + {t('checklist.note.add')}
        </button>
      )}
    </div>
  );
}
