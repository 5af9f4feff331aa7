// Model bundles on real folders: export, verified read-back, refusal of tampered, incomplete and
// foreign bundles, and the ModelSource over bundles that `ciclo serve --bundle` uses.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelPipeline } from '../../../electron/ml/compose/model-pipeline.js';
import { BUNDLE_FORMAT, exportBundle, readBundle } from '../../../electron/backend/registry/bundle.js';
import { bundleModelSource, compareVersions, createModelSource } from '../../../electron/backend/registry/bundle-source.js';
import { ModelCatalog } from '../../../electron/backend/serving/models.js';
import { churnClassifier, churnInputs, spendRegressor } from '../../unit/electron/backend/serving/pipelines.js';
import { tempDir, type TempDir } from '../../helpers/project.js';

let churn: ModelPipeline;
let spend: ModelPipeline;
let tmp: TempDir;

beforeAll(() => {
  churn = churnClassifier();
  spend = spendRegressor();
});
beforeEach(() => {
  tmp = tempDir('ciclo-bundle-');
});
afterEach(() => tmp.cleanup());

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string; details?: { file?: string } }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string; details?: { file?: string } };
  }
  throw new Error('expected a refusal');
}

describe('exportBundle and readBundle', () => {
  it('writes the pipeline, input schema, ONNX model, card, lineage and a manifest of checksums, and reads them back', async () => {
    const dir = join(tmp.path, 'spend-3');
    const lineage = { run: 'run-12', dataset: 'v4', metrics: { rmse: 1.2 } };

    const manifest = await exportBundle(dir, { pipeline: spend, name: 'spend', version: '3', stages: ['production'], modelCard: '# Spend\nFor tests.\n', lineage, metadata: { description: 'spend model' } });

    expect(readdirSync(dir).sort()).toEqual(['input-schema.json', 'lineage.json', 'manifest.json', 'model-card.md', 'model.onnx', 'pipeline.json']);
    expect(manifest).toMatchObject({ format: BUNDLE_FORMAT, formatVersion: 1, name: 'spend', version: '3', stages: ['production'], task: 'regression', target: 'spend', classLabels: null, onnx: { file: 'model.onnx' } });
    for (const f of manifest.files) expect(f.sha256).toBe(sha(join(dir, f.path)));
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);

    const b = await readBundle(dir);
    expect(b.manifest).toEqual(manifest);
    expect(b.modelCard).toBe('# Spend\nFor tests.\n');
    expect(b.lineage).toEqual(lineage);
    expect(b.onnxPath).toBe(join(dir, 'model.onnx'));
    expect(b.inputSchema).toEqual(spend.inputSchema);
    const rows = churnInputs(30).map(({ age, plan }) => ({ age, plan }));
    expect(b.pipeline.predictRows(rows)).toEqual(spend.predictRows(rows));
  });

  it('writes a note naming the steps ONNX cannot express instead of an ONNX model', async () => {
    const dir = join(tmp.path, 'churn');

    const manifest = await exportBundle(dir, { pipeline: churn, name: 'churn', version: '1' });

    expect(existsSync(join(dir, 'model.onnx'))).toBe(false);
    expect('unsupported' in manifest.onnx && manifest.onnx.unsupported.join(' ')).toMatch(/DateTimeFeatures|date/i);
    expect(readFileSync(join(dir, 'onnx-unsupported.md'), 'utf8')).toMatch(/No ONNX model/);
    const b = await readBundle(dir);
    expect(b.onnxPath).toBeNull();
    expect(b.modelCard).toBeNull();
    expect(b.lineage).toBeNull();
    const rows = churnInputs(30);
    expect(b.pipeline.predictRows(rows, { probabilities: true })).toEqual(churn.predictRows(rows, { probabilities: true }));
  });

  it('refuses a non-empty folder, bad names and an unfitted pipeline, leaving nothing behind', async () => {
    const full = join(tmp.path, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'keep me');

    expect(await errorOf(exportBundle(full, { pipeline: spend, name: 'spend', version: '1' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await errorOf(exportBundle(join(tmp.path, 'a'), { pipeline: spend, name: 'my model', version: '1' }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await errorOf(exportBundle(join(tmp.path, 'b'), { pipeline: spend, name: 'spend', version: '../1' }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await errorOf(exportBundle(join(tmp.path, 'c'), { pipeline: spend.clone(), name: 'spend', version: '1' }))).toMatchObject({ code: 'NOT_FITTED' });
    expect(readdirSync(tmp.path).sort()).toEqual(['full']);
    expect(readdirSync(full)).toEqual(['notes.txt']);
  });

  it('exports into an existing empty folder', async () => {
    const dir = join(tmp.path, 'empty');
    mkdirSync(dir);

    await exportBundle(dir, { pipeline: spend, name: 'spend', version: '1' });

    expect((await readBundle(dir)).manifest.name).toBe('spend');
  });
});

describe('readBundle refuses damaged bundles, naming the file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(tmp.path, 'b');
    await exportBundle(dir, { pipeline: spend, name: 'spend', version: '1', modelCard: '# card\n', lineage: { run: 'r' } });
  });

  it.each([
    ['pipeline.json', (d: string) => writeFileSync(join(d, 'pipeline.json'), readFileSync(join(d, 'pipeline.json'), 'utf8').replace(/"alpha":1/, '"alpha":2'))],
    ['model.onnx', (d: string) => writeFileSync(join(d, 'model.onnx'), Buffer.concat([readFileSync(join(d, 'model.onnx')), Buffer.from([0])]))],
    ['model-card.md', (d: string) => writeFileSync(join(d, 'model-card.md'), '# card, edited\n')],
    ['input-schema.json', (d: string) => writeFileSync(join(d, 'input-schema.json'), '{"columns":[]}')],
  ])('a modified %s', async (file, tamper) => {
    tamper(dir);

    const err = await errorOf(readBundle(dir));

    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(new RegExp(`${file.replace('.', '\\.')} does not match its checksum`));
    expect(err.details?.file).toBe(file);
  });

  it('a missing file', async () => {
    rmSync(join(dir, 'lineage.json'));

    const err = await errorOf(readBundle(dir));

    expect(err.message).toBe('The bundle is incomplete: lineage.json is missing.');
    expect(err.details?.file).toBe('lineage.json');
  });

  it('a manifest that no longer lists a required file, or lists a path outside the bundle', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, files: m.files.filter((f: { role: string }) => f.role !== 'input-schema') }));
    expect((await errorOf(readBundle(dir))).message).toMatch(/incomplete: manifest.json does not list input-schema.json/);

    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, files: [...m.files, { path: '../secret', role: 'lineage', bytes: 1, sha256: 'a'.repeat(64) }] }));
    expect((await errorOf(readBundle(dir))).message).toMatch(/manifest.json is malformed at files/);
  });

  it('a manifest edited to disagree with the pipeline', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, target: 'price' }));

    const err = await errorOf(readBundle(dir));

    expect(err.message).toMatch(/manifest.json does not match the pipeline/);
    expect(err.details?.file).toBe('manifest.json');
  });

  it('a folder that is not a bundle, a missing folder, and a newer format', async () => {
    const plain = join(tmp.path, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'data.csv'), 'a,b\n');
    expect((await errorOf(readBundle(plain))).message).toMatch(/not a Ciclo model bundle: manifest.json is missing/);
    expect((await errorOf(readBundle(join(tmp.path, 'nowhere')))).code).toBe('NOT_FOUND');

    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 2 }));
    expect((await errorOf(readBundle(dir))).message).toMatch(/written by a newer Ciclo/);
  });
});

