/**
 * `ciclo export --project P --model NAME[@STAGE|@VERSION] --out DIR [--locale en|es] [--json]`:
 * writes a registered version as a bundle folder (pipeline, ONNX model or the list of steps
 * without an ONNX form, input schema, model card, lineage, checksums) through registry.export.
 * `ciclo serve --bundle DIR` serves it on a machine without the project.
 *
 * The project is opened for writing so the export is recorded in the audit log; when another
 * Ciclo has it open, it is opened read-only and the export is made without the record.
 */
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from '../registry.js';

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Opens --project for writing, else read-only when another process holds it. Returns true when writable. */
export async function openPreferWritable(ctx: CliContext, project: string): Promise<boolean> {
  try {
    await ctx.call('project.open', { path: project, remember: false });
    return true;
  } catch (err) {
    if (!(err instanceof CliApiError) || err.error.code !== 'PROJECT_LOCKED') throw err;
    await ctx.call('project.open', { path: project, readOnly: true, remember: false });
    return false;
  }
}

/** Export commands. */
export const commands: CliCommand[] = [
  {
    path: ['export'],
    summary: 'Export a registered model version as a bundle folder (with ONNX where possible, model card and checksums).',
    usage: 'ciclo export --project P --model NAME[@STAGE|@VERSION] --out DIR [--locale en|es] [--json]',
    options: { project: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' }, locale: { type: 'string' } },
    async run(ctx) {
      const project = str(ctx, 'project');
      const ref = str(ctx, 'model');
      const dir = str(ctx, 'out');
      const locale = str(ctx, 'locale') ?? 'en';
      if (!project) throw new UsageError('--project is required');
      if (!ref) throw new UsageError('--model is required (NAME, NAME@STAGE or NAME@VERSION)');
      if (!dir) throw new UsageError('--out is required (a new or empty folder)');
      if (locale !== 'en' && locale !== 'es') throw new UsageError('--locale must be en or es');
      const isWritable = await openPreferWritable(ctx, project);
      try {
        const out = await ctx.call('registry.export', { ref, dir, locale });
        if (ctx.json) ctx.out(JSON.stringify({ ok: true, data: { ...out, isAudited: isWritable } }));
        else {
          ctx.out(`Exported ${out.name} version ${out.version} to ${out.dir}`);
          for (const f of out.files) ctx.out(`  ${f.path.padEnd(22)} ${String(f.bytes).padStart(10)} bytes  sha256 ${f.sha256}`);
          ctx.out(out.onnx.status === 'exported' ? `  ONNX: ${out.onnx.file}` : `  ONNX: not exported; steps without an ONNX form: ${out.onnx.steps.join(', ')}`);
          ctx.out(`  Serve it with: ciclo serve --bundle ${JSON.stringify(out.dir)}`);
          if (!isWritable) ctx.err('ciclo: the project is open in another Ciclo, so this export is not recorded in its audit log.');
        }
      } finally {
        await ctx.call('project.close', {}).catch(() => undefined);
      }
      return EXIT.ok;
    },
  },
];
