/**
 * Model cards: each section is generated as Markdown from the facts captured when the version was
 * registered (registry.ts) and the version's lineage, in English or Spanish; a section the user
 * edited shows the edited text instead (saved per version, revertible). The whole card is also one
 * Markdown document, which bundles carry as model-card.md.
 *
 * The layout follows the model card idea of Mitchell et al., "Model Cards for Model Reporting"
 * (FAT* 2019): intended use, data, metrics, limits and per-group results, in plain words.
 */
import { CARD_SECTIONS, type CardSectionId, type ModelCard, type ModelCardFacts, type ModelCardSection, type ModelLineage } from '../../../shared/api/methods/registry.js';
import { DATASET_TEXTS } from '../../../shared/domain/dataset-texts.js';
import type { CardSectionRecord } from '../storage/repos/registry.js';
import { cardTexts, fill, type CardTexts } from './card-texts.js';
import { MIN_GAP_ROWS } from './card-work.js';

/** Findings listed in full at most; the rest are counted. */
const MAX_LIMITS = 12;

function fmt(v: number | null | undefined, locale: 'en' | 'es'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return v.toLocaleString(locale === 'es' ? 'es-ES' : 'en-US');
  return v.toLocaleString(locale === 'es' ? 'es-ES' : 'en-US', { maximumSignificantDigits: 4 });
}

function pct(v: number, locale: 'en' | 'es'): string {
  return `${(v * 100).toLocaleString(locale === 'es' ? 'es-ES' : 'en-US', { maximumFractionDigits: 1 })} %`;
}

/** Escapes a table cell (pipes and line breaks would break the row). */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function dateOf(iso: string, locale: 'en' | 'es'): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale === 'es' ? 'es-ES' : 'en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function findingText(key: string, params: Record<string, string | number>, locale: 'en' | 'es'): string {
  const t = DATASET_TEXTS[key];
  return t ? fill(t[locale], params) : key;
}

function overview(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  const lines = [fill(t.overview.summary, { task: t.task[f.task], modelKind: f.modelKind, target: f.target })];
  if (f.classLabels) lines.push(fill(t.overview.classes, { classes: f.classLabels.map((c) => `"${c}"`).join(', ') }));
  lines.push(fill(t.overview.registered, { by: f.registeredBy, date: dateOf(f.registeredAt, locale) }));
  lines.push(fill(t.overview.inputs, { count: f.inputSchema.length }));
  return lines.join(' ');
}

function intendedUse(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  const o = f.objective;
  if (!o) return t.intended.none;
  const out = [fill(t.intended.goal, { target: o.target || f.target, inputs: o.inputs || f.inputSchema.map((c) => c.name).join(', ') })];
  out.push(fill(t.intended.success, { metric: o.metric, op: o.direction === 'higher' ? '≥' : '≤', threshold: fmt(o.threshold, locale) }));
  if (o.positiveClass) out.push(fill(t.intended.positive, { positive: o.positiveClass }));
  out.push(o.value === null ? fill(t.intended.unknownValue, { metric: o.metric }) : fill(o.meets ? t.intended.met : t.intended.notMet, { metric: o.metric, value: fmt(o.value, locale) }));
  out.push(t.intended.scope);
  return out.join('\n\n');
}

function trainingData(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  const out: string[] = [];
  const d = f.data;
  if (!d) out.push(t.data.unknown);
  else {
    out.push(fill(t.data.dataset, { dataset: d.datasetName, version: d.versionNumber, rows: fmt(d.rows, locale), columns: d.columns }));
    out.push(d.partition ? fill(t.data.partition, { train: fmt(d.partition.train, locale), validation: fmt(d.partition.validation, locale), test: fmt(d.partition.test, locale) }) : t.data.noPartition);
    if (d.trainRows !== null) out.push(fill(t.data.trained, { rows: fmt(d.trainRows, locale) }));
    if (d.evaluatedRows !== null && d.evaluatedOn) out.push(fill(d.evaluatedOn === 'validation' ? t.data.evaluatedValidation : t.data.evaluatedOutOfFold, { rows: fmt(d.evaluatedRows, locale) }));
  }
  out.push(t.data.inputsHeader);
  out.push(table([t.data.column, t.data.kindHeader], f.inputSchema.map((c) => [`\`${c.name}\``, t.kind[c.kind]])));
  return out.join('\n\n');
}

function metrics(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  if (f.metrics.length === 0) return t.metrics.none;
  const rows = f.metrics.map((m) => [m.id, fmt(m.value, locale), m.threshold === null ? '' : `${m.direction === 'lower' ? '≤' : '≥'} ${fmt(m.threshold, locale)}`, m.meets === null ? '' : m.meets ? t.metrics.yes : t.metrics.no]);
  const out = [table([...t.metrics.header], rows)];
  if (f.objective) out.push(t.metrics.objectiveNote);
  return out.join('\n\n');
}

