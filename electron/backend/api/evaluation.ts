/** Handlers of the Evaluate step (evaluation.*); the work is in training/evaluation.ts and training/export.ts. */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { BackendContext } from './context.js';
import { compareRuns, evaluationReport, setThreshold, startPermutationImportance, startTest, thresholds } from '../training/evaluation.js';
import { exportHtml } from '../training/export.js';

/** evaluation.* handlers. */
export const evaluationHandlers = {
  'evaluation.report': (args, ctx) => evaluationReport(ctx, args),
  'evaluation.permutationImportance': (args, ctx) => startPermutationImportance(ctx, args),
  'evaluation.thresholds': (args, ctx) => thresholds(ctx, args),
  'evaluation.setThreshold': (args, ctx) => setThreshold(ctx, args),
  'evaluation.test': (args, ctx) => startTest(ctx, args),
  'evaluation.compare': (args, ctx) => compareRuns(ctx, args),
  'evaluation.exportHtml': (args, ctx) => exportHtml(ctx, args),
} satisfies Pick<
  ApiHandlers<BackendContext>,
  'evaluation.report' | 'evaluation.permutationImportance' | 'evaluation.thresholds' | 'evaluation.setThreshold' | 'evaluation.test' | 'evaluation.compare' | 'evaluation.exportHtml'
>;
