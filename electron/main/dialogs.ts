/** Native open/save dialogs for project files and folders (the backend's NativeDialogs, Electron side). */
import { dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { NativeDialogs } from '../backend/api/app.js';
import type { ShellLabels } from './labels.js';

/** Dialogs attached to the current main window. */
export function createNativeDialogs(getWindow: () => BrowserWindow | null, text: ShellLabels, defaultDir: () => string): NativeDialogs {
  return {
    async openProject() {
      const win = getWindow();
      const options = {
        title: text.openTitle,
        defaultPath: defaultDir(),
        properties: ['openFile' as const],
        filters: [{ name: text.projectFiles, extensions: ['ciclo'] }],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
    async saveProject(defaultName) {
      const win = getWindow();
      const options = {
        title: text.saveTitle,
        defaultPath: join(defaultDir(), `${defaultName ?? 'Project'}.ciclo`),
        filters: [{ name: text.projectFiles, extensions: ['ciclo'] }],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseFolder(title, defaultPath) {
      const win = getWindow();
      const options = {
        title,
        defaultPath: defaultPath ?? defaultDir(),
        properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
  };
}
