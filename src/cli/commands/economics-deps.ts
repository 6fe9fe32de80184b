import { loadGridIntensity, loadModelFile } from '../../io/index.js';
import { plan } from '../../planner/index.js';
import type { EconomicsDeps } from './economics-options.js';
import { assertFinitePlans } from '../finite-result.js';

/** The real planner (single-threaded: fleet and budget call it many times) and model loader behind `fleet` and `budget`. */
export const economicsDeps: EconomicsDeps = {
  planFnFor: (catalog) => {
    const gridRegions = loadGridIntensity().regions;
    return (req) => {
      const result = plan({ ...req, catalog, gridRegions });
      assertFinitePlans(result.plans);
      return result;
    };
  },
  loadModel: (path) => {
    const f = loadModelFile(path);
    return { name: f.file.name ?? f.model.name, model: f.model, training: f.training, constraints: f.constraints };
  },
};
