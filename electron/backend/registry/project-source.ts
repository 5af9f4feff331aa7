/**
 * The inference server's ModelSource backed by the open project's registry: it serves the models
 * named by references (`NAME`, `NAME@STAGE`, `NAME@VERSION`), every version of each reachable at
 * `/v2/models/NAME/versions/N/...`, with a bare NAME serving the version its reference resolves to
 * now. Versions are immutable (the server caches what it loaded); `list()` is re-read on every
 * reload, which is how a stage move reaches a running server.
 *
 * It runs on the backend's thread and is called by the server's worker through messages: only for
 * listings (at start and on reload) and for the first load of each version.
 */
import type { Db } from '../storage/db.js';
import { getVersionByNumber, listVersions, versionInStage } from '../storage/repos/registry.js';
import type { ModelEntry, ModelPayload, ModelSource } from '../serving/types.js';
import { formatModelRef, type ModelRef } from './refs.js';
import { lineageOf, resolveRef, versionArtifactJson } from './registry.js';

/** The version a reference serves right now, or null when it names a stage no version holds any more. */
export function currentVersionOf(db: Db, ref: ModelRef): number | null {
  if (ref.kind === 'version') return getVersionByNumber(db, ref.name, ref.version) ? ref.version : null;
  if (ref.kind === 'stage') return versionInStage(db, ref.name, ref.stage)?.version ?? null;
  return (versionInStage(db, ref.name, 'production') ?? listVersions(db, ref.name)[0])?.version ?? null;
}

/** A ModelSource over `refs` (checked to resolve now; throws the registry's NOT_FOUND otherwise). */
export function projectModelSource(getDb: () => Db, refs: readonly ModelRef[]): ModelSource {
  for (const ref of refs) resolveRef(getDb(), ref, 'models');
  return {
    list(): ModelEntry[] {
      const db = getDb();
      return refs.map((ref) => {
        const versions = listVersions(db, ref.name).sort((a, b) => a.version - b.version);
        const current = currentVersionOf(db, ref);
        const entry: ModelEntry = {
          name: ref.name,
          versions: versions.map((v) => ({ version: String(v.version), stages: v.stage === 'none' ? [] : [v.stage] })),
        };
        // A stage nobody holds any more (e.g. staging promoted to production) falls back to the
        // server's own rule: production, else the newest.
        if (current !== null) entry.defaultVersion = String(current);
        return entry;
      });
    },
    load(name: string, version: string): ModelPayload {
      const db = getDb();
      const n = Number(version);
      const v = Number.isInteger(n) ? getVersionByNumber(db, name, n) : undefined;
      if (!v) throw new Error(`Model "${name}" has no version ${version} in the project.`);
      const lineage = lineageOf(v);
      const description = db.prepare('SELECT description FROM registered_models WHERE name = ?').pluck().get(name) as string | undefined;
      return {
        artifact: JSON.parse(versionArtifactJson(db, v)) as unknown,
        metadata: {
          description: description ?? '',
          createdAt: v.createdAt,
          stage: v.stage,
          lineage: {
            runId: lineage.runId,
            runNumber: lineage.runNumber,
            dataset: lineage.datasetName,
            datasetVersion: lineage.datasetVersionNumber,
            modelId: lineage.modelId,
            modelKind: lineage.modelKind,
            seed: lineage.seed,
            engineVersion: lineage.engineVersion,
            artifactSha256: lineage.artifactSha256,
            metric: lineage.objective?.metric ?? lineage.metric,
            metrics: lineage.metrics,
          },
        },
      };
    },
  };
}

/** The references as text, for messages and the sessions table. */
export function refsText(refs: readonly ModelRef[]): string[] {
  return refs.map(formatModelRef);
}
