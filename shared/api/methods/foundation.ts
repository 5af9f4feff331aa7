/** Foundation methods: the app, projects, objective, checklist, lifecycle status, jobs. */
import { z } from 'zod';
import { defineMethods } from '../define.js';
import { ObjectiveSchema, SavedObjectiveSchema } from '../../domain/objective.js';
import { ChecklistAnswersSchema, ChecklistStateSchema } from '../../domain/checklist.js';
import { StepStatusSchema } from '../../domain/lifecycle.js';
import { JobProgressSchema } from '../../domain/jobs.js';

/** Languages the UI speaks. */
export const LocaleSchema = z.enum(['en', 'es']);

/** Facts about the running app. */
export const AppInfoSchema = z.object({
  version: z.string(),
  /** The engine version recorded with every run and model. */
  engineVersion: z.string(),
  /** `electron`: desktop window; `headless`: `ciclo studio` in a browser. */
  mode: z.enum(['electron', 'headless']),
  /** The system's language, used as the default when the user has not chosen one. */
  systemLocale: LocaleSchema,
  /** Folder suggested for new projects. */
  defaultProjectDir: z.string(),
  /** True when native open/save dialogs exist (Electron); the browser types paths instead. */
  hasNativeDialogs: z.boolean(),
});

/** The open project. */
export const ProjectInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The file's schema version (`PRAGMA user_version`). */
  schemaVersion: z.number().int(),
  /** Ciclo version that created the file. */
  createdWith: z.string(),
  isReadOnly: z.boolean(),
});

/** The open project. */
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

/** An entry of the recent-projects list (kept outside project files). */
export const RecentProjectSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when the file is gone (moved or deleted outside Ciclo). */
  exists: z.boolean(),
});

/** A project name: what users type; becomes the file name. */
export const ProjectNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
  .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s), { message: 'characters not allowed in a file name' });

/** Where the user chose to save a new project (native save dialog); null when cancelled. */
export const SaveTargetSchema = z
  .object({
    /** Folder of the chosen file. */
    dir: z.string(),
    /** Project name: the chosen file name without `.ciclo`. */
    name: z.string(),
    /** The full chosen path (`<dir>/<name>.ciclo`). */
    path: z.string(),
  })
  .nullable();

/** Methods of the foundation. */
export const foundationMethods = defineMethods({
  'app.info': { input: z.object({}), output: AppInfoSchema },

  'project.create': {
    input: z.object({ name: ProjectNameSchema, dir: z.string().min(1).optional() }),
    output: ProjectInfoSchema,
  },
  'project.open': {
    input: z.object({
      path: z.string().min(1),
      /** Open without taking the write lock; every write then fails with READ_ONLY. */
      readOnly: z.boolean().optional(),
      /** Add it to the recent-projects list (default true; `ciclo project info` passes false). */
      remember: z.boolean().optional(),
    }),
    output: ProjectInfoSchema,
  },
  'project.close': { input: z.object({}), output: z.object({ closed: z.boolean() }) },
  'project.current': { input: z.object({}), output: ProjectInfoSchema.nullable() },
  'project.rename': { input: z.object({ name: ProjectNameSchema }), output: ProjectInfoSchema },
  'project.delete': { input: z.object({ path: z.string().min(1) }), output: z.object({ deleted: z.boolean() }) },
  'project.recent': { input: z.object({}), output: z.array(RecentProjectSchema) },
  'project.forgetRecent': { input: z.object({ path: z.string().min(1) }), output: z.array(RecentProjectSchema) },

  'objective.get': { input: z.object({}), output: SavedObjectiveSchema.nullable() },
  'objective.save': { input: z.object({ objective: ObjectiveSchema }), output: SavedObjectiveSchema },

  'checklist.get': { input: z.object({}), output: ChecklistStateSchema },
  'checklist.save': { input: z.object({ answers: ChecklistAnswersSchema }), output: ChecklistStateSchema },

  'lifecycle.status': { input: z.object({}), output: z.array(StepStatusSchema) },

  'job.list': { input: z.object({ activeOnly: z.boolean().optional() }), output: z.array(JobProgressSchema) },
  'job.cancel': { input: z.object({ jobId: z.string() }), output: z.object({ cancelled: z.boolean() }) },

  /**
   * Native file dialogs (Electron only; `app.info.hasNativeDialogs`). In headless mode they fail
   * with UNSUPPORTED and the UI asks for a typed path instead. `null` = the user cancelled.
   */
  'dialog.openProject': { input: z.object({}), output: z.object({ path: z.string() }).nullable() },
  'dialog.saveProject': { input: z.object({ defaultName: z.string().max(120).optional() }), output: SaveTargetSchema },
  /** A folder (for a model bundle to export or import); `title` is the dialog's translated title. */
  'dialog.chooseFolder': {
    input: z.object({ title: z.string().min(1).max(200), defaultPath: z.string().max(4000).optional() }),
    output: z.object({ path: z.string() }).nullable(),
  },
});
