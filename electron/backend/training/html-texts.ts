/**
 * Texts of the exported HTML report, in the two languages Ciclo speaks. The report is a file
 * written by the backend (it outlives the app), so its words live here rather than in the
 * renderer's dictionaries; both languages carry every key (the type makes a missing one a
 * compile error).
 */

/** Every text of the report. */
export interface HtmlTexts {
  title: string;
  generated: string;
  summary: string;
  meets: string;
  doesNotMeet: string;
  noObjective: string;
  threshold: string;
  field: string;
  value: string;
  model: string;
  data: string;
  target: string;
  classification: string;
  regression: string;
  evaluatedOn: string;
  parts: Record<'validation' | 'outOfFold' | 'test', string>;
  rows: string;
  validation: string;
  holdout: string;
  seed: string;
  engine: string;
  trainedAt: string;
  params: string;
  lift: string;
  baseline: string;
  oneRule: string;
  notTrained: string;
  reference: string;
  liftColumn: string;
  metrics: string;
  metric: string;
  crossValidation: string;
  cvMean: string;
  cvStd: string;
  confusion: string;
  actual: string;
  predicted: string;
  perClass: string;
  className: string;
  support: string;
  curves: string;
  roc: string;
  fpr: string;
  tpr: string;
  pr: string;
  calibration: string;
  perfect: string;
  predictedProbability: string;
  observedFrequency: string;
  residuals: string;
  rowsName: string;
  predictedVsActual: string;
  residualsVsPredicted: string;
  residual: string;
  residualMean: string;
  residualStd: string;
  residualHistogram: string;
  learningCurve: string;
  trainLoss: string;
  validationScore: string;
  iteration: string;
  loss: string;
  importances: string;
  permutation: string;
  worstErrors: string;
  rowId: string;
  probTrue: string;
}

const EN: HtmlTexts = {
  title: 'Evaluation report, run',
  generated: 'Generated',
  summary: 'Summary',
  meets: 'Meets the objective',
  doesNotMeet: 'Does not meet the objective',
  noObjective: 'No objective applies to this run, so there is no success threshold to compare with.',
  threshold: 'threshold',
  field: 'Field',
  value: 'Value',
  model: 'Model',
  data: 'Data',
  target: 'Target',
  classification: 'classification',
  regression: 'regression',
  evaluatedOn: 'Evaluated on',
  parts: { validation: 'validation part', outOfFold: 'out-of-fold predictions on the training part', test: 'test part' },
  rows: 'rows',
  validation: 'Validation',
  holdout: 'holdout (validation part)',
  seed: 'Seed',
  engine: 'Engine version',
  trainedAt: 'Trained',
  params: 'Hyper-parameters',
  lift: 'Lift over the simple answers',
  baseline: 'Baseline (no ML)',
  oneRule: 'One-rule model',
  notTrained: 'not trained on the same rows',
  reference: 'Reference',
  liftColumn: 'Lift of this run (positive = better)',
  metrics: 'Metrics',
  metric: 'Metric',
  crossValidation: 'Cross-validation on the training part',
  cvMean: 'Mean',
  cvStd: 'Standard deviation',
  confusion: 'Confusion matrix (counts and share of each actual class)',
  actual: 'Actual',
  predicted: 'Predicted',
  perClass: 'Per class',
  className: 'Class',
  support: 'Rows',
  curves: 'Curves',
  roc: 'ROC curve',
  fpr: 'False positive rate',
  tpr: 'True positive rate',
  pr: 'Precision-recall curve',
  calibration: 'Calibration',
  perfect: 'Perfect',
  predictedProbability: 'Predicted probability',
  observedFrequency: 'Observed frequency',
  residuals: 'Residuals',
  rowsName: 'Rows',
  predictedVsActual: 'Predicted against actual',
  residualsVsPredicted: 'Residuals against predicted',
  residual: 'Residual (actual − predicted)',
  residualMean: 'Mean residual',
  residualStd: 'Standard deviation',
  residualHistogram: 'Residual histogram (rows per range)',
  learningCurve: 'Learning curve',
  trainLoss: 'Training loss',
  validationScore: 'Validation',
  iteration: 'Iteration',
  loss: 'Loss',
  importances: 'Feature importance (the model’s own)',
  permutation: 'Permutation importance',
  worstErrors: 'Worst errors',
  rowId: 'Row id',
  probTrue: 'Probability of the actual class',
};

const ES: HtmlTexts = {
  title: 'Informe de evaluación, ejecución',
  generated: 'Generado',
  summary: 'Resumen',
  meets: 'Cumple el objetivo',
  doesNotMeet: 'No cumple el objetivo',
  noObjective: 'Ningún objetivo se aplica a esta ejecución, así que no hay umbral de éxito con el que comparar.',
  threshold: 'umbral',
  field: 'Campo',
  value: 'Valor',
  model: 'Modelo',
  data: 'Datos',
  target: 'Variable objetivo',
  classification: 'clasificación',
  regression: 'regresión',
  evaluatedOn: 'Evaluado en',
  parts: { validation: 'parte de validación', outOfFold: 'predicciones fuera de pliegue en la parte de entrenamiento', test: 'parte de prueba' },
  rows: 'filas',
  validation: 'Validación',
  holdout: 'retención (parte de validación)',
  seed: 'Semilla',
  engine: 'Versión del motor',
  trainedAt: 'Entrenado',
  params: 'Hiperparámetros',
  lift: 'Mejora sobre las respuestas simples',
  baseline: 'Línea base (sin ML)',
  oneRule: 'Modelo de una regla',
  notTrained: 'no entrenado con las mismas filas',
  reference: 'Referencia',
  liftColumn: 'Mejora de esta ejecución (positivo = mejor)',
  metrics: 'Métricas',
  metric: 'Métrica',
  crossValidation: 'Validación cruzada en la parte de entrenamiento',
  cvMean: 'Media',
  cvStd: 'Desviación típica',
  confusion: 'Matriz de confusión (recuentos y proporción de cada clase real)',
  actual: 'Real',
  predicted: 'Predicho',
  perClass: 'Por clase',
  className: 'Clase',
  support: 'Filas',
  curves: 'Curvas',
  roc: 'Curva ROC',
  fpr: 'Tasa de falsos positivos',
  tpr: 'Tasa de verdaderos positivos',
  pr: 'Curva de precisión y exhaustividad',
  calibration: 'Calibración',
  perfect: 'Perfecta',
  predictedProbability: 'Probabilidad predicha',
  observedFrequency: 'Frecuencia observada',
  residuals: 'Residuos',
  rowsName: 'Filas',
  predictedVsActual: 'Predicho frente a real',
  residualsVsPredicted: 'Residuos frente a predicho',
  residual: 'Residuo (real − predicho)',
  residualMean: 'Residuo medio',
  residualStd: 'Desviación típica',
  residualHistogram: 'Histograma de residuos (filas por intervalo)',
  learningCurve: 'Curva de aprendizaje',
  trainLoss: 'Pérdida de entrenamiento',
  validationScore: 'Validación',
  iteration: 'Iteración',
  loss: 'Pérdida',
  importances: 'Importancia de las variables (la del propio modelo)',
  permutation: 'Importancia por permutación',
  worstErrors: 'Peores errores',
  rowId: 'Id de fila',
  probTrue: 'Probabilidad de la clase real',
};

/** The report's texts in `locale`. */
export function htmlTexts(locale: 'en' | 'es'): HtmlTexts {
  return locale === 'es' ? ES : EN;
}
