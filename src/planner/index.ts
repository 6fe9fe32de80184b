export * from './types.js';
export { plan, preparePlan, finishPlan, searchInputs, type PreparedPlan } from './plan.js';
export { resolveConstraints, buildSearchPlan, DEFAULT_MAX_GPUS, DEFAULT_TOP, DEFAULT_MIN_TOKENS_PER_CP_RANK, type NetworkGroup, type PricePoint, type SearchPlan } from './request.js';
export { searchUnits, createSearcher, type Searcher } from './search.js';
export { workUnits, type WorkUnit } from './units.js';
export { mergePartial, emptyPartial, type PartialSearch, type BestLayout, type SearchCounts, type SearchInputs } from './partial.js';
export { enumerateLayouts, familiesOf, tpChoices, cpValues, dpValues, epValues, microBatchValues, zeroValues, maxVpp, divisorsOf, type SpaceSpec, type Family } from './space.js';
export { paretoFrontier, compareCandidates, type Candidate } from './rank.js';
export * from './single-estimate.js';
