// Names the Deploy and Serve steps show for the registry's vocabulary: stages (with a line each a
// beginner can follow), audit actions, card sections and column kinds. Typed maps, so a missing
// translation fails the typecheck rather than showing a raw id.
import type { AuditEntry, CardSectionId, ModelStage } from '../../../shared/api/methods/registry.js';
import type { ColumnKind } from '../../../shared/domain/pipeline-spec.js';
import type { MessageKey } from '../../i18n/en.js';

/** Stage names. */
export const STAGE_NAME: Readonly<Record<ModelStage, MessageKey>> = {
  none: 'deploy.stage.none',
  staging: 'deploy.stage.staging',
  production: 'deploy.stage.production',
  archived: 'deploy.stage.archived',
};

/** What each stage means, in a sentence. */
export const STAGE_MEANING: Readonly<Record<ModelStage, MessageKey>> = {
  none: 'deploy.stage.none.help',
  staging: 'deploy.stage.staging.help',
  production: 'deploy.stage.production.help',
  archived: 'deploy.stage.archived.help',
};

/** The button that moves a version to a stage. */
export const STAGE_ACTION: Readonly<Record<ModelStage, MessageKey>> = {
  none: 'deploy.stage.action.none',
  staging: 'deploy.stage.action.staging',
  production: 'deploy.stage.action.production',
  archived: 'deploy.stage.action.archived',
};

/** Audit actions as a short word. */
export const AUDIT_ACTION_NAME: Readonly<Record<AuditEntry['action'], MessageKey>> = {
  register: 'deploy.audit.action.register',
  import: 'deploy.audit.action.import',
  stage: 'deploy.audit.action.stage',
  card: 'deploy.audit.action.card',
  export: 'deploy.audit.action.export',
  describe: 'deploy.audit.action.describe',
};

/** Card sections (the card itself also carries translated titles; these name the edit buttons). */
export const CARD_SECTION_NAME: Readonly<Record<CardSectionId, MessageKey>> = {
  overview: 'deploy.card.section.overview',
  intendedUse: 'deploy.card.section.intendedUse',
  trainingData: 'deploy.card.section.trainingData',
  metrics: 'deploy.card.section.metrics',
  limitations: 'deploy.card.section.limitations',
  fairness: 'deploy.card.section.fairness',
  lineage: 'deploy.card.section.lineage',
};

/** How a model reads an input column. */
export const COLUMN_KIND_NAME: Readonly<Record<ColumnKind, MessageKey>> = {
  numeric: 'deploy.kind.numeric',
  categorical: 'deploy.kind.categorical',
  text: 'deploy.kind.text',
  datetime: 'deploy.kind.datetime',
};
