/**
 * Inner loops of the linear models over a block of rows of a column-major matrix, four columns at
 * a time: one pass updates the block's scores with four columns (a quarter of the loads and stores
 * of one column at a time), and the gradient keeps four independent accumulators (so additions do
 * not wait on each other). V8 does not vectorise, so this unrolling is what makes the loops fast.
 */

/**
 * z[i] += sum_j w[wOff + j * wStride] * X[j * n + start + i] for i < m, over the p columns.
 */
export function addWeightedColumns(data: Float64Array, n: number, start: number, m: number, p: number, w: Float64Array, wOff: number, wStride: number, z: Float64Array, zOff: number): void {
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const w0 = w[wOff + j * wStride];
    const w1 = w[wOff + (j + 1) * wStride];
    const w2 = w[wOff + (j + 2) * wStride];
    const w3 = w[wOff + (j + 3) * wStride];
    const o0 = j * n + start;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = 0; i < m; i++) z[zOff + i] += w0 * data[o0 + i] + w1 * data[o1 + i] + w2 * data[o2 + i] + w3 * data[o3 + i];
  }
  for (; j < p; j++) {
    const wj = w[wOff + j * wStride];
    if (wj === 0) continue;
    const o = j * n + start;
    for (let i = 0; i < m; i++) z[zOff + i] += wj * data[o + i];
  }
}

/**
 * g[gOff + j * gStride] += sum_i X[j * n + start + i] * r[rOff + i] for i < m, over the p columns.
 */
export function addColumnDots(data: Float64Array, n: number, start: number, m: number, p: number, r: Float64Array, rOff: number, g: Float64Array, gOff: number, gStride: number): void {
  let j = 0;
  for (; j + 3 < p; j += 4) {
    const o0 = j * n + start;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let i = 0; i < m; i++) {
      const ri = r[rOff + i];
      a0 += data[o0 + i] * ri;
      a1 += data[o1 + i] * ri;
      a2 += data[o2 + i] * ri;
      a3 += data[o3 + i] * ri;
    }
    g[gOff + j * gStride] += a0;
    g[gOff + (j + 1) * gStride] += a1;
    g[gOff + (j + 2) * gStride] += a2;
    g[gOff + (j + 3) * gStride] += a3;
  }
  for (; j < p; j++) {
    const o = j * n + start;
    let a = 0;
    for (let i = 0; i < m; i++) a += data[o + i] * r[rOff + i];
    g[gOff + j * gStride] += a;
  }
}
