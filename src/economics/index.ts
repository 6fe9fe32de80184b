export * from './owned.js';
export * from './buy-vs-rent.js';
export * from './plan-fn.js';
export * from './fleet-workload.js';
export * from './budget.js';
export * from './budget-bounds.js';
export * from './budget-search.js';
