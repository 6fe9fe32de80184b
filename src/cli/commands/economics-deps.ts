import { loadGridIntensity, loadModelFile } from '../../io/index.js';
import { prepareSearch } from '../../planner/index.js';
import type { EconomicsDeps } from './economics-options.js';
import { assertFinitePlans } from '../finite-result.js';

/**
 * The real planner (single-threaded: fleet and budget call it many times) and model loader behind `fleet` and `budget`.
 * One prepared search per catalog: its searches share the offer expansion and, for repeated models, their terms.
 */
export const economicsDeps: EconomicsDeps = {
  planFnFor: (catalog) => {
    const gridRegions = loadGridIntensity().regions;
    const search = prepareSearch(catalog);
    return (req) => {
      const result = search.plan({ ...req, gridRegions });
      assertFinitePlans(result.plans);
      return result;
    };
  },
  loadModel: (path) => {
    const f = loadModelFile(path);
    return { name: f.file.name ?? f.model.name, model: f.model, training: f.training, constraints: f.constraints };
  },
};
