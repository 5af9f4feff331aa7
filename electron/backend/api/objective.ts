/** Handlers: objective.get / objective.save (step 0). */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { validateObjective } from '../../../shared/domain/objective-rules.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from './context.js';
import { readObjective, writeObjective } from '../storage/repos/objective.js';
import { touch } from '../storage/repos/meta.js';

/** objective.* handlers. */
export const objectiveHandlers = {
  'objective.get': (_args, ctx) => readObjective(ctx.session.require().db),

  'objective.save': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const issues = validateObjective(args.objective);
    if (issues.length > 0) {
      const first = issues[0];
      throw new AppError('INVALID_ARGUMENT', first.message, {
        messageKey: first.messageKey,
        params: first.params,
        details: {
          field: first.field,
          issues: issues.map((i) => ({ path: i.field, message: i.message })),
          // Every broken rule with its own key, so the form can mark all fields at once.
          fieldErrors: issues.map((i) => ({ field: i.field, messageKey: i.messageKey, params: i.params ?? {} })),
        },
      });
    }
    const now = ctx.now().toISOString();
    // Text fields are stored trimmed: what is shown back is what counts.
    const objective = {
      ...args.objective,
      inputs: args.objective.inputs.trim(),
      target: args.objective.target.trim(),
      positiveClass: args.objective.positiveClass?.trim() || undefined,
      targetColumn: args.objective.targetColumn?.trim() || undefined,
    };
    file.db.transaction(() => {
      writeObjective(file.db, objective, now);
      touch(file.db, now);
    })();
    ctx.events.emit('project.changed', { area: 'objective' });
    ctx.events.emit('project.changed', { area: 'lifecycle' });
    return readObjective(file.db) as NonNullable<ReturnType<typeof readObjective>>;
  },
} satisfies Pick<ApiHandlers<BackendContext>, 'objective.get' | 'objective.save'>;
