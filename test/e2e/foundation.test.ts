// The foundation in a real browser against the built `ciclo studio`: a beginner creates a
// project, states the objective, answers "Should I use ML?", reloads and finds everything;
// the same screens in Spanish; project-home chores (errors in place, missing files, rename,
// delete); and the API refusing callers without the token or from another origin.
import { existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from '../helpers/browser.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import type { Studio } from '../helpers/studio.js';
import { startStudio } from '../helpers/studio.js';

const STEPS_EN = ['Objective', 'Should I use ML?', 'Data', 'Features', 'Train', 'Evaluate', 'Deploy', 'Serve', 'Monitor', 'Maintain'];
const STEPS_ES = ['Objetivo', '¿Uso ML?', 'Datos', 'Atributos', 'Entrenar', 'Evaluar', 'Desplegar', 'Servir', 'Monitorear', 'Mantener'];

let studio: Studio;
let browser: Browser;

beforeAll(async () => {
  [studio, browser] = await Promise.all([startStudio(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

async function stepTitles(page: Page): Promise<string[]> {
  return page.locator('.stepper__title').allTextContents();
}

async function stepState(page: Page, step: string): Promise<string> {
  return (await page.locator(`.stepper__item[data-step="${step}"] .stepper__state`).textContent()) ?? '';
}

async function answer(page: Page, question: string, label: string): Promise<void> {
  await page.locator(`[data-question="${question}"]`).getByLabel(label, { exact: true }).check();
}

function expectNoPageErrors(watched: WatchedPage): void {
  expect(watched.errors).toEqual([]);
}

describe('a beginner walks the first two steps', () => {
  it('creates a project, fills the objective, answers the checklist, reloads and finds everything', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await page.goto(studio.url);

    // Home: plain words about typed paths, the default folder prefilled, no recent projects yet.
    await expect.poll(() => page.getByRole('heading', { name: 'Your projects' }).isVisible()).toBe(true);
    await expect.poll(() => page.url()).not.toContain('token=');
    expect(await page.getByText('You are using Ciclo in a web browser').isVisible()).toBe(true);
    expect(await page.getByLabel('Folder').inputValue()).toBe(join(studio.home, 'projects'));
    expect(await page.getByText('No recent projects yet.').isVisible()).toBe(true);
    await screenshot(page, '01-home-empty');

    // An empty name is refused in place, without a call.
    await page.getByRole('button', { name: 'Create project' }).click();
    expect(await page.getByText('Give the project a name.').isVisible()).toBe(true);

    await page.getByLabel('Project name').fill('Customer churn');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Objective', level: 1 }).waitFor();
    expect(existsSync(join(studio.home, 'projects', 'Customer churn.ciclo'))).toBe(true);

    // The stepper: ten steps in the seed's order; later steps honestly not available.
    expect(await stepTitles(page)).toEqual(STEPS_EN);
    expect(await stepState(page, 'objective')).toBe('Not started');
    expect(await stepState(page, 'data')).toBe('Not started');
    expect(await stepState(page, 'maintain')).toBe('Coming later');
    expect(await page.getByText('Why this step matters').isVisible()).toBe(true);
    await screenshot(page, '02-objective-empty');

    // Saving an empty objective marks the fields in place.
    await page.getByRole('button', { name: 'Save objective' }).click();
    expect(await page.locator('.field--invalid, .choice-group .error-text').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByText('Some fields need your attention').isVisible()).toBe(true);
    await screenshot(page, '03-objective-errors');

    await page.getByLabel('What information will the model receive?').fill('Age, plan, monthly usage and support calls of each customer.');
    await page.getByLabel('What should the model predict?').fill('Whether the customer cancels in the next month');
    await page.getByLabel('Classification').check();
    // The metric list holds only classification metrics.
    const options = await page.getByLabel('Success metric').locator('option').allTextContents();
    expect(options).toContain('Recall');
    expect(options).not.toContain('Mean absolute error');
    await page.getByLabel('Success metric').selectOption({ label: 'Recall' });
    expect(await page.getByLabel('Which class counts as positive?').isVisible()).toBe(true);

    // Threshold: checked against the metric range, read back with its direction.
    await page.getByLabel('Success threshold').fill('1.4');
    await page.getByLabel('Success threshold').blur();
    expect(await page.getByText('The value must be at most 1.').isVisible()).toBe(true);
    await page.getByLabel('Success threshold').fill('0.8');
    expect(await page.getByText('Success means Recall of at least 0.8.').isVisible()).toBe(true);
    await page.getByLabel('Which class counts as positive?').fill('cancelled');
    await page.getByLabel('What does a wrong answer cost?').fill('A missed customer costs far more than a courtesy call.');
    expect(await page.getByText('Unsaved changes').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save objective' }).click();
    await page.locator('.savebar__status--saved').waitFor();
    await expect.poll(() => stepState(page, 'objective')).toBe('Done');
    await screenshot(page, '04-objective-saved');

    // A regression metric reads "at most" (checked live, then put back).
    await page.getByLabel('Regression').check();
    await page.getByLabel('Success metric').selectOption({ label: 'Root mean squared error' });
    await page.getByLabel('Success threshold').fill('3.2');
    expect(await page.getByText('Success means Root mean squared error of at most 3.2.').isVisible()).toBe(true);
    await page.getByLabel('Classification').check();
    await page.getByLabel('Success metric').selectOption({ label: 'Recall' });
    await page.getByLabel('Success threshold').fill('0.8');
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    // The checklist.
    await page.getByRole('button', { name: 'Next: Should I use ML?' }).click();
    await page.getByRole('heading', { name: 'Should I use ML?', level: 1 }).waitFor();
    expect(await page.locator('[data-verdict="incomplete"]').isVisible()).toBe(true);
    await answer(page, 'rulesSuffice', 'No');
    await answer(page, 'dataAffordable', 'Yes');
    await answer(page, 'objectiveSimple', 'Yes');
    expect(await page.getByText('Answer the four core questions', { exact: true }).isVisible()).toBe(true);
    await answer(page, 'toleratesErrors', 'Yes');
    await answer(page, 'perception', 'No');
    await answer(page, 'dataExists', 'Yes');
    await answer(page, 'dataEnoughPerClass', 'No');
    await answer(page, 'dataRecent', 'Yes');
    await answer(page, 'dataQuality', 'Not sure');
    await page.locator('[data-question="dataEnoughPerClass"]').getByRole('button', { name: '+ Add a note' }).click();
    await page.locator('[data-question="dataEnoughPerClass"] textarea').fill('Only 40 cancellations last year.');
    expect(await page.getByText('ML fits this problem').isVisible()).toBe(true);
    expect(await page.getByText('Some classes or events have too few examples: collect more of them.').isVisible()).toBe(true);

    // The verdict follows the answers live.
    await answer(page, 'rulesSuffice', 'Yes');
    expect(await page.getByText('Reconsider using ML').isVisible()).toBe(true);
    expect(await page.getByText('Hand-written rules could solve it.', { exact: false }).isVisible()).toBe(true);
    await answer(page, 'rulesSuffice', 'No');
    // Answers save themselves: no button to forget.
    await page.locator('.autosave--saved').waitFor();
    await expect.poll(() => stepState(page, 'checklist')).toBe('Done');
    await screenshot(page, '05-checklist-fits');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '05b-checklist-viewport', { fullPage: false });

    // A step not built yet: honest panel, no charts, no numbers.
    await page.locator('.stepper__item[data-step="maintain"]').click();
    await page.getByRole('heading', { name: 'Not available yet in this version' }).waitFor();
    expect(await page.locator('.not-available__plan li').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart, canvas, svg.main-svg').count()).toBe(0);
    await screenshot(page, '06-maintain-not-available');
    // Back as freely as forward.
    await page.getByRole('button', { name: 'Back: Monitor' }).click();
    await page.getByRole('heading', { name: 'Monitor', level: 1 }).waitFor();

    // Reload: the project is still open, and everything is still there.
    await page.reload();
    await page.locator('.stepper').waitFor();
    expect(await stepState(page, 'objective')).toBe('Done');
    expect(await stepState(page, 'checklist')).toBe('Done');
    await page.locator('.stepper__item[data-step="objective"]').click();
    expect(await page.getByLabel('What should the model predict?').inputValue()).toBe('Whether the customer cancels in the next month');
    expect(await page.getByLabel('Classification').isChecked()).toBe(true);
    expect(await page.getByLabel('Success metric').inputValue()).toBe('recall');
    expect(await page.getByLabel('Success threshold').inputValue()).toBe('0.8');
    expect(await page.getByLabel('Which class counts as positive?').inputValue()).toBe('cancelled');
    expect(await page.getByLabel('What does a wrong answer cost?').inputValue()).toBe('A missed customer costs far more than a courtesy call.');
    await page.locator('.stepper__item[data-step="checklist"]').click();
    expect(await page.locator('[data-question="rulesSuffice"]').getByLabel('No', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('[data-question="dataQuality"]').getByLabel('Not sure', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('[data-question="dataEnoughPerClass"] textarea').inputValue()).toBe('Only 40 cancellations last year.');
    expect(await page.getByText('ML fits this problem').isVisible()).toBe(true);

    // Closing the project lists it as recent.
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    expect(await page.locator('.recent__name').allTextContents()).toContain('Customer churn');
    await screenshot(page, '07-home-recent');
    expectNoPageErrors(watched);
    await watched.context.close();
  });
});

describe('languages', () => {
  it('shows the stepper, the objective form and the checklist in Spanish, and remembers the choice', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await page.goto(studio.url);
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.getByRole('button', { name: 'Open: Customer churn' }).click();
    await page.locator('.stepper').waitFor();

    await page.getByRole('button', { name: 'Español' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await stepTitles(page)).toEqual(STEPS_ES);
    expect(await stepState(page, 'objective')).toBe('Hecho');
    expect(await page.getByText('Por qué importa este paso').isVisible()).toBe(true);

    await page.locator('.stepper__item[data-step="objective"]').click();
    await page.getByRole('heading', { name: 'Objetivo', level: 1 }).waitFor();
    expect(await page.getByLabel('¿Qué información recibirá el modelo?').isVisible()).toBe(true);
    expect(await page.getByLabel('Clasificación').isChecked()).toBe(true);
    expect(await page.getByLabel('Métrica de éxito').locator('option:checked').textContent()).toBe('Exhaustividad (recall)');
    expect(await page.getByText('Éxito significa Exhaustividad (recall) de al menos 0,8.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Guardar objetivo' }).isVisible()).toBe(true);
    await screenshot(page, '08-es-objective');

    await page.getByRole('button', { name: 'Siguiente: ¿Uso ML?' }).click();
    await page.getByRole('heading', { name: '¿Uso ML?', level: 1 }).waitFor();
    expect(await page.getByText('¿Podría resolverse el problema con reglas escritas a mano?').isVisible()).toBe(true);
    expect(await page.getByText('Cuatro preguntas clave').isVisible()).toBe(true);
    expect(await page.getByText('El ML encaja en este problema').isVisible()).toBe(true);
    expect(await page.locator('[data-question="dataQuality"]').getByLabel('No sé', { exact: true }).isChecked()).toBe(true);
    // No English left on the screen (the user's own notes aside).
    const text = (await page.locator('main').innerText()).replace('Only 40 cancellations last year.', '');
    for (const english of ['Yes', 'Not sure', 'Saved', 'Why this step matters', 'Four core questions', 'What your answers suggest']) {
      expect(text, english).not.toContain(english);
    }
    await screenshot(page, '09-es-checklist');

    await page.locator('.stepper__item[data-step="data"]').click();
    await page.getByRole('heading', { name: 'Trae tus datos' }).waitFor();
    await page.locator('.stepper__item[data-step="maintain"]').click();
    expect(await page.getByRole('heading', { name: 'Aún no disponible en esta versión' }).isVisible()).toBe(true);

    // The choice survives a reload.
    await page.reload();
    await page.locator('.stepper').waitFor();
    expect(await stepTitles(page)).toEqual(STEPS_ES);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await stepTitles(page)).toEqual(STEPS_EN);
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Your projects' }).waitFor();
    expectNoPageErrors(watched);
    await watched.context.close();
  });

  it('starts in Spanish when the system language is Spanish', async () => {
    const spanish = await startStudio({ env: { LANG: 'es_CL.UTF-8' } });
    const watched = await openPage(browser, { locale: 'en-US' });
    try {
      await watched.page.goto(spanish.url);
      await watched.page.getByRole('heading', { name: 'Tus proyectos' }).waitFor();
      expect(await watched.page.getByLabel('Nombre del proyecto').isVisible()).toBe(true);
      expect(await watched.page.getByText('Estás usando Ciclo en un navegador web').isVisible()).toBe(true);
      await screenshot(watched.page, '10-es-home');
    } finally {
      await watched.context.close();
      await spanish.stop();
    }
  });
});

describe('project home', () => {
  it('shows refusals in place, marks missing files, renames and deletes with confirmation', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await page.goto(studio.url);
    await page.getByRole('heading', { name: 'Your projects' }).waitFor();

    // A file that is not a project is refused next to the path field, and left untouched.
    const notes = join(studio.home, 'notes.txt');
    writeFileSync(notes, 'just some notes\n');
    await page.getByLabel('Path to the project file').fill(notes);
    await page.getByRole('button', { name: 'Open project' }).click();
    await page.locator('#open-path-error').waitFor();
    expect(await page.locator('#open-path-error').innerText()).toMatch(/not a Ciclo project/);
    await screenshot(page, '11-home-open-error');

    // Create, close, then create the same name again: refused at the name field.
    await page.getByLabel('Project name').fill('Scratch');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator('.stepper').waitFor();
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByLabel('Project name').fill('Scratch');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator('#create-name-error').waitFor();
    expect(await page.locator('#create-name-error').innerText()).toMatch(/already exists/);

    // Rename an open project.
    await page.getByRole('button', { name: 'Open: Scratch' }).click();
    await page.locator('.stepper').waitFor();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name').fill('Scratch two');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.locator('.projectbar__name').textContent()).toBe('Scratch two');
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    const renamed = (await page.locator('.recent__item', { hasText: 'Scratch two' }).locator('.recent__path').textContent()) ?? '';
    expect(existsSync(renamed)).toBe(true);

    // Delete asks first; cancelling keeps the file, confirming removes it.
    await page.getByRole('button', { name: 'Delete… Scratch two' }).click();
    expect(await page.getByRole('dialog').getByText(renamed).isVisible()).toBe(true);
    await screenshot(page, '12-home-delete-confirm', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(existsSync(renamed)).toBe(true);
    await page.getByRole('button', { name: 'Delete… Scratch two' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
    await expect.poll(() => page.locator('.recent__name').allTextContents()).not.toContain('Scratch two');
    expect(existsSync(renamed)).toBe(false);

    // A recent project whose file vanished is marked, and can be removed from the list.
    await page.getByLabel('Project name').fill('Moved away');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator('.stepper').waitFor();
    const movedPath = join(studio.home, 'projects', 'Moved away.ciclo');
    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    const { rmSync } = await import('node:fs');
    rmSync(movedPath);
    await page.reload();
    const missing = page.locator('.recent__item', { hasText: 'Moved away' });
    await missing.getByText('File not found').waitFor();
    await screenshot(page, '13-home-missing-file');
    await missing.getByRole('button', { name: 'Remove from list: Moved away' }).click();
    await expect.poll(() => page.locator('.recent__name').allTextContents()).not.toContain('Moved away');
    expectNoPageErrors(watched);
    await watched.context.close();
  });
});

describe('API safety', () => {
  function post(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const url = new URL(path, studio.origin);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => {
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // Not JSON: keep the text for the assertion message.
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  it('answers with the token from its own origin', async () => {
    const res = await post('/api/app.info', { 'x-ciclo-token': studio.token, origin: studio.origin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, data: { mode: 'headless' } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const missing = await post('/api/project.recent', {});
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await post('/api/project.recent', { 'x-ciclo-token': `${studio.token.slice(1)}x` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a call from a foreign origin even with the token', async () => {
    const res = await post('/api/project.recent', { 'x-ciclo-token': studio.token, origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const res = await post('/api/project.recent', { 'x-ciclo-token': studio.token, host: `evil.example:${new URL(studio.origin).port}` });
    expect(res.status).toBe(403);
  });

  it('refuses the event stream without the token', async () => {
    const res = await fetch(`${studio.origin}/api/events`);
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });

  it('keeps a foreign web page from reading the API in a real browser', async () => {
    const watched = await openPage(browser);
    // A page on another origin (the browser's own blank page) tries the API with a stolen token.
    await watched.page.goto('about:blank');
    const outcome = await watched.page.evaluate(async ({ origin, token }) => {
      try {
        const r = await fetch(`${origin}/api/project.recent`, { method: 'POST', headers: { 'x-ciclo-token': token, 'content-type': 'application/json' }, body: '{}' });
        return `status ${r.status}`;
      } catch (e) {
        return `blocked: ${String(e)}`;
      }
    }, { origin: studio.origin, token: studio.token });
    expect(outcome).not.toBe('status 200');
    await watched.context.close();
  });
});
