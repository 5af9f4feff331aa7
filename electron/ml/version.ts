/** The engine's version, recorded with every run and model. Bump it when a fitted model would change. */
export const ENGINE_VERSION = '0.1.0';
