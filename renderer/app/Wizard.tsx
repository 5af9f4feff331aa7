// The wizard: the stepper on the side, the chosen step on the right with its guidance, its
// screen (or an honest "not available yet"), and Back / Next.
import { Suspense, useEffect, useRef } from 'react';
import type { StepId } from '../../shared/domain/lifecycle.js';
import { Icon } from '../components/Icon.js';
import { StepStateBadge } from '../components/StepStateBadge.js';
import { useT } from '../i18n/use-t.js';
import { neighbours, stepNumber } from '../stores/lifecycle-logic.js';
import { useLifecycleStore } from '../stores/lifecycle-store.js';
import { useProjectStore } from '../stores/project-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { STEPS, stepDefinition } from '../steps/registry.js';
import type { StepDefinition } from '../steps/step-definition.js';
import { Stepper } from './Stepper.js';

/** The wizard for the open project. */
export function Wizard() {
  const { t, tDynamic } = useT();
  const active = useLifecycleStore((s) => s.activeStep);
  const steps = useLifecycleStore((s) => s.steps);
  const select = useLifecycleStore((s) => s.select);
  const isReadOnly = useProjectStore((s) => s.current?.isReadOnly ?? false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isFirstRender = useRef(true);

  // Moving to another step puts focus on its title, so keyboard and screen-reader users land there.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, [active]);

  if (!active) return <p className="muted page-pad">{t('common.loading')}</p>;
  const def = stepDefinition(active);
  const status = steps.find((s) => s.step === active) ?? { step: active, state: 'not_started' as const, isAvailable: false };
  const isAvailable = status.isAvailable && def.component !== undefined;
  const { previous, next } = neighbours(active);
  const Screen = def.component;

  return (
    <div className="wizard">
      <Stepper onSelect={(step: StepId) => select(step)} />
      <main className="step" id="main" data-step={active}>
        {isReadOnly ? (
          <p className="notice notice--warn">
            <Icon name="lock" className="notice__icon" />
            <span>{t('wizard.readOnly')}</span>
          </p>
        ) : null}
        <header className="step__header">
          <p className="step__eyebrow">{t('wizard.stepOf', { n: stepNumber(active), total: STEPS.length })}</p>
          <div className="step__title-row">
            <h1 className="step__title" ref={headingRef} tabIndex={-1}>
              {t(def.titleKey)}
            </h1>
            {isAvailable ? <StepStateBadge state={status.state} /> : null}
          </div>
          {/* An unavailable step explains itself in its panel below; repeating it here would be noise. */}
          {isAvailable && status.reasonKey ? <p className={`step__reason step__reason--${status.state}`}>{tDynamic(status.reasonKey)}</p> : null}
        </header>
        <Guidance whyKey={def.whyKey} />
        {isAvailable && Screen ? (
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <Screen status={status} />
          </Suspense>
        ) : (
          <NotAvailable def={def} />
        )}
        <footer className="step__nav">
          {previous ? (
            <button type="button" className="btn btn--quiet" onClick={() => select(previous)}>
              <Icon name="arrowLeft" /> {t('wizard.previous', { step: t(stepDefinition(previous).titleKey) })}
            </button>
          ) : (
            <span />
          )}
          {next ? (
            <button type="button" className="btn btn--secondary" onClick={() => select(next)}>
              {t('wizard.next', { step: t(stepDefinition(next).titleKey) })} <Icon name="arrowRight" />
            </button>
          ) : null}
        </footer>
      </main>
    </div>
  );
}

/** "Why this step matters", collapsible (the choice is remembered). */
function Guidance({ whyKey }: { whyKey: StepDefinition['whyKey'] }) {
  const { t } = useT();
  const isShown = useUiStore((s) => s.preferences.showGuidance);
  const setPreference = useUiStore((s) => s.setPreference);
  return (
    <section className={isShown ? 'guidance' : 'guidance guidance--collapsed'} aria-labelledby="guidance-title">
      <div className="guidance__head">
        <h2 className="guidance__title" id="guidance-title">
          <Icon name="bulb" className="guidance__icon" /> {t('wizard.why')}
        </h2>
        <button type="button" className="link-btn" aria-expanded={isShown} aria-controls="guidance-body" onClick={() => setPreference('showGuidance', !isShown)}>
          {isShown ? t('wizard.guidanceHide') : t('wizard.guidanceShow')}
        </button>
      </div>
      {isShown ? (
        <p className="guidance__body" id="guidance-body">
          {t(whyKey)}
        </p>
      ) : null}
    </section>
  );
}

/** The honest panel of a step this version does not have yet. */
function NotAvailable({ def }: { def: StepDefinition }) {
  const { t } = useT();
  return (
    <section className="card not-available" aria-labelledby="not-available-title">
      <h2 className="card__title" id="not-available-title">
        {t('wizard.notAvailable.title')}
      </h2>
      <p>{t('wizard.notAvailable.body')}</p>
      <ul className="not-available__plan">
        {def.planKeys.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <p className="muted">{t('wizard.notAvailable.meanwhile')}</p>
    </section>
  );
}
