import type { OfferRow } from '../schema/index.js';
import { mapAcceleratorName, refineByMemory } from './accelerator-names.js';
import { byKey, columns, importError, priceCell, type ImportOptions } from './import-fields.js';
import type { CsvField, CsvTable, ImportResult } from './import-types.js';

interface Zone {
  region: string;
  zone: string;
  price: number | null;
  spot: number | null;
}

interface Group {
  accelerator: string;
  count: number;
  first: { acc: CsvField; count: CsvField };
  zones: Zone[];
}

const lt = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Cheapest zone for a price column (ties: region, then zone, alphabetically). */
function cheapest(zones: Zone[], pick: (z: Zone) => number | null): Zone | undefined {
  return zones
    .filter((z) => pick(z) !== null)
    .sort((a, b) => pick(a)! - pick(b)! || lt(a.region, b.region) || lt(a.zone, b.zone))[0];
}

/**
 * SkyPilot catalog CSV (skypilot-org/skypilot-catalog catalogs/v7/<cloud>/vms.csv) → user-catalog offers.
 * Columns are read by header name (order and optional columns differ between clouds and versions):
 * InstanceType, AcceleratorName, AcceleratorCount, Price, Region required; SpotPrice, AvailabilityZone
 * optional; GpuInfo (a quoted dict) tells apart parts sold under one name by their memory
 * (A100 40/80 GB, H100 80/94 GB, V100 16/32 GB; refineByMemory), and the rest is ignored. One row per instance and zone/region:
 * the offer takes the cheapest region's on-demand price (that region first in `regions`) and the
 * cheapest zone's spot price, noted as a one-zone snapshot. CPU-only rows (no AcceleratorName) are
 * counted and dropped; rows without an instance type (GCP's attachable GPUs) and fractional GPU counts too.
 */
export function importSkypilot(t: CsvTable, opts: ImportOptions & { provider: string }): ImportResult {
  const col = columns(t, ['InstanceType', 'AcceleratorName', 'AcceleratorCount', 'Price', 'Region'] as const, ['SpotPrice', 'AvailabilityZone', 'GpuInfo']);
  const groups = new Map<string, Group>();
  const unknown = new Set<string>();
  let cpuOnly = 0;
  let noInstance = 0;
  let fractional = 0;
  for (const rec of t.rows) {
    const accField = col(rec, 'AcceleratorName')!;
    const name = accField.value.trim();
    if (name === '') { cpuOnly++; continue; }
    const countField = col(rec, 'AcceleratorCount')!;
    const count = Number(countField.value.trim());
    if (countField.value.trim() === '' || !Number.isFinite(count) || count <= 0) throw importError(t, countField, `expected a positive accelerator count, got "${countField.value}"`);
    const price = priceCell(t, col(rec, 'Price'));
    const spot = priceCell(t, col(rec, 'SpotPrice'));
    const instance = col(rec, 'InstanceType')!.value.trim();
    if (instance === '') { noInstance++; continue; }
    if (!Number.isInteger(count)) { fractional++; continue; }
    const named = mapAcceleratorName(name, opts.knownAccelerators, opts.provider);
    if (named === undefined) { unknown.add(name); continue; }
    const id = refineByMemory(named, col(rec, 'GpuInfo')?.value, count, instance, opts.knownAccelerators);
    // Some clouds' files leave Region empty on some rows (SkyPilot's Seeweb catalog): kept as "unspecified".
    const region = col(rec, 'Region')!.value.trim() || 'unspecified';
    const zone = col(rec, 'AvailabilityZone')?.value.trim() ?? '';
    const g = groups.get(instance);
    if (!g) groups.set(instance, { accelerator: id, count, first: { acc: accField, count: countField }, zones: [{ region, zone, price, spot }] });
    else if (g.accelerator !== id || g.count !== count) {
      throw importError(t, g.accelerator !== id ? accField : countField, `instance ${instance} has ${name} x ${count} here but ${g.accelerator} x ${g.count} at line ${g.first.acc.line}`);
    } else g.zones.push({ region, zone, price, spot });
  }
  const offers: OfferRow[] = [];
  let unpriced = 0;
  for (const [instance, g] of groups) {
    const od = cheapest(g.zones, (z) => z.price);
    const sp = cheapest(g.zones, (z) => z.spot);
    const head = od ?? sp;
    if (!head) { unpriced++; continue; }
    const regions = [head.region, ...[...new Set(g.zones.map((z) => z.region))].filter((r) => r !== head.region).sort()];
    const notes = sp ? `spot: a snapshot of the cheapest zone, ${sp.zone || sp.region}${sp.zone ? ` (${sp.region})` : ''}` : undefined;
    offers.push({
      provider: opts.provider,
      instance,
      accelerator: g.accelerator,
      acceleratorCount: g.count,
      regions,
      usdPerHour: { onDemand: od?.price ?? null, spot: sp?.spot ?? null, reserved1y: null, reserved3y: null },
      // SkyPilot republishes provider prices: an aggregator, 'reseller' by the catalog's source policy.
      priceConfidence: opts.priceConfidence ?? 'reseller',
      asOf: opts.asOf,
      source: opts.source ?? `SkyPilot catalog CSV ${t.file.split('/').pop()} (${opts.provider}), imported with trainplan catalog import`,
      ...(notes ? { notes } : {}),
    });
  }
  const skipped = [
    { reason: 'rows without an instance type (GPU sold attached to a VM)', count: noInstance },
    { reason: 'rows with a fractional accelerator count', count: fractional },
    { reason: 'instances with no price in any region', count: unpriced },
  ].filter((s) => s.count > 0);
  return { offers: offers.sort(byKey), rowsRead: t.rows.length, cpuOnlyRows: cpuOnly, skipped, unknownAccelerators: [...unknown].sort() };
}
