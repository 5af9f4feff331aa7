/**
 * English and Spanish texts of the Data step's backend messages: import warnings, data errors,
 * quality findings (a short title and a plain-language explanation for beginners), remedies,
 * column types, roles, severities and partition methods. Keys match the `messageKey`s the data
 * engine emits (`data.import.warning.<code>`, `errors.data.<key>`, `data.finding.<kind>.title` /
 * `.explanation`, `data.remedy.<kind>.title` / `.description`). Placeholders are written
 * `{name}` and filled from the message's `params`; both languages use the same placeholders.
 * The renderer's dictionaries import these records (renderer/i18n is owned by the UI).
 */

/** One text in both languages. */
export interface DatasetText {
  en: string;
  es: string;
}

/** Every Data-step text, by message key. */
export const DATASET_TEXTS: Readonly<Record<string, DatasetText>> = {
  // Column types and roles
  'data.columnType.numeric': { en: 'Number', es: 'Número' },
  'data.columnType.integer': { en: 'Whole number', es: 'Número entero' },
  'data.columnType.boolean': { en: 'Yes/no', es: 'Sí/no' },
  'data.columnType.datetime': { en: 'Date/time', es: 'Fecha/hora' },
  'data.columnType.categorical': { en: 'Category', es: 'Categoría' },
  'data.columnType.text': { en: 'Free text', es: 'Texto libre' },
  'data.columnType.identifier': { en: 'Identifier', es: 'Identificador' },
  'data.role.feature': { en: 'Feature', es: 'Variable de entrada' },
  'data.role.target': { en: 'Target', es: 'Objetivo' },
  'data.role.ignored': { en: 'Ignored', es: 'Ignorada' },
  'data.severity.info': { en: 'Note', es: 'Nota' },
  'data.severity.warning': { en: 'Warning', es: 'Advertencia' },
  'data.severity.critical': { en: 'Critical', es: 'Crítico' },

  // Import progress
  'data.import.phase.reading': { en: 'Reading the file…', es: 'Leyendo el archivo…' },
  'data.import.phase.typing': { en: 'Deciding column types…', es: 'Decidiendo los tipos de columna…' },

  // Import warnings
  'data.import.warning.columns_renamed': {
    en: '{count} column names were empty or repeated and were renamed: {list}.',
    es: '{count} nombres de columna estaban vacíos o repetidos y se renombraron: {list}.',
  },
  'data.import.warning.dates_ambiguous': {
    en: 'The dates in "{column}" could be day/month or month/day; they were read as {order}. Change the date order if that is wrong.',
    es: 'Las fechas de "{column}" pueden leerse como día/mes o mes/día; se leyeron como {order}. Cambia el orden de fecha si no es correcto.',
  },
  'data.import.warning.numbers_fell_back_to_text': {
    en: 'Column "{column}" looked numeric, but line {line} holds "{value}", so the whole column was read as text.',
    es: 'La columna "{column}" parecía numérica, pero la línea {line} contiene "{value}", así que toda la columna se leyó como texto.',
  },
  'data.import.warning.values_not_converted': {
    en: '{count} values of "{column}" could not be read as {type} (first at data row {row}) and were left empty.',
    es: '{count} valores de "{column}" no se pudieron leer como {type} (el primero en la fila de datos {row}) y quedaron vacíos.',
  },
  'data.import.warning.encoding_fallback': {
    en: 'Part of the file is not valid UTF-8; it was read as {encoding} instead. Check accented letters.',
    es: 'Parte del archivo no es UTF-8 válido; se leyó como {encoding}. Revisa las letras con tilde.',
  },
  'data.import.warning.type_changed_after_full_read': {
    en: 'The first rows of "{column}" looked like {from}, the whole column is {to}.',
    es: 'Las primeras filas de "{column}" parecían {from}; la columna completa es {to}.',
  },
  'data.import.warning.thousands_separator_assumed': {
    en: 'Numbers such as "1{separator}234" were read with "{separator}" as the thousands separator.',
    es: 'Los números como "1{separator}234" se leyeron con "{separator}" como separador de miles.',
  },
  'data.import.warning.sample_only': {
    en: 'The preview shows what the first {rows} rows say; the import reads the whole file.',
    es: 'La vista previa muestra lo que dicen las primeras {rows} filas; la importación lee el archivo completo.',
  },

  // Errors
  'errors.data.emptyFile': { en: 'The file is empty.', es: 'El archivo está vacío.' },
  'errors.data.binaryFile': {
    en: 'This is not a text file: it holds binary data (near line {line}). Choose a CSV, TSV or .xlsx file.',
    es: 'No es un archivo de texto: contiene datos binarios (cerca de la línea {line}). Elige un archivo CSV, TSV o .xlsx.',
  },
  'errors.data.binaryFileZip': {
    en: 'This looks like a spreadsheet or an archive, not a text file. Import .xlsx files as Excel.',
    es: 'Parece una hoja de cálculo o un archivo comprimido, no un archivo de texto. Importa los .xlsx como Excel.',
  },
  'errors.data.raggedRow': {
    en: 'Line {line} has {found} fields, but the header has {expected}. Check for a missing or extra separator on that line.',
    es: 'La línea {line} tiene {found} campos, pero la cabecera tiene {expected}. Revisa si falta o sobra un separador en esa línea.',
  },
  'errors.data.unterminatedQuote': {
    en: 'Line {line}, field {column}: a quote opens a field that never closes.',
    es: 'Línea {line}, campo {column}: unas comillas abren un campo que nunca se cierra.',
  },
  'errors.data.textAfterQuote': {
    en: 'Line {line}, field {column}: there is text after a closing quote.',
    es: 'Línea {line}, campo {column}: hay texto después de unas comillas de cierre.',
  },
  'errors.data.noRows': { en: 'The file has column names but no data rows.', es: 'El archivo tiene nombres de columna pero ninguna fila de datos.' },
  'errors.data.fileNotFound': { en: 'The file "{path}" does not exist or cannot be read.', es: 'El archivo "{path}" no existe o no se puede leer.' },
  'errors.data.sheetNotFound': { en: 'The workbook has no sheet "{sheet}" (it has: {sheets}).', es: 'El libro no tiene la hoja "{sheet}" (tiene: {sheets}).' },
  'errors.data.xlsxInvalid': { en: 'This file could not be read as an Excel workbook.', es: 'Este archivo no se pudo leer como libro de Excel.' },
  'errors.data.targetNotFound': { en: 'The target column "{column}" is not in the file.', es: 'La columna objetivo "{column}" no está en el archivo.' },
  'errors.data.columnNotFound': { en: 'Column "{column}" does not exist.', es: 'La columna "{column}" no existe.' },
  'errors.data.cancelled': { en: 'Cancelled. Nothing was saved.', es: 'Cancelado. No se guardó nada.' },
  'errors.data.remedyParams': { en: 'The remedy settings are not valid.', es: 'La configuración del remedio no es válida.' },
  'errors.data.partitionSpec': { en: 'The partition settings are not valid (the three shares must add up to 100%).', es: 'La configuración de la partición no es válida (las tres proporciones deben sumar 100 %).' },
  'errors.data.partitionColumn': { en: 'A {method} split needs a column.', es: 'Una partición {method} necesita una columna.' },
  'errors.data.tooFewGroups': { en: 'Column "{column}" has a single group: a grouped split needs several.', es: 'La columna "{column}" tiene un solo grupo: una partición agrupada necesita varios.' },
  'errors.data.timeColumnType': { en: 'Column "{column}" is not a date/time.', es: 'La columna "{column}" no es una fecha/hora.' },
  'errors.data.timeColumnMissing': {
    en: 'Column "{column}" has {count} empty values: a split by time needs a time on every row.',
    es: 'La columna "{column}" tiene {count} valores vacíos: una partición por tiempo necesita una fecha en cada fila.',
  },
  'errors.data.maskLength': { en: 'The partition does not match the dataset (different number of rows).', es: 'La partición no corresponde al conjunto de datos (distinto número de filas).' },
  'errors.data.targetMissing': {
    en: 'The target "{column}" is empty in row {row}; fix or remove those rows first.',
    es: 'El objetivo "{column}" está vacío en la fila {row}; corrige o elimina esas filas primero.',
  },
  'errors.data.missingInFeatures': {
    en: 'Column "{column}" has empty values (row {row}); fill them (impute) before {remedy}.',
    es: 'La columna "{column}" tiene valores vacíos (fila {row}); rellénalos (imputa) antes de {remedy}.',
  },
  'errors.data.needsNumericFeatures': { en: 'This remedy needs at least one numeric feature.', es: 'Este remedio necesita al menos una variable numérica.' },
  'errors.data.classTooSmallForSmote': {
    en: 'Class "{class}" has {rows} training row(s); SMOTE needs at least 2 to create new ones between them.',
    es: 'La clase "{class}" tiene {rows} fila(s) de entrenamiento; SMOTE necesita al menos 2 para crear filas nuevas entre ellas.',
  },
  'errors.data.smoteNeedsNumbers': {
    en: 'SMOTE works on numbers; "{column}" holds categories. Use SMOTE-NC, or drop the column.',
    es: 'SMOTE trabaja con números; "{column}" contiene categorías. Usa SMOTE-NC o elimina la columna.',
  },
  'errors.data.smoteNcCategorical': {
    en: 'Column "{column}" holds categories; list it among the categorical columns.',
    es: 'La columna "{column}" contiene categorías; inclúyela entre las columnas categóricas.',
  },
  'errors.data.smoteNcNeedsNumbers': {
    en: 'SMOTE-NC needs at least one numeric feature besides the categories; use random oversampling instead.',
    es: 'SMOTE-NC necesita al menos una variable numérica además de las categorías; usa el sobremuestreo aleatorio.',
  },
  'errors.data.smoteNcNeedsCategories': { en: 'There is no categorical feature: use SMOTE.', es: 'No hay ninguna variable categórica: usa SMOTE.' },
  'errors.data.fillValueRequired': { en: 'The constant strategy needs a value to fill in.', es: 'La estrategia constante necesita un valor de relleno.' },
  'errors.data.fillValueNotNumber': { en: 'Column "{column}" holds numbers; the fill value must be a number.', es: 'La columna "{column}" contiene números; el valor de relleno debe ser un número.' },
  'errors.data.imputeStrategyType': {
    en: 'Column "{column}" holds categories: fill it with the most frequent value or a constant.',
    es: 'La columna "{column}" contiene categorías: rellénala con el valor más frecuente o con una constante.',
  },
  'errors.data.knnNumericOnly': { en: 'Nearest-neighbour filling works on numeric columns only.', es: 'El relleno por vecinos más cercanos solo funciona con columnas numéricas.' },
  'errors.data.knnNeedsColumns': {
    en: 'Select at least two numeric columns: the others decide which rows are near.',
    es: 'Selecciona al menos dos columnas numéricas: las demás deciden qué filas están cerca.',
  },
  'errors.data.outliersNumericOnly': { en: 'Column "{column}" does not hold numbers.', es: 'La columna "{column}" no contiene números.' },
  'errors.data.labelNotValid': { en: '"{label}" is not a valid value for "{column}".', es: '"{label}" no es un valor válido para "{column}".' },
  'errors.data.rowNotFound': { en: 'No row has id {rowId}.', es: 'Ninguna fila tiene el identificador {rowId}.' },
  'errors.data.targetRequired': { en: 'Choosing classes needs the target column.', es: 'Para elegir clases hace falta la columna objetivo.' },
  'errors.data.noEligibleRows': { en: 'No training row matches: there is nothing to augment.', es: 'Ninguna fila de entrenamiento coincide: no hay nada que aumentar.' },
  'errors.data.jitterNumericOnly': { en: 'Column "{column}" does not hold plain numbers.', es: 'La columna "{column}" no contiene números simples.' },
  'errors.data.probabilitiesShape': {
    en: 'Expected one probability per row and class ({rows} rows, {classes} classes).',
    es: 'Se esperaba una probabilidad por fila y clase ({rows} filas, {classes} clases).',
  },

  // Findings
  'data.finding.missing_values.title': { en: 'Missing values in {column}', es: 'Valores vacíos en {column}' },
  'data.finding.missing_values.explanation': {
    en: '{rows} rows ({percent}%) have no value in {column}. Most models cannot use empty cells: fill them from the training rows (impute), or drop the column if it is mostly empty. If this is the target, those rows cannot teach anything until they get a label.',
    es: '{rows} filas ({percent} %) no tienen valor en {column}. La mayoría de los modelos no admite celdas vacías: rellénalas a partir de las filas de entrenamiento (imputar) o elimina la columna si está casi vacía. Si es el objetivo, esas filas no enseñan nada hasta tener etiqueta.',
  },
  'data.finding.rows_missing_many.title': { en: 'Rows missing most values', es: 'Filas con casi todos los valores vacíos' },
  'data.finding.rows_missing_many.explanation': {
    en: '{rows} rows ({percent}%) miss at least {threshold} of their {features} input values. Such rows carry little information; check how they were collected.',
    es: '{rows} filas ({percent} %) no tienen al menos {threshold} de sus {features} valores de entrada. Esas filas aportan poca información; revisa cómo se recogieron.',
  },
  'data.finding.outliers.title': { en: 'Extreme values in {column}', es: 'Valores extremos en {column}' },
  'data.finding.outliers.explanation': {
    en: '{rows} values of {column} lie far outside the usual range (below {lower} or above {upper}). They may be typing errors or rare real cases: check them, then clip or remove them if they are errors.',
    es: '{rows} valores de {column} están muy fuera del rango habitual (por debajo de {lower} o por encima de {upper}). Pueden ser errores de escritura o casos reales poco frecuentes: revísalos y recórtalos o elimínalos si son errores.',
  },
  'data.finding.class_imbalance.title': { en: 'Imbalanced classes', es: 'Clases desequilibradas' },
  'data.finding.class_imbalance.explanation': {
    en: 'The class "{minority}" is much rarer than the largest one ({ratio}). A model can look accurate by ignoring it. Balance the training rows (SMOTE, oversampling, undersampling) and judge the model with a metric that sees every class.',
    es: 'La clase "{minority}" es mucho menos frecuente que la mayor ({ratio}). Un modelo puede parecer preciso ignorándola. Equilibra las filas de entrenamiento (SMOTE, sobremuestreo, submuestreo) y evalúa con una métrica que vea todas las clases.',
  },
  'data.finding.class_too_small.title': { en: 'Classes with too few examples', es: 'Clases con muy pocos ejemplos' },
  'data.finding.class_too_small.explanation': {
    en: 'These classes have fewer than {minimum} rows: {classes}. Too few to learn them, and, once a test part is set aside, to measure how well they are predicted. Collect more examples if you can.',
    es: 'Estas clases tienen menos de {minimum} filas: {classes}. Son muy pocas para aprenderlas y, al reservar una parte de prueba, para medir cómo se predicen. Recoge más ejemplos si puedes.',
  },
  'data.finding.label_conflict.title': { en: 'Same inputs, different labels', es: 'Mismas entradas, etiquetas distintas' },
  'data.finding.label_conflict.explanation': {
    en: '{rows} rows in {groups} groups have identical inputs but different labels. At most one label of each group can be right: review them and fix the wrong ones.',
    es: '{rows} filas en {groups} grupos tienen las mismas entradas pero etiquetas distintas. Como mucho una etiqueta de cada grupo puede ser correcta: revísalas y corrige las erróneas.',
  },
  'data.finding.label_suspect.title': { en: 'Labels the model strongly doubts', es: 'Etiquetas que el modelo pone muy en duda' },
  'data.finding.label_suspect.explanation': {
    en: 'For {rows} rows, a model trained without them is confident the label should be another class. Some may be labelling mistakes: review the examples and fix those that are wrong.',
    es: 'En {rows} filas, un modelo entrenado sin ellas está seguro de que la etiqueta debería ser otra clase. Algunas pueden ser errores de etiquetado: revisa los ejemplos y corrige las que estén mal.',
  },
  'data.finding.duplicate_rows.title': { en: 'Duplicate rows', es: 'Filas duplicadas' },
  'data.finding.duplicate_rows.explanation': {
    en: '{rows} rows ({percent}%) repeat an earlier row (identifier columns aside). Copies give some cases extra weight and, split between training and test, make results look better than they are.',
    es: '{rows} filas ({percent} %) repiten una fila anterior (sin contar los identificadores). Las copias dan más peso a algunos casos y, repartidas entre entrenamiento y prueba, hacen que los resultados parezcan mejores de lo que son.',
  },
  'data.finding.leakage_predictive.title': { en: '{column} predicts the target almost perfectly', es: '{column} predice el objetivo casi a la perfección' },
  'data.finding.leakage_predictive.explanation': {
    en: 'On its own, {column} predicts {target} with a score of {score} on rows it has not seen. Real problems are rarely that easy: make sure this value is known before the moment of prediction; if it is recorded afterwards, drop it.',
    es: 'Por sí sola, {column} predice {target} con una puntuación de {score} en filas que no ha visto. Los problemas reales rara vez son tan fáciles: comprueba que este dato se conoce antes del momento de la predicción; si se registra después, elimínalo.',
  },
  'data.finding.leakage_target_copy.title': { en: '{column} is a copy of the target', es: '{column} es una copia del objetivo' },
  'data.finding.leakage_target_copy.explanation': {
    en: '{column} holds the same information as {target} under another name or scale. A model would just read the answer from it and fail on new data, where it is not available. Drop it.',
    es: '{column} contiene la misma información que {target} con otro nombre o escala. Un modelo simplemente leería la respuesta de ahí y fallaría con datos nuevos, donde no existe. Elimínala.',
  },
  'data.finding.identifier_column.title': { en: '{column} is an identifier', es: '{column} es un identificador' },
  'data.finding.identifier_column.explanation': {
    en: '{column} has a different value on (almost) every row ({distinct} distinct). A model can only memorise such values, not learn from them. Keep it out of the features.',
    es: '{column} tiene un valor distinto en (casi) cada fila ({distinct} distintos). Un modelo solo puede memorizarlos, no aprender de ellos. Déjala fuera de las variables de entrada.',
  },
  'data.finding.leakage_future_timestamp.title': { en: '{column} happens after the event', es: '{column} ocurre después del evento' },
  'data.finding.leakage_future_timestamp.explanation': {
    en: 'In {rows} rows, {column} is later than {eventColumn}, the moment of the event being predicted. That information did not exist yet when the prediction would be made: drop it or use only what was known before.',
    es: 'En {rows} filas, {column} es posterior a {eventColumn}, el momento del evento que se predice. Esa información aún no existía cuando se haría la predicción: elimínala o usa solo lo que se sabía antes.',
  },
  'data.finding.stale_data.title': { en: 'The data is old', es: 'Los datos son antiguos' },
  'data.finding.stale_data.explanation': {
    en: 'The newest date in {column} is {newest}, {ageDays} days before the import (more than {limitDays}). The world may have changed since: check that this data still describes today, or collect recent data.',
    es: 'La fecha más reciente de {column} es {newest}, {ageDays} días antes de la importación (más de {limitDays}). El mundo puede haber cambiado: comprueba que estos datos siguen describiendo el presente o recoge datos recientes.',
  },
  'data.finding.underrepresented_group.title': { en: 'Groups with few rows in {column}', es: 'Grupos con pocas filas en {column}' },
  'data.finding.underrepresented_group.explanation': {
    en: 'These groups of {column} have few rows: {groups}. The model will learn little about them and the test results will say little about how it serves them. Collect more data for them if you can.',
    es: 'Estos grupos de {column} tienen pocas filas: {groups}. El modelo aprenderá poco sobre ellos y la evaluación dirá poco de cómo los atiende. Recoge más datos de ellos si puedes.',
  },
  'data.finding.reference_drift.title': { en: '{column} differs from the reference', es: '{column} difiere de la referencia' },
  'data.finding.reference_drift.explanation': {
    en: 'The distribution of {column} is not the same as in the reference dataset (stability index {psi}; 0.1 is a moderate shift, 0.25 a large one). The data may come from another population or time.',
    es: 'La distribución de {column} no es la misma que en el conjunto de referencia (índice de estabilidad {psi}; 0,1 es un cambio moderado, 0,25 uno grande). Los datos pueden venir de otra población u otro momento.',
  },
  'data.finding.constant_column.title': { en: '{column} never changes', es: '{column} nunca cambia' },
  'data.finding.constant_column.explanation': {
    en: '{column} has the same value on every row, so it cannot help any prediction. Drop it.',
    es: '{column} tiene el mismo valor en todas las filas, así que no puede ayudar a ninguna predicción. Elimínala.',
  },
  'data.finding.near_constant_column.title': { en: '{column} almost never changes', es: '{column} casi nunca cambia' },
  'data.finding.near_constant_column.explanation': {
    en: '{topPercent}% of the rows of {column} hold "{value}". Such a column helps little and can make a model unstable; consider dropping it.',
    es: 'El {topPercent} % de las filas de {column} contiene "{value}". Una columna así ayuda poco y puede volver inestable un modelo; plantéate eliminarla.',
  },
  'data.finding.high_cardinality.title': { en: '{column} has very many categories', es: '{column} tiene muchísimas categorías' },
  'data.finding.high_cardinality.explanation': {
    en: '{column} has {distinct} different categories. Many appear only a few times, so a model learns little from each. Group rare categories or drop the column.',
    es: '{column} tiene {distinct} categorías distintas. Muchas aparecen pocas veces, así que un modelo aprende poco de cada una. Agrupa las categorías raras o elimina la columna.',
  },

  // Remedies
  'data.remedy.impute.title': { en: 'Fill missing values', es: 'Rellenar valores vacíos' },
  'data.remedy.impute.description': {
    en: 'Fills empty cells of training rows with the mean, median, most frequent value, a constant, or the average of the most similar rows, learned from the training rows.',
    es: 'Rellena las celdas vacías de las filas de entrenamiento con la media, la mediana, el valor más frecuente, una constante o el promedio de las filas más parecidas, aprendidos de las filas de entrenamiento.',
  },
  'data.remedy.clip_outliers.title': { en: 'Clip extreme values', es: 'Recortar valores extremos' },
  'data.remedy.clip_outliers.description': {
    en: 'Moves training values beyond the usual range onto its edge, keeping the rows.',
    es: 'Lleva los valores de entrenamiento fuera del rango habitual a su límite, conservando las filas.',
  },
  'data.remedy.remove_outliers.title': { en: 'Remove rows with extreme values', es: 'Eliminar filas con valores extremos' },
  'data.remedy.remove_outliers.description': {
    en: 'Removes training rows with a value far outside the usual range.',
    es: 'Elimina las filas de entrenamiento con un valor muy fuera del rango habitual.',
  },
  'data.remedy.remove_duplicates.title': { en: 'Remove duplicate rows', es: 'Eliminar filas duplicadas' },
  'data.remedy.remove_duplicates.description': { en: 'Keeps the first of each set of identical rows.', es: 'Conserva la primera de cada grupo de filas idénticas.' },
  'data.remedy.drop_columns.title': { en: 'Drop columns', es: 'Eliminar columnas' },
  'data.remedy.drop_columns.description': { en: 'Removes the chosen columns from the dataset.', es: 'Quita las columnas elegidas del conjunto de datos.' },
  'data.remedy.fix_labels.title': { en: 'Fix labels', es: 'Corregir etiquetas' },
  'data.remedy.fix_labels.description': { en: 'Sets the correct label of the rows you choose.', es: 'Asigna la etiqueta correcta a las filas que elijas.' },
  'data.remedy.random_undersample.title': { en: 'Random undersampling', es: 'Submuestreo aleatorio' },
  'data.remedy.random_undersample.description': {
    en: 'Keeps a random subset of the larger classes in training, as many rows as the smallest class.',
    es: 'Conserva en entrenamiento un subconjunto aleatorio de las clases mayores, tantas filas como la clase más pequeña.',
  },
  'data.remedy.cluster_centroids.title': { en: 'Cluster-based undersampling', es: 'Submuestreo por grupos (centroides)' },
  'data.remedy.cluster_centroids.description': {
    en: 'Replaces the training rows of the larger classes with the centres of groups of similar rows, as many as the smallest class.',
    es: 'Sustituye las filas de entrenamiento de las clases mayores por los centros de grupos de filas parecidas, tantos como filas tiene la clase más pequeña.',
  },
  'data.remedy.random_oversample.title': { en: 'Random oversampling', es: 'Sobremuestreo aleatorio' },
  'data.remedy.random_oversample.description': {
    en: 'Repeats random training rows of the smaller classes until every class matches the largest.',
    es: 'Repite filas de entrenamiento al azar de las clases menores hasta igualar a la mayor.',
  },
  'data.remedy.smote.title': { en: 'SMOTE', es: 'SMOTE' },
  'data.remedy.smote.description': {
    en: 'Creates new training rows of the smaller classes between each row and one of its nearest neighbours of the same class.',
    es: 'Crea filas de entrenamiento nuevas de las clases menores entre cada fila y uno de sus vecinos más cercanos de la misma clase.',
  },
  'data.remedy.smote_nc.title': { en: 'SMOTE-NC (numbers and categories)', es: 'SMOTE-NC (números y categorías)' },
  'data.remedy.smote_nc.description': {
    en: 'SMOTE for data with categories: numbers are interpolated, each category is the most common among the neighbours.',
    es: 'SMOTE para datos con categorías: los números se interpolan y cada categoría es la más común entre los vecinos.',
  },
  'data.remedy.gaussian_jitter.title': { en: 'Augment with small noise', es: 'Aumentar con ruido pequeño' },
  'data.remedy.gaussian_jitter.description': {
    en: 'Adds copies of training rows with a little random noise on the numbers.',
    es: 'Añade copias de filas de entrenamiento con un poco de ruido aleatorio en los números.',
  },
  'data.remedy.trainOnly': {
    en: 'Only training rows are used and changed. Validation and test rows stay exactly as they are: if they shaped what the remedy learned, the evaluation would measure the model on data it has already seen (leakage) and look better than it will be.',
    es: 'Solo se usan y cambian las filas de entrenamiento. Las de validación y prueba quedan exactamente igual: si influyeran en lo que aprende el remedio, la evaluación mediría el modelo con datos que ya ha visto (fuga de información) y parecería mejor de lo que será.',
  },

  // Partitions
  'data.partition.method.random': { en: 'Random', es: 'Aleatoria' },
  'data.partition.method.stratified': { en: 'Stratified by the target', es: 'Estratificada por el objetivo' },
  'data.partition.method.grouped': { en: 'Grouped (a group never on both sides)', es: 'Agrupada (un grupo nunca a ambos lados)' },
  'data.partition.method.time': { en: 'By time (newest rows for testing)', es: 'Por tiempo (las filas más recientes para prueba)' },
  'data.partition.part.train': { en: 'Training', es: 'Entrenamiento' },
  'data.partition.part.validation': { en: 'Validation', es: 'Validación' },
  'data.partition.part.test': { en: 'Test', es: 'Prueba' },

  // Dataset versions, data jobs and the data API (backend: versions/, api/data.ts, cli)
  'errors.data.balanceNeedsPartition': {
    en: 'Balancing and augmentation change training rows only, so they need a train/validation/test partition first. Otherwise the evaluation would be measured on rows shaped by the remedy (leakage).',
    es: 'El balanceo y el aumento de datos solo cambian filas de entrenamiento, así que primero necesitan una partición en entrenamiento, validación y prueba. Si no, la evaluación se mediría con filas moldeadas por el remedio (fuga de información).',
  },
  'errors.data.datasetBusy': {
    en: 'A task is working on this dataset. Wait for it to finish or cancel it first.',
    es: 'Una tarea está trabajando con este conjunto de datos. Espera a que termine o cancélala primero.',
  },
  'errors.data.exportExists': {
    en: 'The file {path} already exists. Choose another name or allow replacing it.',
    es: 'El archivo {path} ya existe. Elige otro nombre o permite reemplazarlo.',
  },
  'errors.data.exportNotWritable': {
    en: 'Ciclo cannot write {path}. Check the folder and your permissions.',
    es: 'Ciclo no puede escribir {path}. Revisa la carpeta y tus permisos.',
  },
  'errors.data.nameTaken': {
    en: 'A dataset named "{name}" already exists. Import under that name to add a version to it, or choose another name.',
    es: 'Ya existe un conjunto de datos llamado "{name}". Importa con ese nombre para añadirle una versión, o elige otro nombre.',
  },
  'errors.data.targetIgnored': {
    en: 'The target column "{column}" cannot also be ignored.',
    es: 'La columna objetivo "{column}" no puede estar también ignorada.',
  },
  'errors.data.datasetNotFound': {
    en: 'That dataset does not exist (it may have been deleted).',
    es: 'Ese conjunto de datos no existe (puede que se haya eliminado).',
  },
  'errors.data.versionNotFound': { en: 'That version does not exist in this dataset.', es: 'Esa versión no existe en este conjunto de datos.' },
  'errors.data.chunkMissing': {
    en: "Part of this version's data is missing from the project file. The file is damaged; restore it from a copy.",
    es: 'Falta parte de los datos de esta versión en el archivo del proyecto. El archivo está dañado; restáuralo desde una copia.',
  },
  'errors.data.labelCheckTooFewRows': {
    en: 'The label check needs at least two classes with two rows each in "{column}".',
    es: 'La comprobación de etiquetas necesita al menos dos clases con dos filas cada una en "{column}".',
  },
  'errors.data.labelCheckNeedsClassification': {
    en: 'The label check needs a target with classes (a classification task).',
    es: 'La comprobación de etiquetas necesita un objetivo con clases (una tarea de clasificación).',
  },
  'errors.data.noTarget': {
    en: 'This dataset has no target column yet. Choose one first.',
    es: 'Este conjunto de datos aún no tiene columna objetivo. Elige una primero.',
  },
  'jobs.phase.storing': { en: 'Saving the data in the project', es: 'Guardando los datos en el proyecto' },
  'jobs.phase.loading': { en: 'Loading the data', es: 'Cargando los datos' },
  'jobs.phase.profiling': { en: 'Computing the profile', es: 'Calculando el perfil' },
  'jobs.phase.checking': { en: 'Checking data quality', es: 'Revisando la calidad de los datos' },
  'jobs.phase.labelCheck': { en: 'Checking labels with a cross-validated model', es: 'Revisando las etiquetas con un modelo de validación cruzada' },
  'jobs.phase.applyingRemedy': { en: 'Applying the remedy', es: 'Aplicando el remedio' },
  'jobs.phase.partitioning': { en: 'Splitting the rows', es: 'Dividiendo las filas' },
  'jobs.phase.exporting': { en: 'Writing the CSV file', es: 'Escribiendo el archivo CSV' },
  'jobs.phase.comparing': { en: 'Comparing versions', es: 'Comparando versiones' },
};
