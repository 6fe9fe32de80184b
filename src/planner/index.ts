export * from './single-estimate.js';
export * from './gates.js';
