export * from './stacks.js';
export * from './resolve.js';
