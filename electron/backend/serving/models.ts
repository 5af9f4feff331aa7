/**
 * The models a running server can answer for: the source's listing (names, versions, stages),
 * reference resolution (`name`, `name@production`, `name/3`), and the loaded pipelines.
 *
 * Versions are immutable, so a loaded (name, version) stays cached for the server's life; a
 * `refresh()` re-reads only the listing, which is how a stage move reaches a running server
 * without reloading anything that did not change. The default version of every model is loaded
 * at start ("ready" means those loaded); any other version loads on its first request.
 */
import type { FrameSchemaEntry } from '../../ml/core/frame.js';
import { ModelPipeline } from '../../ml/compose/model-pipeline.js';
import type { TaskType } from '../../../shared/domain/metrics.js';
import { RequestError } from './errors.js';
import type { ModelEntry, ModelMetadata, ModelSource } from './types.js';

/** Names and versions are used in URL paths: keep them to a safe alphabet. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A loaded version, ready to predict. */
export interface ServedModel {
  name: string;
  version: string;
  pipeline: ModelPipeline;
  task: TaskType;
  inputSchema: FrameSchemaEntry[];
  /** Class labels in probability-column order (classification). */
  classLabels: string[] | null;
  metadata: ModelMetadata;
}

/** `name`, `name@stage`, `name/version` (MLflow's models:/ URI forms without the scheme). */
export function parseModelRef(ref: string): { name: string; ref?: string } {
  const at = ref.indexOf('@');
  if (at > 0) return { name: ref.slice(0, at), ref: ref.slice(at + 1) };
  const slash = ref.indexOf('/');
  if (slash > 0) return { name: ref.slice(0, slash), ref: ref.slice(slash + 1) };
  return { name: ref };
}

/** The served models. */
export class ModelCatalog {
  private listing = new Map<string, ModelEntry>();
  private readonly loaded = new Map<string, Promise<ServedModel>>();
  private readonly settled = new Map<string, ServedModel>();

  constructor(private readonly source: ModelSource) {}

  /** Re-reads the source's listing (names, versions, stages). */
  async refresh(): Promise<void> {
    const entries = await this.source.list();
    const next = new Map<string, ModelEntry>();
    for (const e of entries) {
      if (!MODEL_NAME_PATTERN.test(e.name)) throw new Error(`The model source lists an invalid model name ${JSON.stringify(e.name)}.`);
      if (next.has(e.name)) throw new Error(`The model source lists "${e.name}" twice.`);
      if (e.versions.length === 0) continue;
      for (const v of e.versions) {
        if (!MODEL_NAME_PATTERN.test(v.version)) throw new Error(`The model source lists an invalid version ${JSON.stringify(v.version)} of "${e.name}".`);
      }
      next.set(e.name, { name: e.name, versions: e.versions.map((v) => ({ version: v.version, stages: [...v.stages] })), defaultVersion: e.defaultVersion });
    }
    this.listing = next;
  }

  /** Every model, in name order. */
  entries(): ModelEntry[] {
    return [...this.listing.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The listing of `name`, or a 404. */
  entry(name: string): ModelEntry {
    const e = this.listing.get(name);
    if (!e) {
      const names = this.entries().map((m) => `"${m.name}"`);
      throw new RequestError(404, 'RESOURCE_DOES_NOT_EXIST', `No model named "${name}" is served here${names.length ? ` (served: ${names.join(', ')})` : ''}.`, 'model');
    }
    return e;
  }

  /** The version a bare name serves: the declared default, else production, else the newest. */
  defaultVersion(entry: ModelEntry): string {
    if (entry.defaultVersion && entry.versions.some((v) => v.version === entry.defaultVersion)) return entry.defaultVersion;
    const prod = entry.versions.find((v) => v.stages.some((s) => s.toLowerCase() === 'production'));
    return (prod ?? entry.versions[entry.versions.length - 1]).version;
  }

  /** Resolves `ref` (a version, a stage/alias, or nothing = the default) of `name`. */
  resolve(name: string, ref?: string): { name: string; version: string } {
    const entry = this.entry(name);
    if (ref === undefined || ref === '') return { name, version: this.defaultVersion(entry) };
    const byVersion = entry.versions.find((v) => v.version === ref);
    if (byVersion) return { name, version: byVersion.version };
    const lower = ref.toLowerCase();
    const byStage = entry.versions.filter((v) => v.stages.some((s) => s.toLowerCase() === lower));
    if (byStage.length > 0) return { name, version: byStage[byStage.length - 1].version };
    throw new RequestError(404, 'RESOURCE_DOES_NOT_EXIST', `Model "${name}" has no version or stage "${ref}".`, 'version');
  }

  /** The loaded version (loading it on first use). */
  get(name: string, version: string): Promise<ServedModel> {
    const key = `${name}\u0000${version}`;
    let p = this.loaded.get(key);
    if (!p) {
      p = this.load(name, version).then(
        (m) => {
          this.settled.set(key, m);
          return m;
        },
        (err: unknown) => {
          // A failed load is not cached: the next request tries again (the source may recover).
          this.loaded.delete(key);
          throw new RequestError(503, 'TEMPORARILY_UNAVAILABLE', `Model "${name}" version ${version} could not be loaded: ${(err as Error)?.message ?? String(err)}`, 'model');
        },
      );
      this.loaded.set(key, p);
    }
    return p;
  }

  /** The loaded version if it is already in memory (no waiting). */
  peek(name: string, version: string): ServedModel | undefined {
    return this.settled.get(`${name}\u0000${version}`);
  }

  /** Loads every model's default version. */
  async warm(): Promise<void> {
    await Promise.all(this.entries().map((e) => this.get(e.name, this.defaultVersion(e))));
  }

  /** True when every model's default version is loaded. */
  isReady(): boolean {
    const entries = this.entries();
    return entries.length > 0 && entries.every((e) => this.settled.has(`${e.name}\u0000${this.defaultVersion(e)}`));
  }

  private async load(name: string, version: string): Promise<ServedModel> {
    const payload = await this.source.load(name, version);
    const pipeline = ModelPipeline.fromArtifact(payload.artifact);
    return {
      name,
      version,
      pipeline,
      task: pipeline.task,
      inputSchema: pipeline.inputSchema,
      classLabels: pipeline.classLabels ?? null,
      metadata: payload.metadata ?? {},
    };
  }
}
