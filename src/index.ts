// The library entry (`import { estimate, plan } from 'trainplan'`): the pure layers only, never cli/ or io/,
// so importing it reads no files, adds no process listeners and starts nothing.
export * from './schema/index.js';
export * from './catalog/index.js';
export * from './estimator/index.js';
export * from './planner/index.js';
export * from './economics/index.js';
export * from './report/index.js';
export * from './export/index.js';
export { schedulePortfolio, solve as solveSchedule, type PortfolioInput, type ScheduleReport, type ScheduleProblem, type JobReport } from './schedule/index.js';
