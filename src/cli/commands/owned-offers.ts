import { getAccelerator } from '../../catalog/index.js';
import { capexPerGpu, fleetToOffer } from '../../economics/index.js';
import { loadFleets } from '../../io/index.js';
import { fleetWarnings, type Catalog } from '../../schema/index.js';
import type { OwnedPlanOffer } from '../../planner/index.js';
import type { CliContext } from '../context.js';

/** The catalog plus every `fleets:` entry of the user catalogs as an owned offer (pricing "owned"); warns on implausible fleet values. */
export function withOwnedFleets(catalog: Catalog, files: readonly string[], ctx: CliContext): Catalog & { owned: OwnedPlanOffer[] } {
  const fleets = loadFleets({ files, env: ctx.env, knownAccelerators: catalog.accelerators.map((a) => a.id) });
  for (const f of fleets) for (const w of fleetWarnings(f, capexPerGpu(f))) ctx.stderr(`trainplan: warning: ${w}\n`);
  return { ...catalog, owned: fleets.map((f) => fleetToOffer(f, getAccelerator(catalog, f.accelerator), catalog.snapshotDate)) };
}
