import type { Command } from 'commander';
import { capexPerGpu } from '../../economics/index.js';
import { loadCatalog, loadFleets, loadGridIntensity, loadMilpSolver, loadPortfolio, type LoadedPortfolio } from '../../io/index.js';
import { renderSchedule, scheduleDocument } from '../../report/index.js';
import { schedulePortfolio, type PortfolioInput, type PortfolioJobSpec } from '../../schedule/index.js';
import { fleetWarnings, type Catalog } from '../../schema/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { choiceFlag } from '../flags.js';
import { chalkFor } from './catalog-options.js';

interface ScheduleOpts { json?: boolean; format?: string; catalog: string[]; color: boolean; advise?: boolean }

/** The loaded portfolio file in the allocator's terms. */
function portfolioInput(p: LoadedPortfolio, catalog: Catalog, advise: boolean, milp: PortfolioInput['solve']): PortfolioInput {
  const c = p.file.capacity;
  const jobs: PortfolioJobSpec[] = p.jobs.map(({ job, model }) => ({
    id: job.id, priority: job.priority, earliestStartDay: job.earliestStartDay, repeat: job.repeat, preemptible: job.preemptible, after: job.after,
    ...(job.deadlineDays !== undefined ? { deadlineDays: job.deadlineDays } : {}),
    filter: { excludeAccelerators: job.excludeAccelerators, excludeKinds: job.excludeKinds, ...(job.accelerators ? { accelerators: job.accelerators } : {}), ...(job.kinds ? { kinds: job.kinds } : {}) },
    workload: model
      ? { kind: 'model', spec: { model: model.model, training: model.training, constraints: { ...model.constraints, ...job.constraints } } }
      : { kind: 'cpu', spec: { cpuHours: job.cpuHours!, usdPerCpuHour: job.usdPerCpuHour!, durationDays: job.durationDays! } },
  }));
  return {
    horizonDays: p.file.horizonDays,
    capacity: { fleets: p.fleets, commitments: p.commitments, rent: c.rent, rentPricing: c.rentPricing, rentMaxGpus: c.rentMaxGpus, ...(c.providers ? { providers: c.providers } : {}) },
    jobs, catalog, gridRegions: loadGridIntensity().regions, advise, ...(milp ? { solve: milp } : {}),
  };
}

/** `trainplan schedule <portfolio.yaml> [--catalog …] [--advise]` */
export function registerSchedule(program: Command, ctx: CliContext): void {
  program.command('schedule <portfolio>').description('jobs × priorities × owned/committed/rented capacity over a horizon')
    .option('--json', 'print one JSON document (same as --format json)')
    .option('--format <format>', 'table or json')
    .option('--catalog <file>', 'user catalog merged over the built-in one (repeatable; its fleets: are the owned capacity)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--advise', 'also sweep each fleet and commitment from 0 to 2× its size and report the cheapest')
    .option('--no-color', 'disable colour')
    .action((path: string, o: ScheduleOpts) =>
      runAction(ctx, o.json === true || o.format === 'json', async () => {
        const json = o.json === true || choiceFlag(o.format, '--format', ['table', 'json'] as const) === 'json';
        const catalog = loadCatalog({ files: o.catalog, env: ctx.env });
        const fleets = loadFleets({ files: o.catalog, env: ctx.env, knownAccelerators: catalog.accelerators.map((a) => a.id) });
        const portfolio = loadPortfolio(path, { catalog, fleets });
        for (const f of portfolio.fleets) for (const w of fleetWarnings(f, capexPerGpu(f))) ctx.stderr(`trainplan: warning: ${w}\n`);
        const milp = ctx.env.TRAINPLAN_MILP === '0' ? undefined : { milp: await loadMilpSolver() };
        const { report, advice } = schedulePortfolio(portfolioInput(portfolio, catalog, o.advise === true, milp));
        const input = { portfolio: path, name: portfolio.file.name ?? null, horizonDays: portfolio.file.horizonDays, start: portfolio.file.start ?? null, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest } };
        ctx.stdout(json ? scheduleDocument(TOOL, report, input, advice) : renderSchedule(report, chalkFor({ color: o.color }, ctx), `${portfolio.file.name ?? path}${portfolio.file.start ? ` (day 0 = ${portfolio.file.start})` : ''}`, advice));
        const failed = report.unscheduled.length > 0 || report.jobs.some((j) => !j.meetsDeadline);
        if (failed && !json) ctx.stderr(`trainplan: ${report.unscheduled.length} job(s) unscheduled, ${report.jobs.filter((j) => !j.meetsDeadline).length} past their deadline\n`);
        return failed ? EXIT.gateFailed : EXIT.ok;
      }));
}
