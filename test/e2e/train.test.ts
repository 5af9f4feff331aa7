// Features, Train and Evaluate in a real browser against the built `ciclo studio`: a beginner
// imports a customer file, splits it, accepts the recommended features (the identifier is dropped,
// the leaking column is flagged and left out), trains the recommended models and watches every
// bar reach 100 % with a live learning curve, then reads the leaderboard: the objective's
// threshold line, the lift over the baseline in words, the confusion matrix and the ROC curve,
// threshold tuning and the final check. A long neural network is cancelled and shows as cancelled
// with "Run again". The same screens in Spanish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../helpers/browser.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import type { Studio } from '../helpers/studio.js';
import { ROOT, startStudio } from '../helpers/studio.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e-train-customers.csv');
const JOB_TIMEOUT = 60_000;
const TRAIN_TIMEOUT = 150_000;

let studio: Studio;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

beforeAll(async () => {
  [studio, browser] = await Promise.all([startStudio(), launchBrowser()]);
  watched = await openPage(browser, { width: 1360, height: 900 });
  page = watched.page;
});

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await studio?.stop();
});

async function goToStep(step: string, title: string): Promise<void> {
  await page.locator(`.stepper__item[data-step="${step}"]`).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

async function openTab(name: string | RegExp): Promise<void> {
  await page.getByRole('tab', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name }).click();
}

/** Waits until a chart inside `scope` has drawn its SVG. */
async function chartDrawn(scope: Locator): Promise<void> {
  await scope.locator('.main-svg').first().waitFor({ timeout: JOB_TIMEOUT });
}

function runCard(model: string): Locator {
  return page.locator(`.ml-run[data-model="${model}"]`).first();
}

