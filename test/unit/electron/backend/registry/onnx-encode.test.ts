import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '../../../../../electron/ml/onnx/graph.js';
import { encodeOnnxModel } from '../../../../../electron/backend/registry/onnx-encode.js';
import { numbersOf, runOnnx, runOnnxOnMatrix } from '../../../../helpers/onnx-runtime.js';
import { fromRows } from '../../../../../electron/ml/core/matrix.js';

/** (x - offset) * scale through ai.onnx.ml Scaler, then + bias through an initializer and Add. */
function scalerGraph() {
  const b = new OnnxGraphBuilder();
  const scaled = b.uniqueName('scaled');
  b.addNode('Scaler', ['input'], [scaled], [
    { name: 'offset', type: 'floats', value: [1, 2] },
    { name: 'scale', type: 'floats', value: [0.5, 4] },
  ], 'ai.onnx.ml');
  const bias = b.addInitializer('bias', 'float', [1, 2], [10, -10]);
  b.addNode('Add', [scaled, bias], ['output']);
  return b.build('scaler_test', [{ name: 'input', elemType: 'float', shape: ['N', 2] }], [{ name: 'output', elemType: 'float', shape: ['N', 2] }]);
}

describe('encodeOnnxModel', () => {
  it('produces a model ONNX Runtime runs with the expected arithmetic', async () => {
    // Arrange
    const bytes = encodeOnnxModel(scalerGraph(), { metadata: { classes: '[0,1]' } });
    const X = fromRows([[3, 2], [1, 4.5], [-1, 0]]);
    // Act
    const out = await runOnnxOnMatrix(bytes, X);
    // Assert
    expect(out.output.dims).toEqual([3, 2]);
    expect(Array.from(numbersOf(out.output))).toEqual([11, -10, 10, 0, 9, -18]);
  });

  it('encodes int64, double and string initializers and attributes exactly', async () => {
    // Arrange: Cast the float input to double, add a double initializer, and output an int64 constant.
    const b = new OnnxGraphBuilder();
    const asDouble = b.uniqueName('as_double');
    b.addNode('Cast', ['input'], [asDouble], [{ name: 'to', type: 'int', value: 11 }]);
    const d = b.addInitializer('d', 'double', [1], [0.1]);
    b.addNode('Add', [asDouble, d], ['sum']);
    b.addNode('Constant', [], ['ints'], [{ name: 'value', type: 'tensor', value: { name: 'k', elemType: 'int64', dims: [3], values: [-2, 0, 2 ** 40] } }]);
    const spec = b.build('types', [{ name: 'input', elemType: 'float', shape: ['N', 1] }], [
      { name: 'sum', elemType: 'double', shape: ['N', 1] },
      { name: 'ints', elemType: 'int64', shape: [3] },
    ]);
    // Act
    const out = await runOnnx(encodeOnnxModel(spec), { input: { data: new Float32Array([0.5]), dims: [1, 1] } });
    // Assert
    expect(numbersOf(out.sum)[0]).toBe(0.5 + 0.1);
    expect(Array.from(numbersOf(out.ints))).toEqual([-2, 0, 2 ** 40]);
  });

  it('is deterministic: the same spec gives the same bytes', () => {
    // Arrange / Act
    const a = encodeOnnxModel(scalerGraph(), { metadata: { b: '2', a: '1' } });
    const b = encodeOnnxModel(scalerGraph(), { metadata: { a: '1', b: '2' } });
    // Assert
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('rejects a node that reads a tensor nothing produced', () => {
    // Arrange
    const spec = scalerGraph();
    spec.nodes[1].inputs[1] = 'nowhere';
    // Act / Assert
    expect(() => encodeOnnxModel(spec)).toThrow(/reads "nowhere"/);
  });

  it('rejects an output no node produces and a domain without an opset', () => {
    // Arrange
    const missingOutput = scalerGraph();
    missingOutput.outputs[0].name = 'other';
    const noOpset = scalerGraph();
    noOpset.opsets = [{ domain: '', version: 17 }];
    // Act / Assert
    expect(() => encodeOnnxModel(missingOutput)).toThrow(/graph output "other"/);
    expect(() => encodeOnnxModel(noOpset)).toThrow(/without an opset/);
  });

  it('rejects an initializer whose values do not fill its dims', () => {
    // Arrange
    const spec = scalerGraph();
    spec.initializers[0].dims = [3, 2];
    // Act / Assert
    expect(() => encodeOnnxModel(spec)).toThrow(/has 2 values for dims \[3, 2\]/);
  });
});
