/** Handlers: project.* (create, open, close, current, rename, delete, recent, forgetRecent). */
import { resolve } from 'node:path';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { ProjectInfo } from '../../../shared/api/methods/foundation.js';
import type { BackendContext } from './context.js';
import { createProjectFile, deleteProjectFile, openProjectFile, projectPathFor, renameProjectFile, type ProjectFile } from '../storage/project-file.js';
import { readMeta, setName } from '../storage/repos/meta.js';
import { AppError } from '../../../shared/errors.js';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** The contract's view of an open project file. */
export function projectInfo(file: ProjectFile): ProjectInfo {
  const meta = readMeta(file.db);
  return {
    path: file.path,
    name: meta.name,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    schemaVersion: file.schemaVersion,
    createdWith: meta.createdWith,
    isReadOnly: file.isReadOnly,
  };
}

function announce(ctx: BackendContext): void {
  ctx.events.emit('project.changed', { area: 'project' });
  ctx.events.emit('project.changed', { area: 'lifecycle' });
}

/** Opens `file` as the session's project, records it as recent (unless told not to), tells the UI. */
function adopt(ctx: BackendContext, file: ProjectFile, remember = true): ProjectInfo {
  ctx.session.attach(file);
  const info = projectInfo(file);
  if (remember) ctx.recent.touch(file.path, info.name, ctx.now().toISOString());
  announce(ctx);
  return info;
}

/** project.* handlers. */
export const projectHandlers = {
  'project.create': (args, ctx) =>
    ctx.session.transition(async () => {
      const dir = args.dir ?? ctx.config.defaultProjectDir;
      const now = ctx.now().toISOString();
      // Create first: if it fails (the name exists...), the open project stays open.
      const file = createProjectFile(dir, args.name, { createdWith: ctx.config.appVersion, now }, { nativeBinding: ctx.config.nativeBinding });
      try {
        await ctx.session.closeCurrent();
      } catch (err) {
        file.close();
        throw err;
      }
      return adopt(ctx, file);
    }),

  'project.open': (args, ctx) =>
    ctx.session.transition(async () => {
      const path = resolve(args.path);
      const readOnly = args.readOnly === true;
      const current = ctx.session.current;
      if (current && current.path === path && current.isReadOnly === readOnly) {
        const info = projectInfo(current);
        if (args.remember !== false) ctx.recent.touch(path, info.name, ctx.now().toISOString());
        return info;
      }
      // Reopening the same file in another mode: release it first (our own lock would refuse us).
      if (current && current.path === path) await ctx.session.closeCurrent();
      const file = await openProjectFile(path, { readOnly, nativeBinding: ctx.config.nativeBinding });
      try {
        await ctx.session.closeCurrent();
      } catch (err) {
        file.close();
        throw err;
      }
      return adopt(ctx, file, args.remember !== false);
    }),

  'project.close': (_args, ctx) =>
    ctx.session.transition(async () => {
      const closed = await ctx.session.closeCurrent();
      if (closed) announce(ctx);
      return { closed };
    }),

  'project.current': (_args, ctx) => {
    const file = ctx.session.current;
    return file ? projectInfo(file) : null;
  },

  'project.rename': (args, ctx) =>
    ctx.session.transition(async () => {
      const file = ctx.session.requireWritable();
      const oldPath = file.path;
      const target = projectPathFor(dirname(oldPath), args.name);
      if (target !== oldPath && target.toLowerCase() !== oldPath.toLowerCase() && existsSync(target)) {
        throw new AppError('PROJECT_EXISTS', `A file already exists at ${target}; choose another name.`, { params: { path: target }, details: { field: 'name' } });
      }
      const now = ctx.now().toISOString();
      const options = { nativeBinding: ctx.config.nativeBinding };
      await ctx.session.closeCurrent();
      let renamed: ProjectFile;
      try {
        renamed = await renameProjectFile(file, args.name, options);
      } catch (err) {
        // Leave the user where they were: the old file, open again.
        ctx.session.attach(await openProjectFile(oldPath, options));
        throw err;
      }
      setName(renamed.db, args.name, now);
      ctx.session.attach(renamed);
      const info = projectInfo(renamed);
      ctx.recent.replace(oldPath, renamed.path, info.name, now);
      announce(ctx);
      return info;
    }),

  'project.delete': (args, ctx) =>
    ctx.session.transition(async () => {
      const path = resolve(args.path);
      if (ctx.session.current?.path === path) {
        await ctx.session.closeCurrent();
        announce(ctx);
      }
      deleteProjectFile(path);
      ctx.recent.forget(path);
      return { deleted: true };
    }),

  'project.recent': (_args, ctx) => ctx.recent.list(),

  'project.forgetRecent': (args, ctx) => ctx.recent.forget(args.path),
} satisfies Pick<
  ApiHandlers<BackendContext>,
  | 'project.create'
  | 'project.open'
  | 'project.close'
  | 'project.current'
  | 'project.rename'
  | 'project.delete'
  | 'project.recent'
  | 'project.forgetRecent'
>;
