/** evaluation.exportHtml: writes a run's self-contained HTML report (html-report.ts) to a file. */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MethodInput } from '../../../shared/api/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../api/context.js';
import { evaluationReport } from './evaluation.js';
import { renderRunReport } from './html-report.js';
import { readProject } from './runs.js';
import { runDetail } from './views.js';

/** Renders and writes the report; refuses to replace a file unless told to. */
export function exportHtml(ctx: BackendContext, args: MethodInput<'evaluation.exportHtml'>): { path: string; bytes: number } {
  const db = readProject(ctx).db;
  const run = runDetail(db, args.runId);
  const report = evaluationReport(ctx, { runId: args.runId, part: 'validation' });
  const path = resolve(args.path);
  if (existsSync(path) && !args.overwrite) {
    throw new AppError('CONFLICT', `A file already exists at ${path}.`, { messageKey: 'errors.evaluation.fileExists', params: { path }, details: { field: 'path' } });
  }
  const html = renderRunReport(run, report, args.locale, ctx.now().toISOString());
  try {
    writeFileSync(path, html, 'utf8');
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', `Cannot write ${path}: ${(err as Error).message}`, { messageKey: 'errors.evaluation.cannotWrite', params: { path }, details: { field: 'path' } });
  }
  return { path, bytes: Buffer.byteLength(html, 'utf8') };
}
