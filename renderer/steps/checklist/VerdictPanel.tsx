// The verdict, live while answering: its headline, a sentence, and the reasons grouped by weight.
import type { ReactNode } from 'react';
import type { Verdict } from '../../../shared/domain/checklist.js';
import type { IconName } from '../../components/Icon.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/use-t.js';
import { groupReasons } from '../../stores/checklist-logic.js';

const ICON: Record<Verdict['kind'], IconName> = {
  incomplete: 'info',
  fits: 'check',
  reconsider: 'alert',
  strongly_indicated: 'check',
};

const REASON_TITLE = {
  against: 'checklist.verdict.reasonsAgainst',
  for: 'checklist.verdict.reasonsFor',
  caution: 'checklist.verdict.reasonsCaution',
} as const;

/** The verdict panel. */
export function VerdictPanel({ verdict, answered, total, children }: { verdict: Verdict; answered: number; total: number; children?: ReactNode }) {
  const { t, tDynamic } = useT();
  const groups = groupReasons(verdict);
  const bodyKey =
    verdict.kind === 'incomplete'
      ? 'checklist.verdict.incompleteBody'
      : verdict.kind === 'fits'
        ? 'checklist.verdict.fitsBody'
        : verdict.kind === 'reconsider'
          ? 'checklist.verdict.reconsiderBody'
          : 'checklist.verdict.strongly_indicatedBody';
  return (
    <section className={`verdict verdict--${verdict.kind}`} aria-labelledby="verdict-title" data-verdict={verdict.kind}>
      <h2 className="verdict__eyebrow" id="verdict-title">
        {t('checklist.verdict.title')}
      </h2>
      <p className="verdict__live">{t('checklist.verdict.live')}</p>
      <div aria-live="polite">
        <p className="verdict__headline">
          <Icon name={ICON[verdict.kind]} className="verdict__icon" />
          <span>{t(`checklist.verdict.${verdict.kind}`)}</span>
        </p>
        <p className="verdict__body">{t(bodyKey)}</p>
      </div>
      {(['against', 'for', 'caution'] as const).map((weight) =>
        groups[weight].length > 0 ? (
          <div key={weight} className={`verdict__reasons verdict__reasons--${weight}`}>
            <h3 className="verdict__reasons-title">{t(REASON_TITLE[weight])}</h3>
            <ul>
              {groups[weight].map((r) => (
                <li key={r.messageKey}>{tDynamic(r.messageKey)}</li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <div className="verdict__footer">
        <p>{t('checklist.progress', { answered, total })}</p>
        {children}
      </div>
    </section>
  );
}
