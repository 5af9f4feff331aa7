/** Handlers: checklist.get / checklist.save ("Should I use ML?"). */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { computeVerdict } from '../../../shared/domain/checklist-verdict.js';
import type { BackendContext } from './context.js';
import { readAnswers, writeAnswers } from '../storage/repos/checklist.js';
import { touch } from '../storage/repos/meta.js';

/** checklist.* handlers. */
export const checklistHandlers = {
  'checklist.get': (_args, ctx) => {
    const { answers, updatedAt } = readAnswers(ctx.session.require().db);
    // Recomputed, not read back: the rules may have been refined since the answers were saved.
    return { answers, verdict: computeVerdict(answers), updatedAt };
  },

  'checklist.save': (args, ctx) => {
    const file = ctx.session.requireWritable();
    const now = ctx.now().toISOString();
    const verdict = computeVerdict(args.answers);
    file.db.transaction(() => {
      writeAnswers(file.db, args.answers, verdict, now);
      touch(file.db, now);
    })();
    ctx.events.emit('project.changed', { area: 'checklist' });
    ctx.events.emit('project.changed', { area: 'lifecycle' });
    const saved = readAnswers(file.db);
    return { answers: saved.answers, verdict, updatedAt: saved.updatedAt };
  },
} satisfies Pick<ApiHandlers<BackendContext>, 'checklist.get' | 'checklist.save'>;
