import type { Estimate } from '../estimator/index.js';
import { count, duration, percent } from './human.js';

const few = (n: number): string => (n < 10 ? n.toFixed(1) : count(n));
const some = (n: number): string => (n < 1000 ? n.toFixed(1) : count(n));

/** "Goodput, energy and carbon" rows for human output (estimate, plan, check). */
export function goodputEnergyRows(e: Estimate): [string, string][] {
  const g = e.goodput;
  const en = e.energy;
  return [
    ['goodput', `${percent(g.goodput)}: ${few(g.expectedInterruptions)} interruptions expected (job MTBF ${duration(g.jobMtbfSeconds)}${g.expectedPreemptions > 0 ? `, ${few(g.expectedPreemptions)} spot preemptions` : ''})`],
    ['checkpoints', `${some(g.checkpointBytes / 1e9)} GB every ${duration(g.checkpointIntervalSeconds)} (Daly), ${duration(g.checkpointSeconds)} to save; restart ${duration(g.restartSeconds)}`],
    ['failure-free → wall clock', `${duration(e.time.failureFreeSeconds)} → ${duration(e.time.totalSeconds)}`],
    ['energy', `${some(en.kwh)} kWh (${Math.round(en.acceleratorWatts)} W GPU + ${Math.round(en.hostWatts)} W host, PUE ${en.pue})`],
    ['carbon', `${some(en.kgCo2e / 1000)} t CO2e at ${Math.round(en.gridKgCo2ePerKwh * 1000)} g/kWh${en.gridRegion ? ` (${en.gridRegion})` : ' (US average)'}`],
  ];
}
