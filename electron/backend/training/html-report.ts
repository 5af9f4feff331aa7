/**
 * The self-contained HTML report of a run (evaluation.exportHtml): one file with inline styles and
 * inline SVG charts, no script and no external resource (it opens offline, in any browser, years
 * later). It carries the run's lineage (data version, model, params, seed, engine version), the
 * objective's verdict, the lift over the baseline and the one-rule model, every metric, the
 * confusion matrix, ROC / PR / calibration curves or residual plots, importances, the learning
 * curve and the worst errors. Texts in English or Spanish (./html-texts.ts).
 */
import type { EvaluationReport, RunDetail } from '../../../shared/api/methods/training.js';
import { htmlTexts, type HtmlTexts } from './html-texts.js';

type Num = number | null;

/** Escapes text for HTML content and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function fmt(v: Num | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : v.toFixed(digits);
}

const W = 360;
const H = 260;
const PAD = { l: 48, r: 12, t: 12, b: 36 };
const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7f89', '#57606a'];

interface Series {
  name: string;
  x: Num[];
  y: Num[];
  /** Draw points instead of a line. */
  isScatter?: boolean;
  dashed?: boolean;
}

function extent(values: number[], fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** A line or scatter chart as an SVG element. */
export function lineChart(series: Series[], options: { xLabel: string; yLabel: string; xRange?: [number, number]; yRange?: [number, number]; title: string }): string {
  const xs = series.flatMap((s) => s.x.filter((v): v is number => v !== null && Number.isFinite(v)));
  const ys = series.flatMap((s) => s.y.filter((v): v is number => v !== null && Number.isFinite(v)));
  const [x0, x1] = extent(xs, options.xRange);
  const [y0, y1] = extent(ys, options.yRange);
  const px = (x: number): number => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const py = (y: number): number => H - PAD.b - ((y - y0) / (y1 - y0)) * (H - PAD.t - PAD.b);
  const parts: string[] = [];
  parts.push(`<rect x="${PAD.l}" y="${PAD.t}" width="${W - PAD.l - PAD.r}" height="${H - PAD.t - PAD.b}" fill="#fff" stroke="#d0d7de"/>`);
  for (let k = 0; k <= 4; k++) {
    const xv = x0 + ((x1 - x0) * k) / 4;
    const yv = y0 + ((y1 - y0) * k) / 4;
    parts.push(`<text x="${px(xv).toFixed(1)}" y="${H - PAD.b + 14}" font-size="10" text-anchor="middle" fill="#57606a">${escapeHtml(fmt(xv, 2))}</text>`);
    parts.push(`<text x="${PAD.l - 4}" y="${(py(yv) + 3).toFixed(1)}" font-size="10" text-anchor="end" fill="#57606a">${escapeHtml(fmt(yv, 2))}</text>`);
    parts.push(`<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${py(yv).toFixed(1)}" y2="${py(yv).toFixed(1)}" stroke="#eaeef2"/>`);
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts: string[] = [];
    for (let k = 0; k < s.x.length; k++) {
      const x = s.x[k];
      const y = s.y[k];
      if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      pts.push(`${px(x).toFixed(1)},${py(y).toFixed(1)}`);
    }
    if (s.isScatter) {
      for (const p of pts) {
        const [cx, cy] = p.split(',');
        parts.push(`<circle cx="${cx}" cy="${cy}" r="1.8" fill="${color}" fill-opacity="0.5"/>`);
      }
    } else if (pts.length > 0) {
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="4 3"' : ''} points="${pts.join(' ')}"/>`);
    }
  });
  parts.push(`<text x="${(PAD.l + W - PAD.r) / 2}" y="${H - 4}" font-size="11" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`);
  parts.push(`<text x="12" y="${(PAD.t + H - PAD.b) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(PAD.t + H - PAD.b) / 2})">${escapeHtml(options.yLabel)}</text>`);
  const legend = series
    .filter((s) => s.name !== '')
    .map((s, i) => `<span class="key"><i style="background:${COLORS[series.indexOf(s) % COLORS.length]}"></i>${escapeHtml(s.name)}</span>${i < series.length - 1 ? ' ' : ''}`)
    .join('');
  return `<figure><figcaption>${escapeHtml(options.title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(options.title)}">${parts.join('')}</svg><div class="legend">${legend}</div></figure>`;
}

