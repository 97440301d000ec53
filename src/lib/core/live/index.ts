/** The live engine, pure: state, commands and reducer, roles, derived timing, alerts, clock sync, the patch wire. */
export * from './state';
export * from './errors';
export * from './commands';
export * from './reducer';
export * from './roles';
export * from './timing';
export * from './alerts';
export * from './flash-sale';
export * from './clock';
export * from './liveness';
export * from './snapshot';
export * from './wire';