describe('Features, Train and Evaluate', () => {
  it('takes a beginner from a CSV to a model that beats the baselines, with the objective as the yardstick', async () => {
    await page.goto(studio.url);
    await page.getByLabel('Project name').fill('Churn study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Objective', level: 1 }).waitFor();

    // The objective: ROC AUC of at least 0.8 on customers who leave or stay.
    await page.getByLabel('What information will the model receive?').fill('Plan, fee, support calls, tenure and feedback of each customer.');
    await page.getByLabel('What should the model predict?').fill('churn');
    await page.getByLabel('Classification').check();
    await page.getByLabel('Success metric').selectOption({ label: 'ROC AUC' });
    await page.getByLabel('Success threshold').fill('0.8');
    await page.getByRole('button', { name: 'Save objective' }).click();
    await page.locator('.savebar__status--saved').waitFor();

    // Before any data, the Features step says what to do first.
    await goToStep('features', 'Features');
    await page.locator('[data-prerequisite="data"]').waitFor();
    expect(await page.getByRole('heading', { name: 'Import a dataset first' }).isVisible()).toBe(true);

    // Import and split the data (the Data step's own screens).
    await goToStep('data', 'Data');
    await page.getByRole('button', { name: 'Import a file…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import data' });
    await importDialog.getByLabel('Path to the file').fill(FIXTURE);
    await importDialog.getByRole('button', { name: 'Read the file' }).click();
    await importDialog.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    expect(await importDialog.getByLabel('Target column').inputValue()).toBe('churn');
    await importDialog.getByRole('button', { name: /^Import 1,500 rows$/ }).click();
    await importDialog.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
    await page.getByRole('heading', { name: 'e2e-train-customers', level: 2 }).waitFor();
    await openTab('Partitions');
    await page.getByRole('button', { name: 'Create the partition' }).click();
    await page.getByText('Version 2 created with the new partition.').waitFor({ timeout: JOB_TIMEOUT });

    // Features: every column with its steps explained; the identifier dropped, the leak flagged.
    await goToStep('features', 'Features');
    await page.getByRole('heading', { name: 'Features of “e2e-train-customers”' }).waitFor({ timeout: JOB_TIMEOUT });
    expect(await page.getByText('Designed on version 2').isVisible()).toBe(true);
    const idRow = page.locator('.fcol[data-column="customer_id"]');
    expect(await idRow.getByRole('combobox').inputValue()).toBe('ignore');
    const feeRow = page.locator('.fcol[data-column="monthly_fee"]');
    expect(await feeRow.locator('.ml-step-chip').allTextContents()).toEqual(['Fill gaps (median)', 'Standardise']);
    expect(await feeRow.locator('.fcol__why').textContent()).toContain('standardised so large numbers do not outweigh small ones');
    expect(await page.locator('.fcol[data-column="feedback"] .ml-step-chip').first().textContent()).toMatch(/^TF-IDF/);
    expect(await page.locator('.fcol[data-column="signup_date"] .ml-step-chip').first().textContent()).toBe('Date parts');
    const leakRow = page.locator('.fcol[data-column="refund_issued"]');
    expect(await leakRow.getByRole('button', { name: 'Possible leak' }).isVisible()).toBe(true);
    await screenshot(page, 'train-01-features-columns');

    // A step can be changed, with its explanation; then put back.
    await feeRow.getByRole('button', { name: 'Change' }).click();
    await feeRow.getByLabel('Scale').selectOption({ label: 'Robust to outliers' });
    expect(await feeRow.getByText('centres on the median').isVisible()).toBe(true);
    await screenshot(page, 'train-02-features-change', { fullPage: false });
    await page.getByRole('button', { name: 'Back to the suggested defaults' }).click();
    expect(await feeRow.locator('.ml-step-chip').allTextContents()).toEqual(['Fill gaps (median)', 'Standardise']);

    // Relevance: a sorted bar chart; the leak explained and left out in one click.
    await leakRow.getByRole('button', { name: 'Possible leak' }).click();
    await page.getByRole('heading', { name: 'One column may leak the answer' }).waitFor();
    await chartDrawn(page.locator('#features-panel'));
    await page.waitForTimeout(300);
    await screenshot(page, 'train-03-features-relevance');
    await page.locator('[data-leak="refund_issued"]').getByRole('button', { name: 'Leave it out' }).click();
    expect(await page.locator('[data-leak="refund_issued"]').getByText('(already left out)').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Correlation' }).check();
    await page.waitForTimeout(300);

    // Preview: the transformed training rows, as numbers.
    await openTab('Preview');
    await page.locator('#features-panel table tbody tr').first().waitFor({ timeout: JOB_TIMEOUT });
    expect(await page.getByText(/The model will receive \d+ numbers per row/).isVisible()).toBe(true);
    expect(await page.getByText('Only training rows were used').isVisible()).toBe(true);
    await screenshot(page, 'train-04-features-preview');

    await page.getByRole('button', { name: 'Save features' }).click();
    await page.locator('.ml-save .savebar__status--saved').waitFor();
    await expect.poll(() => page.locator('.stepper__item[data-step="features"] .stepper__state').textContent()).toBe('Done');

    // Train: the recommended set, references always in.
    await goToStep('train', 'Train');
    await page.locator('[data-feature-set="saved"]').waitFor();
    const baseline = page.locator('.ml-model[data-model="baseline"] input[type="checkbox"]');
    const oneRule = page.locator('.ml-model[data-model="onerule"] input[type="checkbox"]');
    expect(await baseline.isChecked()).toBe(true);
    expect(await baseline.isDisabled()).toBe(true);
    expect(await oneRule.isChecked()).toBe(true);
    await screenshot(page, 'train-05-train-form');
    const startButton = page.getByRole('button', { name: /^Train \d+ models$/ });
    const models = Number((await startButton.textContent())?.match(/\d+/)?.[0]);
    expect(models).toBeGreaterThanOrEqual(4);
    await startButton.click();

    // Every run gets a card with a progress bar; boosting draws its learning curve live.
    await expect.poll(() => page.locator('.ml-run').count(), { timeout: JOB_TIMEOUT }).toBe(models);
    await page.locator('.ml-run .job__bar').first().waitFor();
    await chartDrawn(runCard('hgb').locator('.ml-run__curve'));
    await screenshot(page, 'train-06-training-live');
    await expect.poll(() => page.locator('.ml-run[data-state="done"]').count(), { timeout: TRAIN_TIMEOUT, interval: 500 }).toBe(models);
    const bars = await page.locator('.ml-run .job__bar').evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow')));
    expect(bars.length).toBe(models);
    expect(bars.every((v) => v === '100')).toBe(true);
    expect(await page.locator('.ml-run .job__done').count()).toBe(models);
    expect(await runCard('hgb').getByText(/ROC AUC on validation rows: 0\.\d+/).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.stepper__item[data-step="train"] .stepper__state').textContent()).toBe('Done');
    await page.waitForTimeout(300);
    await screenshot(page, 'train-07-training-done');

    // Evaluate: the leaderboard, the goal line and the lift in words.
    await goToStep('evaluate', 'Evaluate');
    const board = page.locator('.ml-board');
    await board.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    expect(await page.getByLabel('Compare by').inputValue()).toBe('roc_auc');
    await chartDrawn(board);
    expect(await board.locator('.annotation-text').allTextContents()).toContain('Goal: 0.8');
    expect(await board.locator('.shapelayer path').count()).toBeGreaterThan(0);
    const lift = board.locator('.ml-lift');
    expect(await lift.getAttribute('data-lift')).toBe('good');
    expect(await lift.textContent()).toMatch(/It beats the one-rule baseline by 0\.\d+/);
    expect(await board.locator('tbody tr', { hasText: 'Meets the goal' }).count()).toBeGreaterThan(0);
    const baselineRow = board.locator('tbody tr[data-model="baseline"]');
    expect(await baselineRow.isVisible()).toBe(true);
    expect(await baselineRow.getByText('reference').first().isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'train-08-leaderboard');

    // Sorting by another metric reorders the table; the line belongs to the objective's metric only.
    await board.getByRole('button', { name: 'Accuracy', exact: true }).click();
    expect(await page.getByLabel('Compare by').inputValue()).toBe('accuracy');
    expect(await board.getByText('The goal line is drawn when comparing by ROC AUC').isVisible()).toBe(true);
    const accuracy = (await board.locator('tbody tr td.ml-cell--sorted').allTextContents()).map(Number);
    expect(accuracy).toEqual([...accuracy].sort((a, b) => b - a));
    // Any metric, lower-is-better ones included, is reachable through "Compare by".
    await page.getByLabel('Compare by').selectOption('log_loss');
    const logLoss = (await board.locator('tbody tr td.ml-cell--sorted').allTextContents()).map(Number);
    expect(logLoss).toEqual([...logLoss].sort((a, b) => a - b));
    await page.getByLabel('Compare by').selectOption('roc_auc');

    // The best run's report: verdict, confusion matrix, ROC curve.
    const report = page.locator('.ml-report');
    await report.locator('[data-verdict="meets"]').waitFor({ timeout: JOB_TIMEOUT });
    await report.getByRole('tab', { name: 'Confusion matrix' }).click();
    await chartDrawn(report.locator('.chart'));
    expect(await report.getByText('The diagonal holds the correct answers').isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'train-09-confusion');
    await report.getByRole('radio', { name: 'Shares' }).check();
    await page.waitForTimeout(300);
    await report.getByRole('tab', { name: 'ROC and PR curves' }).click();
    await report.getByRole('heading', { name: 'ROC curve' }).waitFor();
    await chartDrawn(report.locator('figure', { hasText: 'ROC curve' }));
    await page.waitForTimeout(300);
    await screenshot(page, 'train-10-curves');

    // Threshold tuning: the slider moves precision and recall; the choice is saved.
    await report.getByRole('tab', { name: 'Threshold' }).click();
    const slider = page.locator('#threshold-slider');
    await slider.waitFor({ timeout: JOB_TIMEOUT });
    const recallBefore = await report.locator('.ml-tuner__metrics .ml-metric', { hasText: 'Recall' }).locator('dd').textContent();
    await slider.fill('0.85');
    await expect.poll(() => report.locator('.ml-tuner__metrics .ml-metric', { hasText: 'Recall' }).locator('dd').textContent()).not.toBe(recallBefore);
    await report.getByRole('button', { name: 'Save this threshold' }).click();
    await report.getByText(/Saved threshold: 0\.\d+/).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'train-11-threshold');

    // What the model relies on, and permutation importance computed as a job.
    await report.getByRole('tab', { name: 'Importance' }).click();
    await chartDrawn(report.locator('.chart[aria-label="What the model relies on"]'));
    await report.getByRole('button', { name: 'Compute permutation importance' }).click();
    await chartDrawn(report.locator('.chart[aria-label="Permutation importance"]'));
    expect(await report.getByText(/Each column was shuffled 5 times/).isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'train-11b-importance');

    await report.getByRole('tab', { name: 'Worst errors' }).click();
    expect(await report.locator('table tbody tr').count()).toBeGreaterThan(0);

    // The final check, set apart, once.
    const finalCheck = page.locator('.ml-final');
    expect(await finalCheck.getByText('Do not use them to choose between models').isVisible()).toBe(true);
    await finalCheck.getByRole('button', { name: /^Run the final check on/ }).click();
    await page.locator('.ml-final[data-final-check="done"]').waitFor({ timeout: JOB_TIMEOUT });
    expect(await finalCheck.getByText(/test rows, ROC AUC is 0\.\d+ \(validation: 0\.\d+\)/).isVisible()).toBe(true);

    // Two runs side by side.
    const compare = page.locator('.ml-compare');
    await compare.getByRole('button', { name: 'Compare', exact: true }).click();
    await compare.locator('table').first().waitFor();
    expect(await compare.locator('td.ml-cell--better').count()).toBeGreaterThan(0);
    await screenshot(page, 'train-12-evaluate-all');

    // The report as one self-contained HTML file, next to the project.
    await report.getByRole('button', { name: 'Export report' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export the report' });
    const path = await exportDialog.getByLabel('Save to').inputValue();
    expect(path).toBe(join(studio.home, 'projects', 'Churn study-run-3-report.html'));
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await exportDialog.getByText(`Saved to ${path}`).waitFor({ timeout: JOB_TIMEOUT });
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<html');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    await exportDialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    expect(watched.errors).toEqual([]);
  });

  it('cancels a long neural network and marks it cancelled with "Run again"', async () => {
    await goToStep('train', 'Train');
    await page.getByRole('radio', { name: 'Choose yourself' }).check();
    for (const model of ['logreg', 'rf', 'hgb', 'knn']) {
      const box = page.locator(`.ml-model[data-model="${model}"] input[type="checkbox"]`);
      if ((await box.count()) > 0 && (await box.isChecked())) await box.uncheck();
    }
    const mlp = page.locator('.ml-model[data-model="mlp"]');
    await mlp.locator('input[type="checkbox"]').check();
    await mlp.getByRole('button', { name: 'Settings' }).click();
    await mlp.getByLabel('Hidden layers').selectOption('128,64,32');
    await mlp.getByLabel('Maximum iterations').fill('2000');
    await mlp.getByLabel('Early stopping').uncheck();
    await mlp.getByLabel('Maximum iterations').fill('5000');
    expect(await mlp.getByText('Use a value from 10 to 2,000.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Train \d+ models$/ }).isDisabled()).toBe(true);
    await mlp.getByLabel('Maximum iterations').fill('2000');
    await screenshot(page, 'train-13-advanced');
    await page.getByRole('button', { name: 'Train 3 models' }).click();

    const card = page.locator('.ml-run[data-model="mlp"]').first();
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: JOB_TIMEOUT }).toBe('running');
    await card.locator('.job__bar').waitFor();
    await chartDrawn(card.locator('.ml-run__curve'));
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'train-14-long-run', { fullPage: false });
    // The window stays responsive while it trains: the language switch answers at once.
    const before = Date.now();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Entrenar', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Train', level: 1 }).waitFor();
    expect(Date.now() - before).toBeLessThan(5000);

    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: JOB_TIMEOUT }).toBe('cancelled');
    expect(await card.locator('.ml-state').textContent()).toContain('Cancelled');
    expect(await card.getByRole('button', { name: 'Run again' }).isVisible()).toBe(true);
    expect(await card.getByText('Cancelled before it finished').isVisible()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'train-15-cancelled', { fullPage: false });
    // Earlier batches fold away under the newest one (they stay on the leaderboard).
    expect(await page.locator('.ml-runs__earlier summary').textContent()).toBe('Earlier runs (6)');

    // "Run again" repeats the recorded run as a new one (cancelled here too, to keep the test short).
    const cancelledNumber = Number(await card.getAttribute('data-run'));
    await card.getByRole('button', { name: 'Run again' }).click();
    const again = page.locator(`.ml-run[data-model="mlp"][data-run="${cancelledNumber + 1}"]`);
    await again.waitFor({ timeout: JOB_TIMEOUT });
    await expect.poll(() => again.getAttribute('data-state'), { timeout: JOB_TIMEOUT }).toBe('running');
    await again.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => again.getAttribute('data-state'), { timeout: JOB_TIMEOUT }).toBe('cancelled');
    expect(watched.errors).toEqual([]);
  });

  it('shows the three steps in Spanish, with translated chart titles', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await goToStep('evaluate', 'Evaluar');
    const board = page.locator('.ml-board');
    await board.getByRole('heading', { name: 'Tabla de posiciones' }).waitFor();
    await chartDrawn(board);
    expect(await board.locator('.annotation-text').allTextContents()).toContain('Meta: 0,8');
    expect(await board.locator('.xtitle').first().textContent()).toBe('AUC ROC');
    expect(await board.locator('.ml-lift').textContent()).toMatch(/Supera a la referencia de una regla por 0,\d+/);
    await page.locator('.ml-report').getByRole('tab', { name: 'Matriz de confusión' }).click();
    await chartDrawn(page.locator('.ml-report .chart'));
    expect(await page.locator('.ml-report .xtitle').first().textContent()).toBe('Clase predicha');
    await page.waitForTimeout(300);
    await screenshot(page, 'train-16-es-evaluate');
    await goToStep('train', 'Entrenar');
    await page.locator('.ml-run').first().waitFor();
    await screenshot(page, 'train-17-es-train');
    await goToStep('features', 'Atributos');
    await page.getByRole('heading', { name: 'Atributos de «e2e-train-customers»' }).waitFor();
    await screenshot(page, 'train-18-es-features');
    await page.getByRole('button', { name: 'English' }).click();
    expect(watched.errors).toEqual([]);
  });
});
