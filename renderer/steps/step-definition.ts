// What each lifecycle step contributes to the wizard. A step folder (steps/<step>/) exports one
// StepDefinition from its index.ts; the registry lists them in the seed's order. A later issue
// builds a step by adding its screen to the folder and setting `component` (lazy for big screens).
import type { ComponentType, LazyExoticComponent } from 'react';
import type { StepId, StepStatus } from '../../shared/domain/lifecycle.js';
import type { MessageKey } from '../i18n/en.js';

/** What a step's screen receives. */
export interface StepProps {
  /** The step's state as the backend reports it. */
  status: StepStatus;
}

/** A step of the wizard. */
export interface StepDefinition {
  id: StepId;
  titleKey: MessageKey;
  /** "Why this step matters", for beginners. */
  whyKey: MessageKey;
  /** What the step lets the user do; shown while the step is not available yet. */
  planKeys: readonly MessageKey[];
  /** The step's screen; undefined while the step is not built in this version. */
  component?: ComponentType<StepProps> | LazyExoticComponent<ComponentType<StepProps>>;
}
