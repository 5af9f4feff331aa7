import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../../../shared/domain/lifecycle.js';
import { STEPS, stepDefinition } from '../../../../renderer/steps/registry.js';

describe('step registry', () => {
  it('holds the ten lifecycle steps in the seed order', () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  it('gives every step a title and guidance, and every unbuilt step a plan to show', () => {
    for (const step of STEPS) {
      expect(step.titleKey).toBe(`step.${step.id}.title`);
      expect(step.whyKey).toBe(`step.${step.id}.why`);
      if (!step.component) expect(step.planKeys.length, step.id).toBeGreaterThan(0);
    }
  });

  it('has screens for the objective and the checklist', () => {
    expect(stepDefinition('objective').component).toBeDefined();
    expect(stepDefinition('checklist').component).toBeDefined();
  });
});
