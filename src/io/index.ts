export * from './read-text-file.js';
export * from './yaml-source.js';
export * from './yaml-guards.js';
export * from './schema-issues.js';
export * from './load-model.js';
