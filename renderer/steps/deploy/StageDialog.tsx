// Moving a version to another stage. Each stage says what it means; promoting to production says
// which version leaves production (it is archived, in the same step); and a reason is required,
// because the history must tell later why the served model changed.
import { useState } from 'react';
import type { ModelDetail, ModelStage } from '../../../shared/api/methods/registry.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Field } from '../../components/Field.js';
import { Icon } from '../../components/Icon.js';
import { Modal } from '../../components/Modal.js';
import { planStageChange, stageProblem, stageTargets, suggestedStage } from '../../stores/registry-logic.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { asFieldError, useMlT } from '../train/texts.js';
import { StageBadge } from './StageBadge.js';
import { STAGE_ACTION, STAGE_MEANING, STAGE_NAME } from './texts.js';

/** The stage dialog (mounted while open). */
export function StageDialog({ model, version, onClose }: { model: ModelDetail; version: number; onClose: () => void }) {
  const { t } = useMlT();
  const change = useRegistryStore((s) => s.stage);
  const setStage = useRegistryStore((s) => s.setStage);
  const resetChange = useRegistryStore((s) => s.resetChange);
  const current = model.versions.find((v) => v.version === version)?.stage ?? 'none';
  const targets = stageTargets(current);
  const [to, setTo] = useState<ModelStage>(() => suggestedStage(current));
  const [reason, setReason] = useState('');
  const [isSubmitted, setSubmitted] = useState(false);
  const plan = planStageChange(model, version, to);
  const problem = stageProblem(plan, reason);
  const isSaving = change.status === 'saving';

  async function submit() {
    setSubmitted(true);
    if (problem) return;
    if (await setStage(version, to, reason)) {
      resetChange('stage');
      onClose();
    }
  }

  function close() {
    resetChange('stage');
    onClose();
  }

  return (
    <Modal
      id="stage-dialog"
      title={t('deploy.stage.title', { version })}
      subtitle={
        <span className="dp-inline">
          {model.name} · {t('deploy.stage.now')} <StageBadge stage={current} />
        </span>
      }
      isBusy={isSaving}
      onClose={close}
      actions={
        <>
          <button type="button" className="btn btn--quiet" onClick={close} disabled={isSaving}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={isSaving}>
            {isSaving ? t('common.saving') : t(STAGE_ACTION[to])}
          </button>
        </>
      }
    >
      <fieldset className="dp-fieldset" disabled={isSaving}>
        <legend className="field__label">{t('deploy.stage.to')}</legend>
        <div className="dp-stage-options">
          {targets.map((s) => (
            <label key={s} className="choice-card dp-stage-option" data-stage={s}>
              <input type="radio" name="stage-to" checked={to === s} onChange={() => setTo(s)} />
              <span className="choice-card__text">
                <span className="choice-card__title">{t(STAGE_NAME[s])}</span>
                <span className="choice-card__help">{t(STAGE_MEANING[s])}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {plan.archives !== null ? (
        <p className="notice notice--warn" data-archives={plan.archives}>
          <Icon name="info" className="notice__icon" />
          <span>{t('deploy.stage.archivesPrevious', { name: model.name, previous: plan.archives, version })}</span>
        </p>
      ) : null}
      {plan.to === 'production' && plan.archives === null && plan.from !== 'production' ? (
        <p className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <span>{t('deploy.stage.firstProduction', { name: model.name })}</span>
        </p>
      ) : null}
      {plan.leavesNoProduction ? (
        <p className="notice notice--warn">
          <Icon name="alert" className="notice__icon" />
          <span>{t('deploy.stage.leavesNoProduction', { name: model.name })}</span>
        </p>
      ) : null}
      <Field id="stage-reason" label={t('deploy.stage.reason')} help={t('deploy.stage.reasonHelp')} error={isSubmitted && problem ? { key: problem } : undefined}>
        {(p) => <textarea {...p} rows={3} value={reason} maxLength={2000} disabled={isSaving} onChange={(e) => setReason(e.target.value)} placeholder={t('deploy.stage.reasonPlaceholder')} />}
      </Field>
      {change.status === 'error' && change.error ? <ErrorText error={asFieldError(change.error)} /> : null}
    </Modal>
  );
}
