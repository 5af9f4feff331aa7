/**
 * A Ciclo process for the crash test: `node --import tsx train-child.ts <config-dir> <project-file>
 * <dataset-id>` opens the project, starts a long training run and prints one line per progress
 * report (`PROGRESS <phaseKey> <fraction>`), then `DONE <state>`. The test kills it with SIGKILL
 * part-way through the fit.
 */
import { createBackend } from '../../../electron/backend/api/backend.js';

const [configDir, projectPath, datasetId] = process.argv.slice(2);
const backend = createBackend({ mode: 'headless', appVersion: '0.0.0-test', configDir, defaultProjectDir: configDir, systemLocale: 'en' });
const opened = await backend.dispatch('project.open', { path: projectPath, remember: false });
if (!opened.ok) {
  process.stdout.write(`FAILED ${opened.error.code}\n`);
  process.exit(1);
}
backend.ctx.events.subscribe((name, payload) => {
  if (name !== 'job.progress') return;
  const p = payload as { state: string; phaseKey: string; fraction: number };
  process.stdout.write(`PROGRESS ${p.phaseKey} ${p.fraction}\n`);
  if (p.state === 'done' || p.state === 'failed' || p.state === 'cancelled') process.stdout.write(`DONE ${p.state}\n`);
});
const started = await backend.dispatch('training.start', {
  datasetId,
  models: [{ id: 'hgb', params: { maxIter: 20000, earlyStopping: false, learningRate: 0.001 } }],
});
if (!started.ok) {
  process.stdout.write(`FAILED ${started.error.code} ${started.error.message}\n`);
  process.exit(1);
}
process.stdin.resume();
