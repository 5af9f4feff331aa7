// The foot of a form: the save button and, next to it, where things stand (unsaved changes,
// saved at a time, or what blocks saving).
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.js';
import { Icon } from './Icon.js';

/** SaveBar props. */
export interface SaveBarProps {
  label: string;
  isSaving: boolean;
  isDirty: boolean;
  savedAt: string | null;
  isDisabled?: boolean;
  /** A form-level message (e.g. "fix the marked fields"). */
  problem?: string | null;
}

/** Save button with its status. */
export function SaveBar({ label, isSaving, isDirty, savedAt, isDisabled, problem }: SaveBarProps) {
  const { t, dateTime } = useT();
  let status: ReactNode = null;
  if (problem) {
    status = (
      <span className="savebar__status savebar__status--problem">
        <Icon name="alert" /> {problem}
      </span>
    );
  } else if (isSaving) {
    status = <span className="savebar__status">{t('common.saving')}</span>;
  } else if (isDirty) {
    status = <span className="savebar__status savebar__status--dirty">{t('common.unsaved')}</span>;
  } else if (savedAt) {
    status = (
      <span className="savebar__status savebar__status--saved">
        <Icon name="check" /> {t('common.savedAt', { time: dateTime(savedAt) })}
      </span>
    );
  }
  return (
    <div className="savebar">
      <button type="submit" className="btn btn--primary" disabled={isSaving || isDisabled}>
        {isSaving ? t('common.saving') : label}
      </button>
      <div aria-live="polite">{status}</div>
    </div>
  );
}
