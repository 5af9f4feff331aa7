/**
 * Step states of Deploy and Serve (lifecycle.status):
 *   deploy: not started without registered versions; in progress with versions but none in
 *           production (reason `lifecycle.reason.deploy.noProduction`); done once a version is
 *           in production.
 *   serve:  done once a server of this project answered a prediction request (any session, or a
 *           logged prediction); in progress while a server runs and has not yet
 *           (reason `lifecycle.reason.serve.running`); not started otherwise (reason
 *           `lifecycle.reason.serve.noProduction` when there is nothing in production to serve).
 */
import type { ProvidedStepState } from '../api/lifecycle.js';
import type { BackendContext } from '../api/context.js';
import type { Db } from '../storage/db.js';
import { countProductionVersions, countVersions } from '../storage/repos/registry.js';
import { hasServedPredictions } from '../storage/repos/serving.js';
import { isServing } from './project-serving.js';

/** The Deploy step's state. */
export function deployStatus(db: Db): ProvidedStepState {
  if (countProductionVersions(db) > 0) return { state: 'done' };
  if (countVersions(db) > 0) return { state: 'in_progress', reasonKey: 'lifecycle.reason.deploy.noProduction' };
  return { state: 'not_started' };
}

/** The Serve step's state. */
export function serveStatus(db: Db, ctx: BackendContext): ProvidedStepState {
  if (hasServedPredictions(db)) return { state: 'done' };
  const file = ctx.session.current;
  if (file && isServing(ctx, file)) return { state: 'in_progress', reasonKey: 'lifecycle.reason.serve.running' };
  if (countProductionVersions(db) === 0) return { state: 'not_started', reasonKey: 'lifecycle.reason.serve.noProduction' };
  return { state: 'not_started' };
}
