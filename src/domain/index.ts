/** The decision core: pure rules, no I/O. */
export * from './call.js';
export * from './continuity.js';
export * from './decide-recording.js';
export * from './decide-route.js';
export * from './errors.js';
export * from './model.js';
export * from './phone-number.js';
export type { AgentMay, Control } from './recording-control.js';
export * from './rules.js';
export * from './snapshot.js';
