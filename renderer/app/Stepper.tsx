// The persistent stepper: the ten lifecycle steps in order, each with its state. Every step can
// be opened at any time: the lifecycle goes back as freely as forward.
import type { StepId } from '../../shared/domain/lifecycle.js';
import type { IconName } from '../components/Icon.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/use-t.js';
import { stepNumber } from '../stores/lifecycle-logic.js';
import { useLifecycleStore } from '../stores/lifecycle-store.js';
import { stepDefinition } from '../steps/registry.js';

const STATE_ICON: Record<string, IconName | null> = { done: 'check', needs_attention: 'alert', in_progress: null, not_started: null };

/** The stepper. */
export function Stepper({ onSelect }: { onSelect: (step: StepId) => void }) {
  const { t } = useT();
  const steps = useLifecycleStore((s) => s.steps);
  const active = useLifecycleStore((s) => s.activeStep);
  const done = steps.filter((s) => s.state === 'done').length;
  return (
    <nav className="stepper" aria-label={t('wizard.nav')}>
      <p className="stepper__progress">{t('wizard.stepsProgress', { done, total: steps.length })}</p>
      <ol className="stepper__list">
        {steps.map((status) => {
          const def = stepDefinition(status.step);
          const isAvailable = status.isAvailable && def.component !== undefined;
          const icon = STATE_ICON[status.state];
          return (
            <li key={status.step}>
              <button
                type="button"
                className={`stepper__item stepper__item--${status.state}${isAvailable ? '' : ' stepper__item--unavailable'}`}
                aria-current={status.step === active ? 'step' : undefined}
                onClick={() => onSelect(status.step)}
                data-step={status.step}
              >
                <span className="stepper__marker" aria-hidden="true">
                  {icon ? <Icon name={icon} /> : stepNumber(status.step)}
                </span>
                <span className="stepper__text">
                  <span className="stepper__title">{t(def.titleKey)}</span>
                  <span className="stepper__state">{isAvailable ? t(`state.${status.state}`) : t('wizard.unavailableShort')}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
