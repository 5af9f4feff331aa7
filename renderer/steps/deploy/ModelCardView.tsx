// The version's model card: sections generated from what Ciclo knows (the objective, the data, the
// metrics against the threshold, the quality report's limits, fairness by group), each editable as
// Markdown. An edited section replaces the generated text until it is put back.
import { useEffect } from 'react';
import type { CardSectionId, ModelCardSection } from '../../../shared/api/methods/registry.js';
import { CopyButton } from '../../components/CopyButton.js';
import { ErrorText } from '../../components/ErrorText.js';
import { LoadError } from '../../components/LoadError.js';
import { Markdown } from '../../components/Markdown.js';
import { isSectionDirty } from '../../stores/registry-logic.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { asFieldError, useMlT } from '../train/texts.js';

/** The model card view. */
export function ModelCardView() {
  const { t, locale } = useMlT();
  const card = useRegistryStore((s) => s.card);
  const loadCard = useRegistryStore((s) => s.loadCard);
  const selectedVersion = useRegistryStore((s) => s.selectedVersion);

  useEffect(() => {
    void loadCard(locale);
  }, [loadCard, locale, selectedVersion]);

  if (card.status === 'error' && card.error) return <LoadError error={card.error} onRetry={() => void loadCard(locale)} />;
  if (!card.data) return <p className="muted">{t('common.loading')}</p>;
  const data = card.data;

  return (
    <div className="dp-card">
      <div className="dp-card__head">
        <p className="dp-muted">{t('deploy.card.lead')}</p>
        <CopyButton text={data.markdown} label={t('deploy.card.copyAll')} />
      </div>
      {data.sections.map((section) => (
        <CardSection key={section.id} section={section} />
      ))}
    </div>
  );
}

function CardSection({ section }: { section: ModelCardSection }) {
  const { t, dateTime } = useMlT();
  const card = useRegistryStore((s) => s.card.data);
  const draft = useRegistryStore((s) => s.drafts[section.id]);
  const isDirty = useRegistryStore((s) => isSectionDirty(s.card.data, s.drafts, section.id));
  const cardSave = useRegistryStore((s) => s.cardSave);
  const editSection = useRegistryStore((s) => s.editSection);
  const cancelSection = useRegistryStore((s) => s.cancelSection);
  const saveSection = useRegistryStore((s) => s.saveSection);
  const revertSection = useRegistryStore((s) => s.revertSection);
  const isEditing = draft !== undefined;
  const isSaving = cardSave.status === 'saving' && cardSave.section === section.id;
  const error = cardSave.status === 'error' && cardSave.section === section.id ? cardSave.error : null;
  const textId = `card-${section.id}-text`;

  return (
    <section className="dp-card__section" aria-labelledby={`card-${section.id}-title`} data-section={section.id}>
      <div className="dp-card__section-head">
        <h3 className="dp-subhead" id={`card-${section.id}-title`}>
          {section.title}
        </h3>
        {section.isEdited ? (
          <span className="dp-chip dp-chip--accent" title={section.editedAt ? dateTime(section.editedAt) : undefined}>
            {t('deploy.card.edited', { who: section.editedBy ?? '?' })}
          </span>
        ) : (
          <span className="dp-chip">{t('deploy.card.generated')}</span>
        )}
        {!isEditing ? (
          <span className="dp-card__actions">
            <button type="button" className="btn btn--quiet btn--small" onClick={() => editSection(section.id, section.markdown)} aria-label={t('deploy.card.editLabel', { section: section.title })}>
              {t('deploy.card.edit')}
            </button>
            {section.isEdited ? (
              <button type="button" className="btn btn--quiet btn--small" onClick={() => void revertSection(section.id)} disabled={cardSave.status === 'saving'}>
                {t('deploy.card.revert')}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      {isEditing ? (
        <div className="dp-card__editor">
          <label className="visually-hidden" htmlFor={textId}>
            {t('deploy.card.editLabel', { section: section.title })}
          </label>
          <textarea id={textId} className="dp-card__textarea" rows={Math.min(18, Math.max(6, draft.split('\n').length + 1))} value={draft} spellCheck onChange={(e) => editSection(section.id, e.target.value)} disabled={isSaving} />
          <p className="dp-muted dp-small">{t('deploy.card.markdownHelp')}</p>
          <div className="dp-card__editor-actions">
            <button type="button" className="btn btn--primary btn--small" onClick={() => void saveSection(section.id as CardSectionId)} disabled={isSaving || !isDirty}>
              {isSaving ? t('common.saving') : t('deploy.card.save')}
            </button>
            <button type="button" className="btn btn--quiet btn--small" onClick={() => cancelSection(section.id)} disabled={isSaving}>
              {t('common.cancel')}
            </button>
            {card && draft.trim() !== section.generatedMarkdown.trim() ? (
              <button type="button" className="link-btn" onClick={() => editSection(section.id, section.generatedMarkdown)} disabled={isSaving}>
                {t('deploy.card.useGenerated')}
              </button>
            ) : null}
          </div>
          {error ? <ErrorText error={asFieldError(error)} /> : null}
          {draft.trim() !== '' ? (
            <div className="dp-card__preview" aria-label={t('deploy.card.preview')}>
              <p className="dp-eyebrow">{t('deploy.card.preview')}</p>
              <Markdown source={draft} baseLevel={4} />
            </div>
          ) : null}
        </div>
      ) : (
        <Markdown source={section.markdown} baseLevel={4} />
      )}
    </section>
  );
}
