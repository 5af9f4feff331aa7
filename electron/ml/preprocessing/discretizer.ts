/**
 * Binning of continuous features into intervals, as scikit-learn's `KBinsDiscretizer`: edges at
 * equal widths ('uniform') or at the training quantiles ('quantile', numpy's linear percentiles,
 * dropping bins narrower than 1e-8); a value goes to bin `searchsorted(inner edges, x, 'right')`.
 * Encoded as the bin index ('ordinal') or one 0/1 column per bin ('onehot'). Missing values stay
 * missing ('ordinal') or get no bin ('onehot': all zeros).
 */
import { createMatrix, type Matrix } from '../core/matrix.js';
import { ArtifactError } from '../core/errors.js';
import { decodeF64, decodeI32, encodeArray, makeArtifact, type Artifact } from '../core/serialize.js';
import type { OnnxGraphBuilder } from '../onnx/graph.js';
import { checkEnumParam, checkNumberParam, expectLength, mergeParams, readArtifact, readInt } from '../baseline/common.js';
import { MatrixTransformerBase, percentileSorted, presentValues, type MatrixTransformer } from './types.js';

/** Hyper-parameters of {@link KBinsDiscretizer}. */
export interface KBinsDiscretizerParams {
  /** Bins per feature (sklearn `n_bins`). Default 5. */
  nBins: number;
  /** 'onehot' (one column per bin) or 'ordinal' (the bin index) (sklearn `encode`). Default 'onehot'. */
  encode: 'onehot' | 'ordinal';
  /** 'quantile' (equal counts) or 'uniform' (equal widths) (sklearn `strategy`). Default 'quantile'. */
  strategy: 'quantile' | 'uniform';
}

const DEFAULTS: Readonly<KBinsDiscretizerParams> = Object.freeze({ nBins: 5, encode: 'onehot', strategy: 'quantile' });

function validate(p: KBinsDiscretizerParams): void {
  checkNumberParam(KBinsDiscretizer.KIND, 'nBins', p.nBins, { isInteger: true, min: 2 });
  checkEnumParam(KBinsDiscretizer.KIND, 'encode', p.encode, ['onehot', 'ordinal']);
  checkEnumParam(KBinsDiscretizer.KIND, 'strategy', p.strategy, ['quantile', 'uniform']);
}

interface KBinsState {
  nFeatures: number;
  /** Bins of each feature. */
  nBins: Int32Array;
  /** All edges, feature after feature (nBins[j] + 1 each). */
  edges: Float64Array;
}

/** numpy's linspace (the last point is exactly `stop`). */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = start + i * step;
  out[num - 1] = stop;
  return out;
}

/** Interval binning of each feature. */
export class KBinsDiscretizer extends MatrixTransformerBase<KBinsDiscretizerParams, KBinsState> implements MatrixTransformer<KBinsDiscretizerParams> {
  static readonly KIND = 'KBinsDiscretizer';
  readonly kind = KBinsDiscretizer.KIND;

  constructor(params: Partial<KBinsDiscretizerParams> = {}) {
    super(mergeParams(KBinsDiscretizer.KIND, DEFAULTS, params));
  }

  /** Learns the bin edges of each feature, ignoring missing values. */
  fit(X: Matrix): this {
    validate(this.params);
    this.checkFitMatrix(X);
    const p = X.nCols;
    const nBins = new Int32Array(p);
    const all: number[] = [];
    for (let j = 0; j < p; j++) {
      const v = presentValues(X, j).sort();
      if (v.length === 0 || v[0] === v[v.length - 1]) {
        // No spread: one bin covering everything, as sklearn.
        nBins[j] = 1;
        all.push(-Infinity, Infinity);
        continue;
      }
      const k = this.params.nBins;
      let edges: Float64Array;
      if (this.params.strategy === 'uniform') edges = linspace(v[0], v[v.length - 1], k + 1);
      else {
        const q = linspace(0, 100, k + 1);
        edges = q.map((qq) => percentileSorted(v, qq));
        const kept: number[] = [edges[0]];
        for (let e = 1; e < edges.length; e++) if (edges[e] - edges[e - 1] > 1e-8) kept.push(edges[e]);
        edges = Float64Array.from(kept);
      }
      nBins[j] = edges.length - 1;
      all.push(...edges);
    }
    this.fitted = { nFeatures: p, nBins, edges: Float64Array.from(all) };
    return this;
  }

