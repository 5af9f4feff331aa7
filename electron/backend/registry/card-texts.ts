/**
 * Texts of generated model cards, in the two languages Ciclo speaks. A card is a document the user
 * keeps (it is exported into bundles as model-card.md), so the backend writes it whole in the
 * language asked for; placeholders are `{name}` and filled from the facts.
 */
import type { CardSectionId } from '../../../shared/api/methods/registry.js';

/** The texts of one language. */
export interface CardTexts {
  title: string;
  sections: Record<CardSectionId, string>;
  overview: { summary: string; classes: string; registered: string; inputs: string };
  task: { classification: string; regression: string };
  kind: { numeric: string; categorical: string; text: string; datetime: string };
  intended: { goal: string; success: string; positive: string; costs: string; met: string; notMet: string; unknownValue: string; none: string; scope: string };
  data: { dataset: string; partition: string; noPartition: string; trained: string; evaluatedValidation: string; evaluatedOutOfFold: string; unknown: string; inputsHeader: string; column: string; kindHeader: string };
  metrics: { header: [string, string, string, string]; yes: string; no: string; none: string; objectiveNote: string };
  limits: { intro: string; none: string; notChecked: string; evaluatedOn: string; more: string; severity: { info: string; warning: string; critical: string } };
  fairness: {
    computed: string;
    noSensitiveColumns: string;
    noValidationRows: string;
    notAvailable: string;
    column: string;
    notInput: string;
    isInput: string;
    group: string;
    rows: string;
    share: string;
    gap: string;
    noGap: string;
    caution: string;
  };
  lineage: {
    run: string;
    bundle: string;
    dataset: string;
    model: string;
    params: string;
    seed: string;
    engine: string;
    artifact: string;
    threshold: string;
    unknown: string;
  };
}

const EN: CardTexts = {
  title: 'Model card: {name} version {version}',
  sections: {
    overview: 'Overview',
    intendedUse: 'Intended use',
    trainingData: 'Training data',
    metrics: 'Metrics',
    limitations: 'Known limits',
    fairness: 'Fairness',
    lineage: 'Lineage',
  },
  overview: {
    summary: 'A {task} model ({modelKind}) that predicts `{target}`.',
    classes: 'Classes: {classes}.',
    registered: 'Registered by {by} on {date}.',
    inputs: 'It needs {count} input columns (listed under Training data).',
  },
  task: { classification: 'classification', regression: 'regression' },
  kind: { numeric: 'number', categorical: 'category', text: 'free text', datetime: 'date/time' },
  intended: {
    goal: 'Goal: predict **{target}** from {inputs}.',
    success: 'Success means {metric} {op} {threshold} on data the model has not seen.',
    positive: 'The class that counts as positive: "{positive}".',
    costs: 'Costs of mistakes, as written in the objective: {costs}',
    met: 'This version reached {metric} = {value} when it was registered: it **meets** the objective.',
    notMet: 'This version reached {metric} = {value} when it was registered: it does **not** meet the objective.',
    unknownValue: 'The value of {metric} for this version is not known.',
    none: 'No objective was set when this version was registered. Describe here what the model is for and who uses its predictions.',
    scope: 'Use it only for the population and the kind of decision described above; inputs unlike the training data give predictions nobody has checked.',
  },
  data: {
    dataset: 'Dataset **{dataset}**, version {version}: {rows} rows, {columns} columns.',
    partition: 'Partition: {train} rows for training, {validation} for validation, {test} for the final test.',
    noPartition: 'The version has no train/validation/test partition.',
    trained: 'The model was fitted on {rows} training rows.',
    evaluatedValidation: 'The metrics below come from {rows} validation rows the model did not see while fitting.',
    evaluatedOutOfFold: 'The metrics below come from out-of-fold predictions on {rows} training rows (k-fold cross-validation; there was no validation part).',
    unknown: 'The training data is not recorded for this version (it was imported from a bundle made elsewhere).',
    inputsHeader: 'Input columns:',
    column: 'Column',
    kindHeader: 'Read as',
  },
  metrics: {
    header: ['Metric', 'Value', 'Threshold', 'Meets it'],
    yes: 'yes',
    no: 'no',
    none: 'No metrics are recorded for this version.',
    objectiveNote: 'The first row is the objective\'s metric.',
  },
  limits: {
    intro: 'The quality check of the training data found:',
    none: 'The quality check of the training data found no problems.',
    notChecked: 'No quality check was run on the training data, so its known limits are not listed. Run it in the Data step before relying on this model.',
    evaluatedOn: 'Measured on {rows} rows: small groups and rare cases are measured less precisely.',
    more: '…and {count} more findings in the Data step.',
    severity: { info: 'note', warning: 'warning', critical: 'critical' },
  },
  fairness: {
    computed: 'Metrics by group on the validation rows, for the columns marked as sensitive in the quality check.',
    noSensitiveColumns: 'No column was marked as sensitive (a group to watch) in the quality check of the training data, so no per-group metrics were computed. Mark such columns in the Data step\'s quality check and register again to see them here.',
    noValidationRows: 'Per-group metrics need validation rows; this version was evaluated without a validation part.',
    notAvailable: 'Per-group metrics are not available: the training data of this version is not in this project.',
    column: 'Column **{column}**',
    notInput: '(not a model input: the model does not see it, but its errors may still differ by group)',
    isInput: '(a model input: the model uses it directly)',
    group: 'Group',
    rows: 'Rows',
    share: 'Share',
    gap: 'Largest gap in {metric} between groups of at least {min} rows: {gap}.',
    noGap: 'Fewer than two groups have at least {min} rows; no gap is reported.',
    caution: 'Differences between groups are measurements on this data, not proof of cause; check them with people who know the domain before using the model on people.',
  },
  lineage: {
    run: 'Run #{run} ({runId}).',
    bundle: 'Imported from the bundle {path} (model {name}, version {version}, exported {date}).',
    dataset: 'Dataset {dataset}, version {version} ({versionId}).',
    model: 'Model: {modelId} ({modelKind}).',
    params: 'Hyper-parameters: {params}.',
    seed: 'Seed: {seed}.',
    engine: 'Ciclo engine version: {engine}.',
    artifact: 'Pipeline artifact SHA-256: `{sha}` ({bytes} bytes).',
    threshold: 'Decision threshold chosen in the Evaluate step: {threshold} (recorded; the server predicts with the model\'s own rule).',
    unknown: 'not recorded',
  },
};

