// The Data step in a real browser against the built `ciclo studio`: a beginner imports a
// Spanish spreadsheet export (semicolons, decimal commas) and sees numbers in the preview; a
// broken file is refused with its line; an imbalanced customer file gets the imbalance finding;
// a stratified partition is made; SMOTE creates a new version whose parent is the partition's
// version and whose training part is balanced; the same screens in Spanish.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../helpers/browser.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import type { Studio } from '../helpers/studio.js';
import { ROOT, startStudio } from '../helpers/studio.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'data');
const JOB_TIMEOUT = 60_000;

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

function dialog(name: string) {
  return page.getByRole('dialog', { name });
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** The cells of the class-balance table of the current partition, by class: [train, validation, test]. */
async function partCounts(): Promise<Record<string, string[]>> {
  const table = page.locator('.partition-balance table');
  const rows = await table.locator('tbody tr').all();
  const out: Record<string, string[]> = {};
  for (const row of rows) {
    const cells = await row.locator('td, th').allTextContents();
    out[cells[0]] = cells.slice(1);
  }
  return out;
}

function countOf(cell: string): number {
  return Number(cell.split(' ')[0].replace(/[^\d]/g, ''));
}

describe('the Data step', () => {
  it('imports a decimal-comma file, refuses a broken one, and works an imbalanced dataset through a partition and SMOTE', async () => {
    await page.goto(studio.url);
    await page.getByLabel('Project name').fill('Customer churn');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Objective', level: 1 }).waitFor();

    // The objective names what to predict; the import will propose that column as the target.
    await page.getByLabel('What information will the model receive?').fill('Age, monthly fee, support calls and tenure of each customer.');
    await page.getByLabel('What should the model predict?').fill('churn');
    await page.getByLabel('Classification').check();
    await page.getByLabel('Success metric').selectOption({ label: 'Balanced accuracy' });
    await page.getByLabel('Success threshold').fill('0.8');
    await page.getByRole('button', { name: 'Save objective' }).click();
    await page.locator('.savebar__status--saved').waitFor();

    // The Data step, empty: one clear way in.
    await page.locator('.stepper__item[data-step="data"]').click();
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Bring in your data' }).waitFor();
    expect(await page.locator('.stepper__item[data-step="data"] .stepper__state').textContent()).toBe('Not started');
    await screenshot(page, 'data-01-empty');

    // A broken file: the error says which line, and nothing is imported.
    await page.getByRole('button', { name: 'Import a file…' }).click();
    const importDialog = dialog('Import data');
    await importDialog.waitFor();
    expect(await importDialog.getByText('You are using Ciclo in a web browser').isVisible()).toBe(true);
    await importDialog.getByLabel('Path to the file').fill(join(FIXTURES, 'ragged.csv'));
    await importDialog.getByRole('button', { name: 'Read the file' }).click();
    await importDialog.locator('.file-error__place').waitFor();
    expect(await importDialog.locator('.file-error__place').textContent()).toMatch(/^Line 4/);
    expect(await importDialog.locator('.file-error').textContent()).toContain('has 4 fields, but the header has 3');
    await screenshot(page, 'data-02-import-error', { fullPage: false });

    // A Spanish spreadsheet export: semicolons and decimal commas, shown as numbers.
    await importDialog.getByLabel('Path to the file').fill(join(FIXTURES, 'e2e-ventas.csv'));
    await importDialog.getByRole('button', { name: 'Read the file' }).click();
    await importDialog.getByRole('heading', { name: 'How the file is read' }).waitFor();
    expect(await importDialog.getByLabel('Separator between values').inputValue()).toBe(';');
    expect(await importDialog.getByLabel('Decimal separator').inputValue()).toBe(',');
    expect(await importDialog.getByLabel('Thousands separator').inputValue()).toBe('.');
    expect(await importDialog.getByLabel('Type of importe').inputValue()).toBe('numeric');
    expect(await importDialog.getByLabel('Type of margen').inputValue()).toBe('numeric');
    const firstRows = importDialog.locator('.import__section', { hasText: 'First' }).locator('table');
    const header = await firstRows.locator('thead th .datatable__label').allTextContents();
    const firstRow = await firstRows.locator('tbody tr').first().locator('td, th').allTextContents();
    // "1.260,00" in the file reads as the number 1,260 (English style on screen); "0,227" as 0.227.
    expect(firstRow[header.indexOf('importe')]).toBe('1,260');
    expect(firstRow[header.indexOf('margen')]).toBe('0.227');
    expect(await importDialog.getByLabel('Target column').inputValue()).toBe('');
    await screenshot(page, 'data-03-import-preview', { fullPage: false });
    await importDialog.locator('.modal__body').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2 - 200));
    await screenshot(page, 'data-03b-import-columns', { fullPage: false });

    await importDialog.getByLabel('Dataset name').fill('ventas');
    await importDialog.getByRole('button', { name: /^Import 40 rows$/ }).click();
    await importDialog.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
    await page.getByRole('heading', { name: 'ventas', level: 2 }).waitFor();
    expect(await page.getByText('Imported 40 rows as version 1.').isVisible()).toBe(true);

    // The imbalanced customer file: the target comes from the objective.
    await page.getByRole('button', { name: 'Import…' }).click();
    await importDialog.waitFor();
    await importDialog.getByLabel('Path to the file').fill(join(FIXTURES, 'e2e-churn.csv'));
    await importDialog.getByRole('button', { name: 'Read the file' }).click();
    await importDialog.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    expect(await importDialog.getByLabel('Target column').inputValue()).toBe('churn');
    expect(await importDialog.getByText('Chosen from your objective.').isVisible()).toBe(true);
    await importDialog.getByRole('button', { name: /^Import 210 rows$/ }).click();
    await importDialog.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
    await page.getByRole('heading', { name: 'e2e-churn', level: 2 }).waitFor();

    // The profile: key numbers, the class balance, a column's chart.
    await page.getByRole('heading', { name: 'Classes of churn' }).waitFor({ timeout: JOB_TIMEOUT });
    expect(await page.locator('.facts .fact', { hasText: 'Rows' }).first().locator('.fact__value').textContent()).toBe('210');
    await page.locator('.chart .main-svg').first().waitFor({ timeout: JOB_TIMEOUT });
    await page.getByRole('button', { name: /^monthly_fee/ }).click();
    await page.getByRole('heading', { name: 'monthly_fee', level: 3 }).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'data-04-profile');

    // The quality report shows the imbalance, explained, with balancing remedies.
    await openTab('Quality report');
    const imbalance = page.locator('[data-finding="class_imbalance"]');
    await imbalance.waitFor({ timeout: JOB_TIMEOUT });
    expect(await imbalance.getByRole('heading', { name: 'Imbalanced classes' }).isVisible()).toBe(true);
    expect(await imbalance.getByText('The class "leave" is much rarer').isVisible()).toBe(true);
    expect(await imbalance.getByRole('button', { name: 'SMOTE', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'data-05-quality');

    // SMOTE first asks for a partition, and says why.
    await imbalance.getByRole('button', { name: 'SMOTE', exact: true }).click();
    const smote = dialog('SMOTE');
    await smote.waitFor();
    expect(await smote.getByText('Validation and test rows stay exactly as they are').isVisible()).toBe(true);
    expect(await smote.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await screenshot(page, 'data-06-smote-needs-partition', { fullPage: false });
    await smote.getByRole('button', { name: 'Create a partition' }).click();

    // A stratified 70/15/15 partition (the default for a classification target).
    await page.getByRole('heading', { name: 'Create a partition' }).waitFor();
    expect(await page.getByLabel('Stratified by the target').isChecked()).toBe(true);
    expect(await page.getByLabel('Column to keep balanced').inputValue()).toBe('churn');
    await page.getByRole('button', { name: 'Create the partition' }).click();
    await page.getByText('Version 2 created with the new partition.').waitFor({ timeout: JOB_TIMEOUT });
    await page.getByRole('heading', { name: 'Current partition' }).waitFor();
    // Stratified: 70 % of each class goes to training (the exact counts depend on rounding).
    const before = await partCounts();
    const trainStay = countOf(before.stay[0]);
    const trainLeave = countOf(before.leave[0]);
    expect(Math.abs(trainStay - 126)).toBeLessThanOrEqual(1);
    expect(Math.abs(trainLeave - 21)).toBeLessThanOrEqual(1);
    const added = trainStay - trainLeave;
    await page.waitForTimeout(400);
    await screenshot(page, 'data-07-partition');

    // Now SMOTE applies to the training part only.
    await openTab('Quality report');
    await imbalance.waitFor({ timeout: JOB_TIMEOUT });
    await imbalance.getByRole('button', { name: 'SMOTE', exact: true }).click();
    await smote.waitFor();
    expect(await smote.getByText('Target: churn').isVisible()).toBe(true);
    await smote.getByLabel('Note for the history').fill('Balance the training part');
    await screenshot(page, 'data-08-smote-form', { fullPage: false });
    await smote.getByRole('button', { name: 'Apply' }).click();
    await smote.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
    await page.getByText(`Version 3 created. Rows added: ${added} · rows removed: 0 · cells changed: 0.`).waitFor();

    // The history: v3 from v2, with its recorded step.
    await openTab('Versions');
    const v3 = page.locator('.version[data-version="3"]');
    await v3.waitFor();
    expect(await v3.locator('.version__message').textContent()).toBe('Balance the training part');
    expect(await v3.getByText('from v2').isVisible()).toBe(true);
    expect(await v3.locator('.version__step').textContent()).toContain(`SMOTE · +${added} rows`);
    expect(await v3.getByText('Working version').isVisible()).toBe(true);
    expect(await page.locator('.version[data-version="2"]').getByText('from v1').isVisible()).toBe(true);

    // Compare v2 and v3: only rows added.
    await page.locator('.version[data-version="2"]').getByLabel('Compare').check();
    await v3.getByLabel('Compare').check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const diff = page.locator('.diff');
    await diff.waitFor();
    expect(await diff.locator('[data-diff="added"] .fact__value').textContent()).toBe(String(added));
    expect(await diff.locator('[data-diff="removed"] .fact__value').textContent()).toBe('0');
    await screenshot(page, 'data-09-versions');

    // The training part is balanced; validation and test are untouched.
    await openTab('Partitions');
    await page.getByRole('heading', { name: 'Current partition' }).waitFor();
    const after = await partCounts();
    expect(countOf(after.stay[0])).toBe(trainStay);
    expect(countOf(after.leave[0])).toBe(trainStay);
    expect(after.stay.slice(1)).toEqual(before.stay.slice(1));
    expect(after.leave.slice(1)).toEqual(before.leave.slice(1));

    // The rows browser, filtered to the test part.
    await openTab('Rows');
    await page.getByText(`Rows 1–50 of ${210 + added}`).waitFor();
    const testRows = countOf(after.stay[2]) + countOf(after.leave[2]);
    await page.getByLabel('Test', { exact: true }).check();
    await page.getByText(`Rows 1–${testRows} of ${testRows}`).waitFor();
    await screenshot(page, 'data-10-rows');

    // The stepper reflects the backend: the data is split, so the step is done or flags the report.
    await expect.poll(async () => page.locator('.stepper__item[data-step="data"] .stepper__state').textContent()).toMatch(/Done|Needs attention/);
    expect(watched.errors).toEqual([]);
  });

  it('clips outliers after a random split, changes the target, tags, checks out an older version and exports it', async () => {
    await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'ventas' });
    await page.getByRole('heading', { name: 'ventas', level: 2 }).waitFor();

    // The outliers finding, with its example rows.
    await openTab('Quality report');
    const outliers = page.locator('[data-finding="outliers"]');
    await outliers.waitFor({ timeout: JOB_TIMEOUT });
    expect(await outliers.getByRole('heading', { name: 'Extreme values in importe' }).isVisible()).toBe(true);
    await outliers.getByRole('button', { name: /^Show example rows/ }).click();
    await outliers.locator('.examples table tbody tr').first().waitFor();
    expect(await outliers.locator('.examples table tbody tr').count()).toBe(6);
    await screenshot(page, 'data-16-outliers');

    // Filling empty cells: a learned value waits for a split, a constant does not.
    const missing = page.locator('[data-finding="missing_values"]');
    await missing.getByRole('button', { name: 'Fill missing values' }).click();
    const impute = dialog('Fill missing values');
    await impute.waitFor();
    expect(await impute.getByLabel('margen').isChecked()).toBe(true);
    expect(await impute.getByLabel('Fill with').inputValue()).toBe('median');
    expect(await impute.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await impute.getByLabel('Fill with').selectOption('constant');
    expect(await impute.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(false);
    await impute.getByLabel('Value to fill in').fill('0,2');
    await screenshot(page, 'data-16b-impute-form', { fullPage: false });
    await impute.getByRole('button', { name: 'Cancel' }).click();
    await impute.waitFor({ state: 'detached' });

    // Clipping learns fences from the rows, so it waits for a split too; ventas has no target: random.
    await outliers.getByRole('button', { name: 'Clip extreme values' }).click();
    const clip = dialog('Clip extreme values');
    await clip.waitFor();
    expect(await clip.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await clip.getByRole('button', { name: 'Create a partition' }).click();
    expect(await page.getByLabel('Random').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create the partition' }).click();
    await page.getByText('Version 2 created with the new partition.').waitFor({ timeout: JOB_TIMEOUT });

    await openTab('Quality report');
    await outliers.waitFor({ timeout: JOB_TIMEOUT });
    await outliers.getByRole('button', { name: 'Clip extreme values' }).click();
    await clip.waitFor();
    expect(await clip.getByLabel('importe').isChecked()).toBe(true);
    await clip.getByLabel('What counts as extreme').selectOption('mad');
    await screenshot(page, 'data-17-clip-form', { fullPage: false });
    await clip.getByRole('button', { name: 'Apply' }).click();
    await clip.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
    await page.getByText(/^Version 3 created\. Rows added: 0 · rows removed: 0 · cells changed: [1-9]\d*\.$/).waitFor();

    // A target chosen after the import: a new version sharing the data.
    await page.getByRole('button', { name: 'Change…' }).click();
    const roles = dialog('Column roles');
    await roles.getByLabel('Target column').selectOption('región');
    await roles.getByRole('button', { name: 'Save roles' }).click();
    await roles.waitFor({ state: 'detached' });
    await page.getByText('Version 4 created with the new column roles.').waitFor();
    expect(await page.locator('.fact', { hasText: 'Target' }).locator('.fact__text').textContent()).toBe('región');

    // Tag the import, then go back to it.
    await openTab('Versions');
    const v1 = page.locator('.version[data-version="1"]');
    await v1.getByRole('button', { name: 'Add a tag' }).click();
    await v1.getByLabel('Tag name').fill('raw');
    await v1.getByRole('button', { name: 'Save tag' }).click();
    await v1.locator('.tag', { hasText: 'raw' }).waitFor();
    await v1.getByRole('button', { name: 'Make working version' }).click();
    await page.getByRole('dialog', { name: 'Work on version 1?' }).getByRole('button', { name: 'Make it the working version' }).click();
    await page.getByText('Version 1 is now the working version.').waitFor();
    await page.getByText('You are working on an older version.').waitFor();
    await v1.getByText('Working version').waitFor();
    await screenshot(page, 'data-18-checkout');

    // Export the working version (the import: no partition column).
    const out = join(studio.home, 'ventas-v1.csv');
    await page.getByRole('button', { name: 'Export CSV…' }).click();
    const exporter = dialog('Export to CSV');
    await exporter.getByLabel('Save as').fill(out);
    await exporter.getByRole('button', { name: 'Export' }).click();
    await exporter.getByText(`Saved to ${out}.`).waitFor({ timeout: JOB_TIMEOUT });
    await screenshot(page, 'data-19-export', { fullPage: false });
    await exporter.getByRole('button', { name: 'Close' }).last().click();
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(41);
    expect(lines[0]).toContain('importe');
    expect(lines[0]).not.toContain('partition');
    expect(watched.errors).toEqual([]);
  });

  it('shows the same screens in Spanish, with numbers in the Spanish style', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Datos', level: 1 }).waitFor();
    await page.getByLabel('Conjunto de datos', { exact: true }).selectOption({ label: 'e2e-churn' });
    await page.getByRole('heading', { name: 'e2e-churn', level: 2 }).waitFor();
    await openTab('Perfil');
    await page.getByRole('heading', { name: 'Clases de churn' }).waitFor({ timeout: JOB_TIMEOUT });
    await page.waitForTimeout(400);
    await screenshot(page, 'data-11-es-profile');
    await openTab('Informe de calidad');
    await page.locator('.report-summary').waitFor({ timeout: JOB_TIMEOUT });
    await screenshot(page, 'data-12-es-quality');
    await openTab('Particiones');
    await page.getByRole('heading', { name: 'Partición actual' }).waitFor();
    expect(await page.getByText('Estratificada por el objetivo').first().isVisible()).toBe(true);
    await page.waitForTimeout(400);
    await screenshot(page, 'data-13-es-partition');
    await openTab('Versiones');
    await page.locator('.version[data-version="3"]').getByText('desde v2').waitFor();
    await screenshot(page, 'data-14-es-versions');

    // The import dialog in Spanish: the decimal-comma file shown with decimal commas.
    await page.getByRole('button', { name: 'Importar…' }).click();
    const importDialog = dialog('Importar datos');
    await importDialog.getByLabel('Ruta del archivo').fill(join(FIXTURES, 'e2e-ventas.csv'));
    await importDialog.getByRole('button', { name: 'Leer el archivo' }).click();
    await importDialog.getByRole('heading', { name: 'Cómo se lee el archivo' }).waitFor();
    const firstRows = importDialog.locator('.import__section', { hasText: 'Primeras' }).locator('table');
    const header = await firstRows.locator('thead th .datatable__label').allTextContents();
    const firstRow = await firstRows.locator('tbody tr').first().locator('td, th').allTextContents();
    expect(firstRow[header.indexOf('margen')]).toBe('0,227');
    await screenshot(page, 'data-15-es-import', { fullPage: false });
    await importDialog.getByRole('button', { name: 'Cancelar' }).click();

    // Narrower windows: every tab still fits, nothing pushes the page sideways.
    for (const width of [1024, 820]) {
      await page.setViewportSize({ width, height: 860 });
      for (const tab of ['Perfil', 'Informe de calidad', 'Particiones', 'Versiones', 'Filas']) {
        await openTab(tab);
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${tab} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await screenshot(page, `data-16-es-rows-${width}`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.getByRole('button', { name: 'English' }).click();
    expect(watched.errors).toEqual([]);
  });
});
