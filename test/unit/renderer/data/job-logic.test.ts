// The job progress reducer: events fold into tracked jobs; late events never undo an ending;
// the bar never moves back; cancelling shows until the backend answers; time left is estimated.
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/jobs.js';
import {
  applyJobProgress,
  durationParts,
  estimateSecondsLeft,
  forgetJob,
  isJobActive,
  markCancelling,
  percentDone,
  queuedJob,
} from '../../../../renderer/stores/job-logic.js';

const START = '2025-03-01T10:00:00.000Z';
const START_MS = Date.parse(START);

function report(patch: Partial<JobProgress>): JobProgress {
  return { jobId: 'j1', kind: 'data.import', state: 'running', fraction: 0.1, phaseKey: 'jobs.phase.parsing', startedAt: START, ...patch };
}

describe('applyJobProgress', () => {
  it('adds an unknown job and follows its reports', () => {
    const table = applyJobProgress({}, report({ fraction: 0.2 }));
    const next = applyJobProgress(table, report({ fraction: 0.5 }));
    expect(next.j1.progress.fraction).toBe(0.5);
    expect(isJobActive(next.j1)).toBe(true);
  });

  it('never moves the bar backwards while running', () => {
    const table = applyJobProgress({}, report({ fraction: 0.6 }));
    const next = applyJobProgress(table, report({ fraction: 0.4, phaseKey: 'jobs.phase.typing' }));
    expect(next.j1.progress.fraction).toBe(0.6);
    expect(next.j1.progress.phaseKey).toBe('jobs.phase.typing');
  });

  it('ignores a running report that arrives after the job ended', () => {
    const done = applyJobProgress({}, report({ state: 'done', fraction: 1 }));
    const late = applyJobProgress(done, report({ fraction: 0.7 }));
    expect(late).toBe(done);
    expect(late.j1.progress.state).toBe('done');
  });

  it('keeps the first ending (a cancel that raced a failure stays a failure)', () => {
    const failed = applyJobProgress({}, report({ state: 'failed', error: { code: 'PARSE_ERROR', messageKey: 'errors.data.ragged', message: 'x' } }));
    const next = applyJobProgress(failed, report({ state: 'cancelled' }));
    expect(next.j1.progress.state).toBe('failed');
  });

  it('replaces the queued placeholder the UI made when it started the job', () => {
    const table = { j1: queuedJob('j1', 'data.import', START, 'ds1') };
    const next = applyJobProgress(table, report({ fraction: 0.3 }));
    expect(next.j1.progress.state).toBe('running');
    expect(next.j1.progress.fraction).toBe(0.3);
  });
});

describe('cancelling', () => {
  it('shows cancelling until the final report clears it', () => {
    const running = applyJobProgress({}, report({}));
    const asked = markCancelling(running, 'j1');
    expect(asked.j1.isCancelling).toBe(true);
    const stillRunning = applyJobProgress(asked, report({ fraction: 0.2 }));
    expect(stillRunning.j1.isCancelling).toBe(true);
    const cancelled = applyJobProgress(stillRunning, report({ state: 'cancelled' }));
    expect(cancelled.j1.isCancelling).toBe(false);
    expect(isJobActive(cancelled.j1)).toBe(false);
  });

  it('does nothing for a finished or unknown job', () => {
    const done = applyJobProgress({}, report({ state: 'done', fraction: 1 }));
    expect(markCancelling(done, 'j1')).toBe(done);
    expect(markCancelling(done, 'nope')).toBe(done);
  });

  it('forgets a job', () => {
    const table = applyJobProgress({}, report({}));
    expect(forgetJob(table, 'j1')).toEqual({});
    expect(forgetJob(table, 'other')).toBe(table);
  });
});

describe('time left', () => {
  it('uses the backend estimate when there is one', () => {
    expect(estimateSecondsLeft(report({ etaSeconds: 12 }), START_MS + 5000)).toBe(12);
  });

  it('projects the elapsed time otherwise', () => {
    // A quarter done after 10 s: 30 s to go.
    expect(estimateSecondsLeft(report({ fraction: 0.25 }), START_MS + 10_000)).toBeCloseTo(30, 6);
  });

  it('says nothing too early, when queued or when finished', () => {
    expect(estimateSecondsLeft(report({ fraction: 0.01 }), START_MS + 10_000)).toBeNull();
    expect(estimateSecondsLeft(report({ fraction: 0.5 }), START_MS + 500)).toBeNull();
    expect(estimateSecondsLeft(report({ state: 'queued' }), START_MS + 10_000)).toBeNull();
    expect(estimateSecondsLeft(report({ state: 'done', fraction: 1 }), START_MS + 10_000)).toBeNull();
  });

  it('rounds to what a person would say', () => {
    expect(durationParts(2)).toEqual({ unit: 'seconds', value: 5 });
    expect(durationParts(41)).toEqual({ unit: 'seconds', value: 45 });
    expect(durationParts(150)).toEqual({ unit: 'minutes', value: 3 });
    expect(durationParts(5400)).toEqual({ unit: 'hours', value: 1.5 });
  });

  it('never shows 100 % before the job is done', () => {
    expect(percentDone(report({ fraction: 0.999 }))).toBe(99);
    expect(percentDone(report({ state: 'done', fraction: 1 }))).toBe(100);
  });
});