const ES: CardTexts = {
  title: 'Ficha del modelo: {name} versión {version}',
  sections: {
    overview: 'Resumen',
    intendedUse: 'Uso previsto',
    trainingData: 'Datos de entrenamiento',
    metrics: 'Métricas',
    limitations: 'Límites conocidos',
    fairness: 'Equidad',
    lineage: 'Trazabilidad',
  },
  overview: {
    summary: 'Un modelo de {task} ({modelKind}) que predice `{target}`.',
    classes: 'Clases: {classes}.',
    registered: 'Registrado por {by} el {date}.',
    inputs: 'Necesita {count} columnas de entrada (se listan en Datos de entrenamiento).',
  },
  task: { classification: 'clasificación', regression: 'regresión' },
  kind: { numeric: 'número', categorical: 'categoría', text: 'texto libre', datetime: 'fecha/hora' },
  intended: {
    goal: 'Objetivo: predecir **{target}** a partir de {inputs}.',
    success: 'El éxito es {metric} {op} {threshold} en datos que el modelo no ha visto.',
    positive: 'La clase que cuenta como positiva: "{positive}".',
    costs: 'Coste de los errores, según el objetivo: {costs}',
    met: 'Esta versión obtuvo {metric} = {value} al registrarse: **cumple** el objetivo.',
    notMet: 'Esta versión obtuvo {metric} = {value} al registrarse: **no** cumple el objetivo.',
    unknownValue: 'No se conoce el valor de {metric} para esta versión.',
    none: 'No había objetivo definido al registrar esta versión. Describe aquí para qué sirve el modelo y quién usa sus predicciones.',
    scope: 'Úsalo solo para la población y el tipo de decisión descritos arriba; con entradas distintas de los datos de entrenamiento, nadie ha comprobado sus predicciones.',
  },
  data: {
    dataset: 'Conjunto de datos **{dataset}**, versión {version}: {rows} filas, {columns} columnas.',
    partition: 'Partición: {train} filas para entrenar, {validation} para validar y {test} para la prueba final.',
    noPartition: 'La versión no tiene partición de entrenamiento, validación y prueba.',
    trained: 'El modelo se ajustó con {rows} filas de entrenamiento.',
    evaluatedValidation: 'Las métricas de abajo salen de {rows} filas de validación que el modelo no vio al ajustarse.',
    evaluatedOutOfFold: 'Las métricas de abajo salen de predicciones fuera de pliegue sobre {rows} filas de entrenamiento (validación cruzada; no había parte de validación).',
    unknown: 'Los datos de entrenamiento de esta versión no constan (se importó de un paquete hecho en otro lugar).',
    inputsHeader: 'Columnas de entrada:',
    column: 'Columna',
    kindHeader: 'Se lee como',
  },
  metrics: {
    header: ['Métrica', 'Valor', 'Umbral', 'Lo cumple'],
    yes: 'sí',
    no: 'no',
    none: 'No constan métricas para esta versión.',
    objectiveNote: 'La primera fila es la métrica del objetivo.',
  },
  limits: {
    intro: 'La revisión de calidad de los datos de entrenamiento encontró:',
    none: 'La revisión de calidad de los datos de entrenamiento no encontró problemas.',
    notChecked: 'No se revisó la calidad de los datos de entrenamiento, así que sus límites conocidos no se listan. Revísala en el paso Datos antes de confiar en este modelo.',
    evaluatedOn: 'Medido sobre {rows} filas: los grupos pequeños y los casos raros se miden con menos precisión.',
    more: '…y {count} hallazgos más en el paso Datos.',
    severity: { info: 'nota', warning: 'advertencia', critical: 'crítico' },
  },
  fairness: {
    computed: 'Métricas por grupo en las filas de validación, para las columnas marcadas como sensibles en la revisión de calidad.',
    noSensitiveColumns: 'Ninguna columna se marcó como sensible (un grupo a vigilar) en la revisión de calidad de los datos de entrenamiento, así que no se calcularon métricas por grupo. Marca esas columnas en la revisión de calidad del paso Datos y vuelve a registrar para verlas aquí.',
    noValidationRows: 'Las métricas por grupo necesitan filas de validación; esta versión se evaluó sin parte de validación.',
    notAvailable: 'No hay métricas por grupo: los datos de entrenamiento de esta versión no están en este proyecto.',
    column: 'Columna **{column}**',
    notInput: '(no es una entrada del modelo: el modelo no la ve, pero sus errores pueden variar por grupo)',
    isInput: '(es una entrada del modelo: la usa directamente)',
    group: 'Grupo',
    rows: 'Filas',
    share: 'Proporción',
    gap: 'Mayor diferencia en {metric} entre grupos de al menos {min} filas: {gap}.',
    noGap: 'Menos de dos grupos tienen al menos {min} filas; no se informa de diferencias.',
    caution: 'Las diferencias entre grupos son mediciones sobre estos datos, no prueba de una causa; revísalas con quien conozca el dominio antes de usar el modelo con personas.',
  },
  lineage: {
    run: 'Ejecución n.º {run} ({runId}).',
    bundle: 'Importado del paquete {path} (modelo {name}, versión {version}, exportado el {date}).',
    dataset: 'Conjunto de datos {dataset}, versión {version} ({versionId}).',
    model: 'Modelo: {modelId} ({modelKind}).',
    params: 'Hiperparámetros: {params}.',
    seed: 'Semilla: {seed}.',
    engine: 'Versión del motor de Ciclo: {engine}.',
    artifact: 'SHA-256 del artefacto del pipeline: `{sha}` ({bytes} bytes).',
    threshold: 'Umbral de decisión elegido en el paso Evaluar: {threshold} (consta; el servidor predice con la regla propia del modelo).',
    unknown: 'no consta',
  },
};

/** The card texts of a language. */
export function cardTexts(locale: 'en' | 'es'): CardTexts {
  return locale === 'es' ? ES : EN;
}

/** Fills `{name}` placeholders from `params` (unknown names are left as they are). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
