/**
 * Errors of the ML engine. They carry a stable code so the backend can map them to
 * `AppError` (`INVALID_ARGUMENT`, `NOT_FITTED`, ...) without parsing messages.
 */

/** Raised when a fitted-only method is called before `fit`. */
export class NotFittedError extends Error {
  readonly code = 'NOT_FITTED' as const;
  constructor(estimator: string) {
    super(`${estimator} is not fitted yet: call fit() before using it.`);
    this.name = 'NotFittedError';
  }
}

/** Raised for bad data or bad parameters; `field` names the offending column or parameter. */
export class InvalidInputError extends Error {
  readonly code = 'INVALID_ARGUMENT' as const;
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'InvalidInputError';
    this.field = field;
  }
}

/** Raised when a model artifact is malformed or of an unknown kind/version. */
export class ArtifactError extends Error {
  readonly code = 'INVALID_ARGUMENT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactError';
  }
}

/** Raised when fitting stops because its AbortSignal fired. */
export class CancelledError extends Error {
  readonly code = 'CANCELLED' as const;
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/** The part of AbortSignal the engine reads (the engine has no DOM or Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** Throws {@link CancelledError} when `signal` has fired. Call it between iterations. */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