describe('bundleModelSource', () => {
  it('lists versions in order with their stages, serves production by default, and loads each version', async () => {
    const dirs = ['10', '2', '9'].map((v) => join(tmp.path, `spend-${v}`));
    await exportBundle(dirs[0], { pipeline: spend, name: 'spend', version: '10' });
    await exportBundle(dirs[1], { pipeline: spend, name: 'spend', version: '2', stages: ['production'] });
    await exportBundle(dirs[2], { pipeline: churn, name: 'churn', version: '9', lineage: { run: 'r9' } });

    const source = await createModelSource({ dirs });
    const catalog = new ModelCatalog(source);
    await catalog.refresh();

    expect(await source.list()).toEqual([
      { name: 'churn', versions: [{ version: '9', stages: [] }] },
      { name: 'spend', versions: [{ version: '2', stages: ['production'] }, { version: '10', stages: [] }] },
    ]);
    expect(catalog.resolve('spend')).toEqual({ name: 'spend', version: '2' });
    expect(catalog.resolve('churn')).toEqual({ name: 'churn', version: '9' });
    const payload = await source.load('churn', '9');
    expect(payload.metadata).toMatchObject({ lineage: { run: 'r9' }, engineVersion: expect.any(String) });
    expect(payload.artifact).toEqual(churn.toArtifact());
  });

  it('refuses two bundles of the same name and version', async () => {
    const a = join(tmp.path, 'a');
    const b = join(tmp.path, 'b');
    await exportBundle(a, { pipeline: spend, name: 'spend', version: '1' });
    await exportBundle(b, { pipeline: spend, name: 'spend', version: '1' });

    expect(() => bundleModelSource([])).not.toThrow();
    await expect(createModelSource({ dirs: [a, b] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('orders versions numerically when they are numbers', () => {
    expect(['10', '9', '1.5', 'b', 'a'].sort(compareVersions)).toEqual(['1.5', '9', '10', 'a', 'b']);
  });
});
