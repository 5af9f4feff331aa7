/**
 * The application menu. Project actions go through the same dispatch as the window's own calls,
 * so the window learns about them from the usual `project.changed` events.
 */
import { Menu, app, dialog, type MenuItemConstructorOptions } from 'electron';
import type { Backend } from '../backend/api/backend.js';
import type { ShellLabels } from './labels.js';

async function openViaDialog(backend: Backend, text: ShellLabels): Promise<void> {
  const chosen = await backend.dispatch('dialog.openProject', {});
  if (!chosen.ok || chosen.data === null) return;
  const opened = await backend.dispatch('project.open', { path: (chosen.data as { path: string }).path });
  if (!opened.ok) dialog.showErrorBox(text.errorTitle, opened.error.message);
}

/** Builds and installs the menu. */
export function installMenu(backend: Backend, text: ShellLabels, isDevelopment: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: text.file,
      submenu: [
        { label: text.openProject, accelerator: 'CmdOrCtrl+O', click: () => void openViaDialog(backend, text) },
        { label: text.closeProject, accelerator: 'CmdOrCtrl+W', click: () => void backend.dispatch('project.close', {}) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { label: text.quit, role: 'quit' },
      ],
    },
    { label: text.edit, role: 'editMenu' },
    {
      label: text.view,
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDevelopment ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { label: text.window, role: 'windowMenu' },
    { label: text.help, role: 'help', submenu: [{ label: text.about, click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
