// Names the Data step shows for the engine's vocabulary (column types, roles, severities, parts,
// partition methods, remedies, findings, import warnings). Their texts live with the data
// engine (shared/domain/dataset-texts.ts) and reach the dictionaries at run time, so they are
// looked up by key here; a key that is missing shows itself rather than a blank.
import type { ColumnRole, ColumnType, Finding, ImportWarning, PartName, PartitionMethod, RemedyKind, Severity } from '../../../shared/domain/dataset.js';
import type { Translator } from '../../i18n/use-t.js';
import { useT } from '../../i18n/use-t.js';
import { formatCount, formatShare, formatStat } from '../../lib/numbers.js';

/** The translator plus the Data step's names and number formats. */
export interface DataTranslator extends Translator {
  typeName: (type: ColumnType) => string;
  roleName: (role: ColumnRole) => string;
  severityName: (severity: Severity) => string;
  partName: (part: PartName) => string;
  methodName: (method: PartitionMethod) => string;
  remedyTitle: (kind: RemedyKind) => string;
  remedyDescription: (kind: RemedyKind) => string;
  findingTitle: (finding: Finding) => string;
  findingExplanation: (finding: Finding) => string;
  warningText: (warning: ImportWarning) => string;
  count: (value: number) => string;
  stat: (value: number | null | undefined) => string;
  share: (value: number) => string;
}

/** Data-step translations for the current language. */
export function useDataT(): DataTranslator {
  const tr = useT();
  const d = (key: string, params?: Record<string, string | number>) => tr.tDynamic(key, params);
  return {
    ...tr,
    typeName: (type) => d(`data.columnType.${type}`),
    roleName: (role) => d(`data.role.${role}`),
    severityName: (severity) => d(`data.severity.${severity}`),
    partName: (part) => d(`data.partition.part.${part}`),
    methodName: (method) => d(`data.partition.method.${method}`),
    remedyTitle: (kind) => d(`data.remedy.${kind}.title`),
    remedyDescription: (kind) => d(`data.remedy.${kind}.description`),
    findingTitle: (f) => d(`${f.messageKey}.title`, f.params),
    findingExplanation: (f) => d(`${f.messageKey}.explanation`, f.params),
    warningText: (w) => d(w.messageKey, w.params),
    count: (value) => formatCount(value, tr.locale),
    stat: (value) => formatStat(value, tr.locale),
    share: (value) => formatShare(value, tr.locale),
  };
}
