// A step's state as icon + words (never colour alone).
import type { StepState } from '../../shared/domain/lifecycle.js';
import { useT } from '../i18n/use-t.js';
import type { IconName } from './Icon.js';
import { Icon } from './Icon.js';

const ICONS: Record<StepState, IconName> = {
  not_started: 'circle',
  in_progress: 'half',
  done: 'check',
  needs_attention: 'alert',
};

/** The state of a step. */
export function StepStateBadge({ state, isCompact }: { state: StepState; isCompact?: boolean }) {
  const { t } = useT();
  return (
    <span className={`state state--${state}${isCompact ? ' state--compact' : ''}`}>
      <Icon name={ICONS[state]} className="state__icon" />
      <span className="state__label">{t(`state.${state}`)}</span>
    </span>
  );
}