/** A horizontal bar chart (importances, histogram counts) as an SVG element. */
export function barChart(bars: Array<{ label: string; value: number }>, title: string): string {
  const rowH = 16;
  const labelW = 150;
  const width = 520;
  const height = bars.length * rowH + 8;
  const max = Math.max(1e-12, ...bars.map((b) => Math.abs(b.value)));
  const parts = bars.map((b, i) => {
    const w = (Math.abs(b.value) / max) * (width - labelW - 60);
    const y = 4 + i * rowH;
    return `<text x="${labelW - 4}" y="${y + 11}" font-size="10" text-anchor="end">${escapeHtml(b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label)}</text><rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${b.value < 0 ? '#d1242f' : '#1f6feb'}"/><text x="${(labelW + w + 4).toFixed(1)}" y="${y + 11}" font-size="10">${escapeHtml(fmt(b.value, 3))}</text>`;
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg></figure>`;
}

function table(head: string[], rows: string[][], className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function confusionTable(cm: NonNullable<EvaluationReport['classification']>['confusionMatrix'], t: HtmlTexts): string {
  const head = [`${t.actual} \\ ${t.predicted}`, ...cm.labels];
  const rows = cm.labels.map((label, i) => [
    `<b>${escapeHtml(label)}</b>`,
    ...cm.counts[i].map((c, j) => {
      const share = cm.normalizedTrue[i][j];
      const alpha = Math.min(0.85, share).toFixed(2);
      return `<span class="cell" style="background:rgba(31,111,235,${alpha});color:${share > 0.5 ? '#fff' : '#1f2328'}">${escapeHtml(fmt(c, 0))}<small> ${escapeHtml(fmt(share * 100, 1))}%</small></span>`;
    }),
  ]);
  return table(head, rows, 'confusion');
}

/** Renders the report of a run. */
export function renderRunReport(run: RunDetail, report: EvaluationReport, locale: 'en' | 'es', generatedAt: string): string {
  const t = htmlTexts(locale);
  const sections: string[] = [];
  const verdict = report.objective;
  const verdictText = verdict
    ? `<p class="verdict ${verdict.meets ? 'ok' : 'no'}">${escapeHtml(verdict.meets ? t.meets : t.doesNotMeet)}: ${escapeHtml(verdict.metric)} = ${escapeHtml(fmt(verdict.value))} (${escapeHtml(t.threshold)} ${verdict.direction === 'higher' ? '≥' : '≤'} ${escapeHtml(fmt(verdict.threshold))})</p>`
    : `<p class="verdict">${escapeHtml(t.noObjective)}</p>`;
  sections.push(`<section><h2>${escapeHtml(t.summary)}</h2>${verdictText}${table(
    [t.field, t.value],
    [
      [t.model, escapeHtml(`${run.modelId} (${run.modelKind})`)],
      [t.data, escapeHtml(`${run.datasetName} v${run.versionNumber}`)],
      [t.target, escapeHtml(`${run.target} (${run.task === 'classification' ? t.classification : t.regression})`)],
      [t.evaluatedOn, escapeHtml(`${t.parts[report.evaluatedOn]} · ${report.nRows} ${t.rows}`)],
      [t.validation, escapeHtml(run.validation.scheme === 'kfold' ? `k-fold (k = ${run.validation.k})` : t.holdout)],
      [t.seed, escapeHtml(String(run.seed))],
      [t.engine, escapeHtml(run.engineVersion)],
      [t.trainedAt, escapeHtml(`${run.startedAt ?? ''} → ${run.endedAt ?? ''} (${fmt((run.durationMs ?? 0) / 1000, 1)} s)`)],
      [t.params, `<code>${escapeHtml(JSON.stringify(run.params))}</code>`],
    ],
  )}</section>`);

  const liftRows: string[][] = [];
  for (const [name, l] of [[t.baseline, report.lift.baseline], [t.oneRule, report.lift.oneRule]] as const) {
    liftRows.push(l ? [escapeHtml(`${name} (#${l.runNumber})`), escapeHtml(fmt(l.value)), escapeHtml(fmt(l.lift))] : [escapeHtml(name), '—', escapeHtml(t.notTrained)]);
  }
  sections.push(`<section><h2>${escapeHtml(t.lift)} (${escapeHtml(report.metric)})</h2>${table([t.reference, t.value, t.liftColumn], liftRows)}</section>`);

  const metricRows = Object.entries(report.metrics).map(([id, v]) => [escapeHtml(id), escapeHtml(fmt(v))]);
  const cv = run.cv ? table([t.metric, t.cvMean, t.cvStd], Object.keys(run.cv.mean).map((id) => [escapeHtml(id), escapeHtml(fmt(run.cv!.mean[id])), escapeHtml(fmt(run.cv!.std[id]))])) : '';
  sections.push(`<section><h2>${escapeHtml(t.metrics)}</h2>${table([t.metric, t.value], metricRows)}${cv ? `<h3>${escapeHtml(t.crossValidation)}</h3>${cv}` : ''}</section>`);

  const c = report.classification;
  if (c) {
    sections.push(`<section><h2>${escapeHtml(t.confusion)}</h2>${confusionTable(c.confusionMatrix, t)}</section>`);
    sections.push(
      `<section><h2>${escapeHtml(t.perClass)}</h2>${table(
        [t.className, 'precision', 'recall', 'F1', t.support, 'ROC AUC', 'AP'],
        c.perClass.map((p) => [escapeHtml(p.name), fmt(p.precision), fmt(p.recall), fmt(p.f1), fmt(p.support, 0), fmt(p.rocAuc), fmt(p.averagePrecision)].map((x, i) => (i === 0 ? x : escapeHtml(x)))),
      )}</section>`,
    );
    const charts: string[] = [];
    if (c.roc.length > 0) {
      charts.push(
        lineChart([...c.roc.map((r) => ({ name: `${r.name} (AUC ${fmt(r.auc, 3)})`, x: r.fpr, y: r.tpr })), { name: '', x: [0, 1], y: [0, 1], dashed: true }], {
          title: t.roc,
          xLabel: t.fpr,
          yLabel: t.tpr,
          xRange: [0, 1],
          yRange: [0, 1],
        }),
      );
    }
    if (c.pr.length > 0) {
      charts.push(lineChart(c.pr.map((r) => ({ name: `${r.name} (AP ${fmt(r.averagePrecision, 3)})`, x: r.recall, y: r.precision })), { title: t.pr, xLabel: 'recall', yLabel: 'precision', xRange: [0, 1], yRange: [0, 1] }));
    }
    const cal = c.calibration.find((x) => x.strategy === 'uniform');
    if (cal) {
      charts.push(lineChart([{ name: t.model, x: cal.probPred, y: cal.probTrue }, { name: t.perfect, x: [0, 1], y: [0, 1], dashed: true }], { title: t.calibration, xLabel: t.predictedProbability, yLabel: t.observedFrequency, xRange: [0, 1], yRange: [0, 1] }));
    }
    if (charts.length > 0) sections.push(`<section><h2>${escapeHtml(t.curves)}</h2><div class="charts">${charts.join('')}</div></section>`);
  }
  const r = report.regression;
  if (r) {
    const charts = [
      lineChart([{ name: t.rowsName, x: r.scatter.yTrue, y: r.scatter.yPred, isScatter: true }, { name: t.perfect, x: [Math.min(...r.scatter.yTrue), Math.max(...r.scatter.yTrue)], y: [Math.min(...r.scatter.yTrue), Math.max(...r.scatter.yTrue)], dashed: true }], {
        title: t.predictedVsActual,
        xLabel: t.actual,
        yLabel: t.predicted,
      }),
      lineChart([{ name: '', x: r.scatter.yPred, y: r.scatter.yTrue.map((y, i) => y - r.scatter.yPred[i]), isScatter: true }], { title: t.residualsVsPredicted, xLabel: t.predicted, yLabel: t.residual }),
    ];
    const h = r.residuals.histogram;
    const bars = h.counts.map((count, i) => ({ label: `${fmt(h.edges[i], 2)} … ${fmt(h.edges[i + 1], 2)}`, value: count }));
    sections.push(`<section><h2>${escapeHtml(t.residuals)}</h2><p>${escapeHtml(t.residualMean)}: ${escapeHtml(fmt(r.residuals.mean))} · ${escapeHtml(t.residualStd)}: ${escapeHtml(fmt(r.residuals.std))}</p><div class="charts">${charts.join('')}</div>${barChart(bars, t.residualHistogram)}</section>`);
  }
  if (run.curve.length > 0) {
    const series: Series[] = [];
    if (run.curve.some((p) => p.trainLoss !== undefined)) series.push({ name: t.trainLoss, x: run.curve.map((p) => p.iteration), y: run.curve.map((p) => p.trainLoss ?? null) });
    if (run.curve.some((p) => p.validationScore !== undefined)) series.push({ name: `${t.validationScore} (${run.curveMetric ?? ''})`, x: run.curve.map((p) => p.iteration), y: run.curve.map((p) => p.validationScore ?? null) });
    sections.push(`<section><h2>${escapeHtml(t.learningCurve)}</h2>${lineChart(series, { title: t.learningCurve, xLabel: t.iteration, yLabel: t.loss })}</section>`);
  }
  if (report.featureImportances && report.featureImportances.length > 0) {
    sections.push(`<section><h2>${escapeHtml(t.importances)}</h2>${barChart(report.featureImportances.slice(0, 25).map((f) => ({ label: f.name, value: f.importance })), t.importances)}</section>`);
  }
  if (report.permutationImportance) {
    const p = report.permutationImportance;
    sections.push(`<section><h2>${escapeHtml(t.permutation)} (${escapeHtml(p.metric)})</h2>${barChart(p.features.slice(0, 25).map((f) => ({ label: f.feature, value: f.importanceMean ?? 0 })), t.permutation)}</section>`);
  }
  if (report.worstErrors.rows.length > 0) {
    const w = report.worstErrors;
    sections.push(
      `<section><h2>${escapeHtml(t.worstErrors)}</h2><div class="scroll">${table(
        [t.rowId, t.actual, t.predicted, report.task === 'classification' ? t.probTrue : t.residual, ...w.columns],
        w.rows.map((row) => [
          escapeHtml(String(row.rowId)),
          escapeHtml(row.actual),
          escapeHtml(row.predicted),
          escapeHtml(fmt(report.task === 'classification' ? row.probTrue : row.residual)),
          ...row.cells.map((cell) => (cell === null ? '<i>—</i>' : escapeHtml(cell))),
        ]),
      )}</div></section>`,
    );
  }
  const title = `${t.title} #${run.number} · ${run.modelId}`;
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ciclo">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.confusion td{padding:0}.cell{display:block;padding:6px 10px;min-width:64px;text-align:center}.cell small{opacity:.8}
.verdict{font-weight:600;padding:8px 12px;border-radius:6px;background:#f6f8fa}.verdict.ok{background:#dafbe1}.verdict.no{background:#ffebe9}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}.legend{font-size:12px}.key i{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}
.scroll{overflow-x:auto}code{font-size:12px;word-break:break-all}.meta{color:#57606a}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(t.generated)} ${escapeHtml(generatedAt)} · Ciclo</p>
${sections.join('\n')}
</body>
</html>
`;
}
