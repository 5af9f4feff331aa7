/**
 * Model references, as the CLI, the Serve step and the inference server write them:
 * `NAME` (the production version, else the newest), `NAME@STAGE` (`production`, `staging`,
 * `none`, `archived`; the newest version in that stage) and `NAME@VERSION` (a number). MLflow's
 * `NAME/VERSION` is accepted too.
 */
import { MODEL_NAME_REGEX, MODEL_STAGES, type ModelStage } from '../../../shared/api/methods/registry.js';
import { AppError } from '../../../shared/errors.js';

/** A parsed reference. */
export type ModelRef = { name: string; kind: 'default' } | { name: string; kind: 'stage'; stage: ModelStage } | { name: string; kind: 'version'; version: number };

/** Parses `ref`, or INVALID_ARGUMENT `errors.registry.badRef` naming `field`. */
export function parseModelRef(ref: string, field = 'ref'): ModelRef {
  const text = ref.trim();
  const bad = (): AppError =>
    new AppError('INVALID_ARGUMENT', `"${text}" is not a model reference: write NAME, NAME@STAGE (production, staging, none, archived) or NAME@VERSION.`, {
      messageKey: 'errors.registry.badRef',
      params: { ref: text },
      details: { field },
    });
  const at = text.search(/[@/]/);
  const name = at < 0 ? text : text.slice(0, at);
  if (!MODEL_NAME_REGEX.test(name)) throw bad();
  if (at < 0) return { name, kind: 'default' };
  const rest = text.slice(at + 1);
  if (/^[1-9]\d{0,8}$/.test(rest)) return { name, kind: 'version', version: Number(rest) };
  const stage = rest.toLowerCase();
  if ((MODEL_STAGES as readonly string[]).includes(stage)) return { name, kind: 'stage', stage: stage as ModelStage };
  throw bad();
}

/** The reference as text (`NAME`, `NAME@stage`, `NAME@3`). */
export function formatModelRef(ref: ModelRef): string {
  if (ref.kind === 'default') return ref.name;
  return ref.kind === 'stage' ? `${ref.name}@${ref.stage}` : `${ref.name}@${ref.version}`;
}
