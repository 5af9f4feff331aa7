/**
 * A ModelSource over verified bundles: what `ciclo serve --bundle DIR` serves on a machine with no
 * project file. Several bundles may hold versions of the same model; their manifests' stages say
 * which one a bare name serves (production first, else the newest version).
 *
 * `createModelSource({ dirs })` is the module entry for creating the source inside the server's
 * worker thread (WorkerModuleRef); it reads and verifies the bundles there.
 */
import { AppError } from '../../../shared/errors.js';
import type { ModelEntry, ModelPayload, ModelSource } from '../serving/types.js';
import { readBundle, type Bundle } from './bundle.js';

/** Orders versions: numerically when both are numbers, else as text. */
export function compareVersions(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The source serving `bundles`. Two bundles of the same name and version are refused. */
export function bundleModelSource(bundles: readonly Bundle[]): ModelSource {
  const byKey = new Map<string, Bundle>();
  for (const b of bundles) {
    const key = `${b.manifest.name}\u0000${b.manifest.version}`;
    if (byKey.has(key)) {
      throw new AppError('CONFLICT', `Two bundles hold model "${b.manifest.name}" version ${b.manifest.version} (${byKey.get(key)?.dir} and ${b.dir}).`, { details: { field: 'bundle' } });
    }
    byKey.set(key, b);
  }
  const names = [...new Set(bundles.map((b) => b.manifest.name))].sort();
  const entries: ModelEntry[] = names.map((name) => ({
    name,
    versions: bundles
      .filter((b) => b.manifest.name === name)
      .sort((x, y) => compareVersions(x.manifest.version, y.manifest.version))
      .map((b) => ({ version: b.manifest.version, stages: [...b.manifest.stages] })),
  }));
  return {
    list: () => entries.map((e) => ({ ...e, versions: e.versions.map((v) => ({ ...v, stages: [...v.stages] })) })),
    load(name: string, version: string): ModelPayload {
      const b = byKey.get(`${name}\u0000${version}`);
      if (!b) throw new AppError('NOT_FOUND', `No bundle holds model "${name}" version ${version}.`);
      return {
        artifact: b.artifact,
        metadata: {
          ...b.manifest.metadata,
          createdAt: b.manifest.createdAt,
          engineVersion: b.manifest.engineVersion,
          ...(b.lineage !== null ? { lineage: b.lineage } : {}),
        },
      };
    },
  };
}

/** Module entry: reads and verifies the bundles in `options.dirs`, inside the calling thread. */
export async function createModelSource(options: unknown): Promise<ModelSource> {
  const dirs = (options as { dirs?: unknown })?.dirs;
  if (!Array.isArray(dirs) || dirs.length === 0 || !dirs.every((d) => typeof d === 'string')) throw new Error('createModelSource needs { dirs: string[] }.');
  return bundleModelSource(await Promise.all(dirs.map((d: string) => readBundle(d))));
}
