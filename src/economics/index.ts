export * from './owned.js';
export * from './buy-vs-rent.js';
