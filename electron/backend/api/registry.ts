/**
 * Handlers of the Deploy step (registry.*): the model registry, model cards and bundles. The work
 * is in registry/registry.ts (versions, stages, audit, cards) and registry/transfer.ts (bundles).
 * The Deploy and Serve step status providers are registered here.
 */
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { BackendContext } from './context.js';
import { registerStepStatusProvider } from './lifecycle.js';
import { auditLog, describeModel, modelDetail, modelSummaries, readProjectFile, registerRun, requireModelVersion, resolveRefText, saveCard, setStage, versionCard, versionDetail } from '../registry/registry.js';
import { exportVersion, importBundle } from '../registry/transfer.js';
import { deployStatus, serveStatus } from '../registry/status.js';

registerStepStatusProvider('deploy', (db) => deployStatus(db));
registerStepStatusProvider('serve', (db, ctx) => serveStatus(db, ctx));

/** registry.* handlers. */
export const registryHandlers = {
  'registry.models': (_args, ctx) => modelSummaries(readProjectFile(ctx).db),
  'registry.model': (args, ctx) => modelDetail(readProjectFile(ctx).db, args.name),
  'registry.version': (args, ctx) => {
    const db = readProjectFile(ctx).db;
    return versionDetail(db, requireModelVersion(db, args.name, args.version));
  },
  'registry.resolve': (args, ctx) => {
    const db = readProjectFile(ctx).db;
    return versionDetail(db, resolveRefText(db, args.ref));
  },
  'registry.register': (args, ctx) => registerRun(ctx, args),
  'registry.setStage': (args, ctx) => setStage(ctx, args),
  'registry.describe': (args, ctx) => describeModel(ctx, args),
  'registry.audit': (args, ctx) => auditLog(readProjectFile(ctx).db, args),
  'registry.card': (args, ctx) => versionCard(readProjectFile(ctx).db, args.name, args.version, args.locale),
  'registry.saveCard': (args, ctx) => saveCard(ctx, args),
  'registry.export': (args, ctx) => exportVersion(ctx, args),
  'registry.import': (args, ctx) => importBundle(ctx, args),
} satisfies Pick<ApiHandlers<BackendContext>, `registry.${string}` & keyof ApiHandlers<BackendContext>>;
