/**
 * The data engine's public surface, for the API handlers, the worker jobs and the CLI that use
 * it. Everything here is synchronous or chunk-async computation over in-memory tables; nothing
 * touches the project file (storage and versions do that with the results).
 *
 * Typical job (in a worker thread):
 *   const preview = await previewFile(path, options);            // dialog: nothing written
 *   const { table, schema, summary } = await importFile(path, options, { onProgress, signal });
 *   parentPort.postMessage({ table, schema, summary }, tableTransferList(table));
 *   const stats = computeTableStats(table);                      // shared by profile and check
 *   const profile = profileTable(table, { target }, hooks, stats);
 *   const report = checkQuality(table, { target, importedAt }, { stats, hooks });
 *   const { assignment } = partitionTable(table, spec);          // 0 train, 1 validation, 2 test
 *   const r = applyRemedy(table, params, { seed, trainRowMask: trainMaskOfAssignment(assignment) });
 *   // r.table (new version), r.trainRowMask (its partition), r.step (append to the recipe)
 *   const { manifest, chunks } = chunkColumn(column);           // content-addressed storage
 */
export { importFile, previewFile, formatOf, type ImportHooks, type ImportProgress, type ImportResult } from './import.js';
export { profileTable, inferTask, type ProfileOptions, type WorkHooks } from './profile.js';
export { checkQuality, findSuspectLabels, type CheckInputs, type SuspectLabel, type SuspectLabels } from './quality/index.js';
export { applyRemedy, replayRecipe, replayStep, type ApplyOptions, type StepResult } from './remedies/recipe.js';
export { partitionTable, trainMaskOfAssignment, type Partition } from './partition.js';
export { computeTableStats, type TableStats } from './stats.js';
export { chunkColumn, assembleColumn, chunkArray, hashBytes, CHUNK_ROWS, type ColumnChunk, type ColumnManifest } from './chunks.js';
export {
  alignLevels,
  appendRows,
  cellText,
  classCodes,
  createTable,
  getColumn,
  tableToFrame,
  tableTransferList,
  takeRows,
  type CodeColumn,
  type DataColumn,
  type DataTable,
  type NumberColumn,
} from './table.js';
export { throwIfCancelled, type AbortFlag } from './errors.js';
