import { describe, expect, it } from 'vitest';
import { curlExamples } from '../../../../../electron/backend/registry/project-serving.js';

const schema = [
  { name: 'age', kind: 'numeric' as const },
  { name: 'city', kind: 'categorical' as const },
  { name: 'since', kind: 'datetime' as const },
];

/** The URL and the JSON body of a generated command. */
function parts(command: string): { url: string; body: unknown; headers: string[] } {
  const m = /^curl -s -X POST '([^']+)'((?: -H (?:'[^']*'|"[^"]*"))+) -d '(.*)'$/.exec(command);
  if (!m) throw new Error(`not a curl command: ${command}`);
  return { url: m[1], headers: m[2].trim().split(/ -H /).map((h) => h.replace(/^-H /, '')), body: JSON.parse(m[3].replace(/'\\''/g, "'")) };
}

describe('curl examples of the Serve step', () => {
  it('send a real row by both protocols, typed as the model reads it', () => {
    const row = { age: 41, city: "L'Hospitalet", since: '2021-05-01T00:00:00.000Z' };
    const ex = curlExamples('http://127.0.0.1:8080', 'churn', schema, row, { hasApiKey: false, isOnlyModel: true });

    const mlflow = parts(ex.mlflow);
    expect(mlflow.url).toBe('http://127.0.0.1:8080/invocations');
    expect(mlflow.body).toEqual({ dataframe_split: { columns: ['age', 'city', 'since'], data: [[41, "L'Hospitalet", '2021-05-01T00:00:00.000Z']] } });
    expect(mlflow.headers).toEqual(["'Content-Type: application/json'"]);
    const v2 = parts(ex.v2);
    expect(v2.url).toBe('http://127.0.0.1:8080/v2/models/churn/infer');
    expect(v2.body).toEqual({
      inputs: [
        { name: 'age', shape: [1], datatype: 'FP64', data: [41] },
        { name: 'city', shape: [1], datatype: 'BYTES', data: ["L'Hospitalet"] },
        { name: 'since', shape: [1], datatype: 'BYTES', data: ['2021-05-01T00:00:00.000Z'] },
      ],
    });
  });

  it('name the model when several are served, send the key from an environment variable, and fill typed values without a row', () => {
    const ex = curlExamples('http://127.0.0.1:9000', 'churn', schema, null, { hasApiKey: true, isOnlyModel: false });

    const mlflow = parts(ex.mlflow);
    expect(mlflow.url).toBe('http://127.0.0.1:9000/invocations?model=churn');
    expect(mlflow.headers).toContain('"Authorization: Bearer $CICLO_API_KEY"');
    expect(mlflow.body).toEqual({ dataframe_split: { columns: ['age', 'city', 'since'], data: [[0, '', '2024-01-01T00:00:00.000Z']] } });
  });
});
