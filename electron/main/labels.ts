/**
 * The few strings the Electron shell itself shows (menus, dialog titles), in English and Spanish.
 * Everything inside the window is translated by the renderer; these appear before it exists.
 */
export type ShellLocale = 'en' | 'es';

const LABELS = {
  en: {
    file: 'File',
    openProject: 'Open Project…',
    closeProject: 'Close Project',
    quit: 'Quit Ciclo',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About Ciclo',
    projectFiles: 'Ciclo projects',
    openTitle: 'Open a Ciclo project',
    saveTitle: 'Create a Ciclo project',
    errorTitle: 'Ciclo',
  },
  es: {
    file: 'Archivo',
    openProject: 'Abrir proyecto…',
    closeProject: 'Cerrar proyecto',
    quit: 'Salir de Ciclo',
    edit: 'Edición',
    view: 'Ver',
    window: 'Ventana',
    help: 'Ayuda',
    about: 'Acerca de Ciclo',
    projectFiles: 'Proyectos de Ciclo',
    openTitle: 'Abrir un proyecto de Ciclo',
    saveTitle: 'Crear un proyecto de Ciclo',
    errorTitle: 'Ciclo',
  },
} as const;

/** The shell's strings. */
export type ShellLabels = { readonly [K in keyof (typeof LABELS)['en']]: string };

/** The language of a system locale string (`es-MX` -> es; anything else -> en). */
export function shellLocale(locale: string): ShellLocale {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The strings in `locale`. */
export function labels(locale: ShellLocale): ShellLabels {
  return LABELS[locale];
}
