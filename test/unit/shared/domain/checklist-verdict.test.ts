import { describe, expect, it } from 'vitest';
import { allVerdictReasonKeys, computeVerdict } from '../../../../shared/domain/checklist-verdict.js';
import { answers } from '../../../helpers/project.js';

// Core answers that all support ML.
const supportive = { rulesSuffice: 'no', dataAffordable: 'yes', objectiveSimple: 'yes', toleratesErrors: 'yes' } as const;

describe('computeVerdict', () => {
  it('is incomplete while any core question is unanswered', () => {
    const { rulesSuffice: _omitted, ...threeCore } = supportive;
    const verdict = computeVerdict(answers({ ...threeCore, perception: 'yes' }));
    expect(verdict.kind).toBe('incomplete');
  });

  it('is incomplete with nothing answered, and lists no reasons', () => {
    expect(computeVerdict(answers({}))).toEqual({ kind: 'incomplete', reasons: [] });
  });

  it('fits when every core answer supports ML, with one "for" reason per core question', () => {
    const verdict = computeVerdict(answers(supportive));
    expect(verdict.kind).toBe('fits');
    expect(verdict.reasons.map((r) => [r.question, r.weight])).toEqual([
      ['rulesSuffice', 'for'],
      ['dataAffordable', 'for'],
      ['objectiveSimple', 'for'],
      ['toleratesErrors', 'for'],
    ]);
  });

  it.each([
    ['rulesSuffice', 'yes'],
    ['dataAffordable', 'no'],
    ['objectiveSimple', 'no'],
    ['toleratesErrors', 'no'],
  ] as const)('says reconsider when %s = %s, with that question as the against reason', (question, value) => {
    const verdict = computeVerdict(answers({ ...supportive, [question]: value }));
    expect(verdict.kind).toBe('reconsider');
    const against = verdict.reasons.filter((r) => r.weight === 'against');
    expect(against).toEqual([{ question, weight: 'against', messageKey: `checklist.reason.${question}.against` }]);
  });

  it('lists every objection when several core answers argue against ML', () => {
    const verdict = computeVerdict(answers({ rulesSuffice: 'yes', dataAffordable: 'no', objectiveSimple: 'no', toleratesErrors: 'no' }));
    expect(verdict.kind).toBe('reconsider');
    expect(verdict.reasons.filter((r) => r.weight === 'against').map((r) => r.question)).toEqual([
      'rulesSuffice',
      'dataAffordable',
      'objectiveSimple',
      'toleratesErrors',
    ]);
  });

  it('treats "unsure" on a core question as a caution, not an objection', () => {
    const verdict = computeVerdict(answers({ ...supportive, toleratesErrors: 'unsure' }));
    expect(verdict.kind).toBe('fits');
    expect(verdict.reasons).toContainEqual({ question: 'toleratesErrors', weight: 'caution', messageKey: 'checklist.reason.toleratesErrors.unsure' });
  });

  it('is strongly indicated for a perception problem without objections', () => {
    const verdict = computeVerdict(answers({ ...supportive, perception: 'yes' }));
    expect(verdict.kind).toBe('strongly_indicated');
    expect(verdict.reasons).toContainEqual({ question: 'perception', weight: 'for', messageKey: 'checklist.reason.perception.for' });
  });

  it('lets an objection win over perception', () => {
    const verdict = computeVerdict(answers({ ...supportive, dataAffordable: 'no', perception: 'yes' }));
    expect(verdict.kind).toBe('reconsider');
  });

  it('ignores perception answered no or unsure', () => {
    expect(computeVerdict(answers({ ...supportive, perception: 'no' })).kind).toBe('fits');
    expect(computeVerdict(answers({ ...supportive, perception: 'unsure' })).reasons.some((r) => r.question === 'perception')).toBe(false);
  });

  it('turns data questions answered no into cautions without changing the verdict', () => {
    const verdict = computeVerdict(answers({ ...supportive, dataExists: 'no', dataEnoughPerClass: 'no', dataRecent: 'yes', dataQuality: 'no' }));
    expect(verdict.kind).toBe('fits');
    expect(verdict.reasons.filter((r) => r.weight === 'caution')).toEqual([
      { question: 'dataExists', weight: 'caution', messageKey: 'checklist.reason.dataExists.caution' },
      { question: 'dataEnoughPerClass', weight: 'caution', messageKey: 'checklist.reason.dataEnoughPerClass.caution' },
      { question: 'dataQuality', weight: 'caution', messageKey: 'checklist.reason.dataQuality.caution' },
    ]);
  });

  it('keeps strongly_indicated when data is missing (data can be gathered)', () => {
    expect(computeVerdict(answers({ ...supportive, perception: 'yes', dataExists: 'no' })).kind).toBe('strongly_indicated');
  });

  it('only produces message keys listed by allVerdictReasonKeys', () => {
    const known = new Set(allVerdictReasonKeys());
    const values = ['yes', 'no', 'unsure'] as const;
    for (const a of values) for (const b of values) {
      const v = computeVerdict(answers({ rulesSuffice: a, dataAffordable: b, objectiveSimple: a, toleratesErrors: b, perception: a, dataExists: b, dataEnoughPerClass: a, dataRecent: b, dataQuality: a }));
      for (const r of v.reasons) expect(known.has(r.messageKey)).toBe(true);
    }
  });
});
