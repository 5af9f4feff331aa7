// Pure rules of the project home: instant checks of the forms (the backend checks again), and
// which form field an error from the backend belongs to.
import type { ApiError } from '../../shared/errors.js';
import type { FieldErrors } from '../lib/field-errors.js';
import { fieldErrorsFromApi } from '../lib/field-errors.js';

/** Longest project name (mirrors ProjectNameSchema in shared/api/methods/foundation.ts). */
export const MAX_PROJECT_NAME = 120;

/** Fields of the create form. */
export type CreateField = 'name' | 'dir';
/** Fields of the open form. */
export type OpenField = 'path';

// eslint-disable-next-line no-control-regex -- control characters cannot appear in a file name
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/;

/** Checks a project name the way the backend will. */
export function validateProjectName(name: string): FieldErrors<'name'> {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { name: { key: 'home.error.nameRequired' } };
  if (trimmed.length > MAX_PROJECT_NAME) return { name: { key: 'home.error.nameTooLong', params: { max: MAX_PROJECT_NAME } } };
  if (FORBIDDEN.test(trimmed)) return { name: { key: 'home.error.nameChars' } };
  return {};
}

/** Checks the create form. */
export function validateCreate(input: { name: string; dir: string }): FieldErrors<CreateField> {
  const errors: FieldErrors<CreateField> = { ...validateProjectName(input.name) };
  if (input.dir.trim().length === 0) errors.dir = { key: 'home.error.dirRequired' };
  return errors;
}

/** Checks the open form. */
export function validateOpen(input: { path: string }): FieldErrors<OpenField> {
  return input.path.trim().length === 0 ? { path: { key: 'home.error.pathRequired' } } : {};
}

// Errors that are about the file the user pointed at, so they belong next to its input.
const FILE_CODES = new Set(['NOT_FOUND', 'NOT_A_PROJECT', 'PROJECT_CORRUPT', 'PROJECT_TOO_NEW', 'PROJECT_LOCKED', 'CONFLICT']);

function asField(error: ApiError): FieldErrors<'x'>['x'] {
  return { key: error.messageKey, params: error.params, fallback: error.message, code: error.code };
}

/** Where a create error goes: the field it names, else name (an existing project) or dir (file-system trouble). */
export function placeCreateError(error: ApiError): FieldErrors<CreateField> {
  const mapped = fieldErrorsFromApi(error, ['name', 'dir'] as const);
  if (Object.keys(mapped).length > 0) return mapped;
  if (error.code === 'PROJECT_EXISTS' || error.code === 'CONFLICT') return { name: asField(error) };
  if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') return { dir: asField(error) };
  return {};
}

/** Where an open error goes: the path field for anything about the file. */
export function placeOpenError(error: ApiError): FieldErrors<OpenField> {
  const mapped = fieldErrorsFromApi(error, ['path'] as const);
  if (Object.keys(mapped).length > 0) return mapped;
  if (FILE_CODES.has(error.code)) return { path: asField(error) };
  return {};
}
