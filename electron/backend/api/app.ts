/** Handlers: app.info and the native dialogs (Electron supplies them; headless has none). */
import { basename, dirname, extname } from 'node:path';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { AppError } from '../../../shared/errors.js';
import { ENGINE_VERSION } from '../../ml/version.js';
import type { BackendContext } from './context.js';
import { PROJECT_EXTENSION } from '../storage/paths.js';

/** Native open/save dialogs, implemented by electron/main/dialogs.ts. */
export interface NativeDialogs {
  /** Lets the user pick a `.ciclo` file; null when cancelled. */
  openProject(): Promise<string | null>;
  /** Lets the user choose where to save a new project; null when cancelled. */
  saveProject(defaultName: string | undefined): Promise<string | null>;
  /** Lets the user pick (or create) a folder; null when cancelled. Optional: hosts without it answer UNSUPPORTED. */
  chooseFolder?(title: string, defaultPath: string | undefined): Promise<string | null>;
}

function unsupported(): AppError {
  return new AppError('UNSUPPORTED', 'File dialogs exist only in the desktop app; type the path instead.', {
    messageKey: 'errors.UNSUPPORTED.dialogs',
  });
}

/** app.* and dialog.* handlers. */
export function createAppHandlers(dialogs: NativeDialogs | null) {
  return {
    'app.info': (_args, ctx) => ({
      version: ctx.config.appVersion,
      engineVersion: ENGINE_VERSION,
      mode: ctx.config.mode,
      systemLocale: ctx.config.systemLocale,
      defaultProjectDir: ctx.config.defaultProjectDir,
      hasNativeDialogs: dialogs !== null,
    }),

    'dialog.openProject': async () => {
      if (!dialogs) throw unsupported();
      const path = await dialogs.openProject();
      return path === null ? null : { path };
    },

    'dialog.saveProject': async (args) => {
      if (!dialogs) throw unsupported();
      const path = await dialogs.saveProject(args.defaultName);
      if (path === null) return null;
      const withExt = extname(path).toLowerCase() === PROJECT_EXTENSION ? path : `${path}${PROJECT_EXTENSION}`;
      return { dir: dirname(withExt), name: basename(withExt).slice(0, -PROJECT_EXTENSION.length), path: withExt };
    },

    'dialog.chooseFolder': async (args) => {
      if (!dialogs?.chooseFolder) throw unsupported();
      const path = await dialogs.chooseFolder(args.title, args.defaultPath);
      return path === null ? null : { path };
    },
  } satisfies Pick<ApiHandlers<BackendContext>, 'app.info' | 'dialog.openProject' | 'dialog.saveProject' | 'dialog.chooseFolder'>;
}
