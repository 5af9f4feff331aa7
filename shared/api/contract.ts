/**
 * The contract: every backend method (name -> zod input -> zod output) and every event, defined
 * once. The backend implements `ApiHandlers`; the IPC bridge and the HTTP adapter both call the
 * same dispatch; the renderer's client is typed from the same declarations.
 */
import type { z } from 'zod';
import { foundationMethods } from './methods/foundation.js';
import { dataMethods } from './methods/data.js';
import { trainingMethods } from './methods/training.js';
import { registryMethods } from './methods/registry.js';
import { servingMethods } from './methods/serving.js';
import { monitorMethods } from './methods/monitor.js';

export { apiEvents } from './events.js';
export type { EventName, EventPayload } from './events.js';

/** Every method of the contract. */
export const apiMethods = {
  ...foundationMethods,
  ...dataMethods,
  ...trainingMethods,
  ...registryMethods,
  ...servingMethods,
  ...monitorMethods,
};

/** The method table's type. */
export type ApiMethods = typeof apiMethods;

/** A method name. */
export type MethodName = keyof ApiMethods & string;

/** What a caller passes (before defaults are applied). */
export type MethodArgs<M extends MethodName> = z.input<ApiMethods[M]['input']>;

/** What a handler receives (after validation and defaults). */
export type MethodInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;

/** What a method resolves to. */
export type MethodOutput<M extends MethodName> = z.output<ApiMethods[M]['output']>;

/** The backend implementation: one function per method. `Ctx` is the backend's call context. */
export type ApiHandlers<Ctx> = {
  [M in MethodName]: (args: MethodInput<M>, ctx: Ctx) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

/** True when `name` is a method of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, name);
}
