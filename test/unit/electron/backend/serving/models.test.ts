import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelPipeline } from '../../../../../electron/ml/compose/model-pipeline.js';
import { ModelCatalog, parseModelRef } from '../../../../../electron/backend/serving/models.js';
import type { ModelSource } from '../../../../../electron/backend/serving/types.js';
import { spendRegressor } from './pipelines.js';

let spend: ModelPipeline;
beforeAll(() => {
  spend = spendRegressor();
});

function source(entries: Awaited<ReturnType<ModelSource['list']>>, load: ModelSource['load'] = () => ({ artifact: spend.toArtifact(), metadata: {} })): ModelSource {
  return { list: () => entries, load };
}

describe('parseModelRef', () => {
  it('reads NAME, NAME@STAGE and NAME/VERSION', () => {
    expect(parseModelRef('churn')).toEqual({ name: 'churn' });
    expect(parseModelRef('churn@production')).toEqual({ name: 'churn', ref: 'production' });
    expect(parseModelRef('churn/12')).toEqual({ name: 'churn', ref: '12' });
  });
});

describe('ModelCatalog', () => {
  it('serves the declared default, else production, else the newest version', async () => {
    const c = new ModelCatalog(
      source([
        { name: 'a', versions: [{ version: '1', stages: [] }, { version: '2', stages: ['Production'] }, { version: '3', stages: [] }] },
        { name: 'b', versions: [{ version: '1', stages: [] }, { version: '2', stages: [] }] },
        { name: 'c', versions: [{ version: '1', stages: [] }, { version: '2', stages: ['production'] }], defaultVersion: '1' },
      ]),
    );
    await c.refresh();

    expect(c.resolve('a')).toEqual({ name: 'a', version: '2' });
    expect(c.resolve('a', 'production')).toEqual({ name: 'a', version: '2' });
    expect(c.resolve('a', '3')).toEqual({ name: 'a', version: '3' });
    expect(c.resolve('b')).toEqual({ name: 'b', version: '2' });
    expect(c.resolve('c')).toEqual({ name: 'c', version: '1' });
    expect(() => c.resolve('a', 'archived')).toThrow(/no version or stage "archived"/);
    expect(() => c.resolve('z')).toThrow(/No model named "z" is served here \(served: "a", "b", "c"\)/);
  });

  it('refuses a listing with unsafe names or duplicates', async () => {
    await expect(new ModelCatalog(source([{ name: '../etc', versions: [{ version: '1', stages: [] }] }])).refresh()).rejects.toThrow(/invalid model name/);
    await expect(new ModelCatalog(source([{ name: 'a', versions: [{ version: 'v 1', stages: [] }] }])).refresh()).rejects.toThrow(/invalid version/);
    await expect(
      new ModelCatalog(
        source([
          { name: 'a', versions: [{ version: '1', stages: [] }] },
          { name: 'a', versions: [{ version: '2', stages: [] }] },
        ]),
      ).refresh(),
    ).rejects.toThrow(/twice/);
  });

  it('loads a version once and caches it; a failed load is retried next time', async () => {
    let calls = 0;
    const c = new ModelCatalog(
      source([{ name: 'a', versions: [{ version: '1', stages: [] }] }], () => {
        calls += 1;
        if (calls === 1) throw new Error('disk busy');
        return { artifact: spend.toArtifact(), metadata: { description: 'd' } };
      }),
    );
    await c.refresh();

    await expect(c.get('a', '1')).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/could not be loaded: disk busy/) });
    expect(c.isReady()).toBe(false);
    const m = await c.get('a', '1');
    const again = await c.get('a', '1');

    expect(calls).toBe(2);
    expect(again).toBe(m);
    expect(m).toMatchObject({ name: 'a', version: '1', task: 'regression', classLabels: null, metadata: { description: 'd' } });
    expect(m.inputSchema).toEqual(spend.inputSchema);
    expect(c.isReady()).toBe(true);
  });

  it('refuses an artifact that is not a fitted pipeline', async () => {
    const c = new ModelCatalog(source([{ name: 'a', versions: [{ version: '1', stages: [] }] }], () => ({ artifact: { kind: 'Ridge', version: 1 }, metadata: {} })));
    await c.refresh();

    await expect(c.warm()).rejects.toMatchObject({ status: 503 });
  });
});