function limitations(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  const out: string[] = [];
  if (f.limits === null) out.push(t.limits.notChecked);
  else if (f.limits.length === 0) out.push(t.limits.none);
  else {
    out.push(t.limits.intro);
    const order = { critical: 0, warning: 1, info: 2 } as const;
    const sorted = [...f.limits].sort((a, b) => order[a.severity] - order[b.severity]);
    const items = sorted.slice(0, MAX_LIMITS).map((l) => {
      const title = findingText(`${l.messageKey}.title`, l.params, locale);
      const explanation = findingText(`${l.messageKey}.explanation`, l.params, locale);
      return `- **${title}** (${t.limits.severity[l.severity]}): ${explanation}`;
    });
    out.push(items.join('\n'));
    if (sorted.length > MAX_LIMITS) out.push(fill(t.limits.more, { count: sorted.length - MAX_LIMITS }));
  }
  if (f.data?.evaluatedRows !== null && f.data?.evaluatedRows !== undefined) out.push(fill(t.limits.evaluatedOn, { rows: fmt(f.data.evaluatedRows, locale) }));
  return out.join('\n\n');
}

function fairness(f: ModelCardFacts, t: CardTexts, locale: 'en' | 'es'): string {
  const fa = f.fairness;
  if (fa.status !== 'computed') return t.fairness[fa.status];
  const out = [t.fairness.computed];
  for (const c of fa.columns) {
    out.push(`${fill(t.fairness.column, { column: c.column })} ${c.isModelInput ? t.fairness.isInput : t.fairness.notInput}`);
    const keys = [...new Set(c.groups.flatMap((g) => Object.keys(g.metrics)))];
    out.push(table([t.fairness.group, t.fairness.rows, t.fairness.share, ...keys], c.groups.map((g) => [g.group, fmt(g.rows, locale), pct(g.share, locale), ...keys.map((k) => fmt(g.metrics[k], locale))])));
    const gapMetric = f.task === 'classification' ? 'accuracy' : 'mae';
    out.push(c.maxGap === null ? fill(t.fairness.noGap, { min: MIN_GAP_ROWS }) : fill(t.fairness.gap, { metric: gapMetric, min: MIN_GAP_ROWS, gap: fmt(c.maxGap, locale) }));
  }
  out.push(t.fairness.caution);
  return out.join('\n\n');
}

function lineageSection(l: ModelLineage, t: CardTexts, locale: 'en' | 'es'): string {
  const out: string[] = [];
  const unknown = t.lineage.unknown;
  if (l.bundle) out.push(fill(t.lineage.bundle, { path: l.bundle.path, name: l.bundle.name, version: l.bundle.version, date: dateOf(l.bundle.exportedAt, locale) }));
  if (l.runNumber !== null) out.push(fill(t.lineage.run, { run: l.runNumber, runId: l.runId ?? unknown }));
  if (l.datasetName !== null) out.push(fill(t.lineage.dataset, { dataset: l.datasetName, version: l.datasetVersionNumber ?? unknown, versionId: l.datasetVersionId ?? unknown }));
  out.push(fill(t.lineage.model, { modelId: l.modelId ?? unknown, modelKind: l.modelKind }));
  const params = Object.entries(l.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  out.push(fill(t.lineage.params, { params: params || '—' }));
  out.push(fill(t.lineage.seed, { seed: l.seed ?? unknown }));
  out.push(fill(t.lineage.engine, { engine: l.engineVersion }));
  out.push(fill(t.lineage.artifact, { sha: l.artifactSha256, bytes: fmt(l.artifactBytes, locale) }));
  if (l.chosenThreshold !== null) out.push(fill(t.lineage.threshold, { threshold: fmt(l.chosenThreshold, locale) }));
  return out.map((s) => `- ${s}`).join('\n');
}

/** The generated Markdown of every section. */
export function generateSections(facts: ModelCardFacts, lineage: ModelLineage, locale: 'en' | 'es'): Record<CardSectionId, string> {
  const t = cardTexts(locale);
  return {
    overview: overview(facts, t, locale),
    intendedUse: intendedUse(facts, t, locale),
    trainingData: trainingData(facts, t, locale),
    metrics: metrics(facts, t, locale),
    limitations: limitations(facts, t, locale),
    fairness: fairness(facts, t, locale),
    lineage: lineageSection(lineage, t, locale),
  };
}

/** The card of a version: generated sections, with the edited ones in their place. */
export function renderCard(facts: ModelCardFacts, lineage: ModelLineage, edits: readonly CardSectionRecord[], locale: 'en' | 'es'): ModelCard {
  const t = cardTexts(locale);
  const generated = generateSections(facts, lineage, locale);
  const edited = new Map(edits.map((e) => [e.section, e]));
  const sections: ModelCardSection[] = CARD_SECTIONS.map((id) => {
    const e = edited.get(id);
    return {
      id,
      title: t.sections[id],
      markdown: e ? e.markdown : generated[id],
      generatedMarkdown: generated[id],
      isEdited: e !== undefined,
      editedBy: e?.editedBy ?? null,
      editedAt: e?.editedAt ?? null,
    };
  });
  const markdown = [`# ${fill(t.title, { name: facts.name, version: facts.version })}`, ...sections.map((s) => `## ${s.title}\n\n${s.markdown.trim()}`)].join('\n\n');
  return { name: facts.name, version: facts.version, locale, sections, markdown: `${markdown}\n`, facts };
}
