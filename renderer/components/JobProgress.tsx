// A background job as a progress bar: what it is doing now, how far it got, about how long is
// left, and a Cancel button. Generic: imports, profiles, remedies, training and evaluation all
// show their jobs with it. The state is also written in words (never colour alone).
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t.js';
import type { TrackedJob } from '../stores/job-logic.js';
import { durationParts, estimateSecondsLeft, isTerminalState, percentDone } from '../stores/job-logic.js';
import { Icon } from './Icon.js';
import './components.css';

/** JobProgress props. */
export interface JobProgressProps {
  job: TrackedJob;
  /** What the job is, in the user's words ("Importing customers.csv"). */
  label: string;
  /** Cancel button; left out when the job cannot be cancelled. */
  onCancel?: () => void;
  /** Without its own frame and visible label, for a card that already names the job (a run). */
  isBare?: boolean;
}

// The estimate of time left moves between progress reports too.
function useNow(isTicking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [isTicking]);
  return now;
}

/** The progress of one job. */
export function JobProgress({ job, label, onCancel, isBare }: JobProgressProps) {
  const { t, tDynamic, tError } = useT();
  const { progress, isCancelling } = job;
  const isOver = isTerminalState(progress.state);
  const now = useNow(!isOver);
  const percent = percentDone(progress);
  const left = estimateSecondsLeft(progress, now);
  const eta = left === null ? null : durationParts(left);
  const phase = tDynamic(progress.phaseKey, progress.phaseParams, t('jobs.phase.working'));

  return (
    <div className={`job job--${progress.state}${isBare ? ' job--bare' : ''}`} role="group" aria-label={label}>
      {/* A bare bar that has ended lets its card say what happened; the phase would repeat it. */}
      {isBare && isOver ? (
        <span className="visually-hidden">{label}</span>
      ) : (
        <div className="job__head">
          <span className={isBare ? 'visually-hidden' : 'job__label'}>{label}</span>
          <span className="job__phase" aria-live="polite">
            {isCancelling ? t('jobs.cancelling') : phase}
          </span>
        </div>
      )}
      <div className="job__bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="job__fill" style={{ width: `${progress.state === 'failed' || progress.state === 'cancelled' ? 100 : percent}%` }} />
      </div>
      <div className="job__foot">
        <span className="job__numbers">
          {progress.state === 'queued' ? t('jobs.waiting') : null}
          {progress.state === 'running' ? t('jobs.percent', { percent }) : null}
          {eta ? <span className="job__eta"> · {t(`jobs.eta.${eta.unit}`, { n: eta.value })}</span> : null}
          {progress.state === 'done' ? (
            <span className="job__done">
              <Icon name="check" /> {t('jobs.finished')}
            </span>
          ) : null}
          {progress.state === 'cancelled' ? t('jobs.cancelled') : null}
          {progress.state === 'interrupted' ? t('jobs.interrupted') : null}
        </span>
        {onCancel && !isOver ? (
          <button type="button" className="btn btn--quiet btn--small" onClick={onCancel} disabled={isCancelling}>
            {isCancelling ? t('jobs.cancelling') : t('common.cancel')}
          </button>
        ) : null}
      </div>
      {progress.state === 'failed' && progress.error ? (
        <p className="error-text" role="alert">
          <Icon name="alert" />
          <span>{tError({ key: progress.error.messageKey, params: progress.error.params, fallback: progress.error.message, code: progress.error.code })}</span>
        </p>
      ) : null}
    </div>
  );
}
