// What a step shows when an earlier step must be done first ("import a dataset", "train a model"):
// a calm card that says what is missing and a button that goes to the step where it is done.
// Generic: any step with a prerequisite uses it.
import type { StepId } from '../../shared/domain/lifecycle.js';
import { useLifecycleStore } from '../stores/lifecycle-store.js';
import { Icon } from './Icon.js';
import './components.css';

/** StepPrerequisite props. */
export interface StepPrerequisiteProps {
  title: string;
  body: string;
  /** The step that fixes it. */
  step: StepId;
  /** "Go to Data". */
  actionLabel: string;
}

/** A missing prerequisite with a way to fix it. */
export function StepPrerequisite({ title, body, step, actionLabel }: StepPrerequisiteProps) {
  const select = useLifecycleStore((s) => s.select);
  return (
    <section className="card prerequisite" aria-labelledby={`prerequisite-${step}`} data-prerequisite={step}>
      <h2 className="card__title" id={`prerequisite-${step}`}>
        <Icon name="info" className="prerequisite__icon" /> {title}
      </h2>
      <p className="prerequisite__body">{body}</p>
      <div>
        <button type="button" className="btn btn--secondary" onClick={() => select(step)}>
          {actionLabel} <Icon name="arrowRight" />
        </button>
      </div>
    </section>
  );
}
