export * from './schema/index.js';
export { plan, type PlanInput, type PlanResult, type PlannedRun, type PlannerCatalog, type SearchStats, type Fix, type Objective } from './planner/index.js';