  /** Bin index of each value (or its one-hot columns). */
  transform(X: Matrix): Matrix {
    const s = this.checkWidth(X);
    const n = X.nRows;
    const onehot = this.params.encode === 'onehot';
    let width = 0;
    for (let j = 0; j < s.nFeatures; j++) width += onehot ? s.nBins[j] : 1;
    const out = createMatrix(n, width);
    let edgeOff = 0;
    let col = 0;
    for (let j = 0; j < s.nFeatures; j++) {
      const nb = s.nBins[j];
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const v = X.data[off + i];
        if (Number.isNaN(v)) {
          if (!onehot) out.data[col * n + i] = NaN;
          continue;
        }
        // Count inner edges <= v (searchsorted side='right' over edges[1..nb-1]).
        let lo = 0;
        let hi = nb - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (s.edges[edgeOff + 1 + mid] <= v) lo = mid + 1;
          else hi = mid;
        }
        if (onehot) out.data[(col + lo) * n + i] = 1;
        else out.data[col * n + i] = lo;
      }
      edgeOff += nb + 1;
      col += onehot ? nb : 1;
    }
    return out;
  }

  /** Bin edges per feature (sklearn `bin_edges_`). */
  binEdges(): Float64Array[] {
    const s = this.state();
    const out: Float64Array[] = [];
    let off = 0;
    for (let j = 0; j < s.nFeatures; j++) {
      out.push(s.edges.slice(off, off + s.nBins[j] + 1));
      off += s.nBins[j] + 1;
    }
    return out;
  }

  /** Ordinal: the input names; one-hot: `<name>_<bin>`. */
  override featureNamesOut(inputNames: readonly string[]): string[] {
    const s = this.state();
    if (this.params.encode === 'ordinal') return [...inputNames];
    const out: string[] = [];
    for (let j = 0; j < s.nFeatures; j++) for (let b = 0; b < s.nBins[j]; b++) out.push(`${inputNames[j]}_${b}`);
    return out;
  }

  /** A new unfitted copy. */
  clone(): KBinsDiscretizer {
    return new KBinsDiscretizer(this.getParams());
  }

  /** Serialises the fitted discretizer. */
  toArtifact(): Artifact {
    const s = this.state();
    return makeArtifact(this.kind, 1, this.getParams(), { nFeatures: s.nFeatures, nBins: encodeArray(s.nBins), edges: encodeArray(s.edges) });
  }

  /** Loads a discretizer saved by `toArtifact`. */
  static fromArtifact(value: unknown): KBinsDiscretizer {
    const { params, state } = readArtifact(value, KBinsDiscretizer.KIND, [1], DEFAULTS, validate);
    const m = new KBinsDiscretizer(params);
    const nFeatures = readInt(state, 'nFeatures', 'state', 1);
    const nBins = decodeI32(state.nBins, 'state.nBins');
    expectLength(nBins, nFeatures, 'state.nBins');
    let total = 0;
    for (const b of nBins) {
      if (b < 1) throw new ArtifactError('Model spec field state.nBins must hold positive counts.');
      total += b + 1;
    }
    const edges = decodeF64(state.edges, 'state.edges');
    expectLength(edges, total, 'state.edges');
    m.fitted = { nFeatures, nBins, edges };
    return m;
  }

  /**
   * ONNX for ordinal encoding: the bin index is the number of inner edges <= x, computed as
   * ReduceSum(Cast(GreaterOrEqual(x[:, :, None], innerEdges))) with edges padded by +inf.
   * (A missing input becomes bin 0 in ONNX, where the engine keeps NaN.)
   */
  toOnnx(builder: OnnxGraphBuilder, input: string): { output?: string } {
    const s = this.state();
    if (this.params.encode !== 'ordinal') return {};
    let maxInner = 1;
    for (const b of s.nBins) maxInner = Math.max(maxInner, b - 1);
    const table = new Float64Array(s.nFeatures * maxInner).fill(Infinity);
    let off = 0;
    for (let j = 0; j < s.nFeatures; j++) {
      for (let e = 0; e < s.nBins[j] - 1; e++) table[j * maxInner + e] = s.edges[off + 1 + e];
      off += s.nBins[j] + 1;
    }
    const edgesName = builder.addInitializer('bin_edges', 'float', [s.nFeatures, maxInner], table);
    const axes = builder.addInitializer('axes', 'int64', [1], [2]);
    const [expanded] = builder.addNode('Unsqueeze', [input, axes], [builder.uniqueName('bins_x')]);
    const [ge] = builder.addNode('GreaterOrEqual', [expanded, edgesName], [builder.uniqueName('bins_ge')]);
    const [asFloat] = builder.addNode('Cast', [ge], [builder.uniqueName('bins_cast')], [{ name: 'to', type: 'int', value: 1 }]);
    const sumAxes = builder.addInitializer('axes', 'int64', [1], [2]);
    const [output] = builder.addNode('ReduceSum', [asFloat, sumAxes], [builder.uniqueName('bins')], [{ name: 'keepdims', type: 'int', value: 0 }]);
    return { output };
  }
}
