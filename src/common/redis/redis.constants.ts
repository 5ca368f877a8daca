/** The shared command connection: fails fast while Redis is down instead of queueing commands. */
export const REDIS = Symbol('REDIS');
