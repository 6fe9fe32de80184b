import type { PlanDocument, PlanEntry } from '../schema/index.js';
import type { FleetReport } from '../economics/index.js';
import { breakEvenMonth, cumulativeSpec, memorySpec, offersSpec, scatterSpec, stepSpec } from './html/charts.js';
import { economicsNotes, factsHtml, figure, plansTableHtml, STYLE } from './html/page.js';
import { esc, renderSvg } from './html/svg.js';
import { sampleNoun } from './run-size.js';

export interface HtmlReportInput {
  title: string;
  /** A plan document (as `plan --json` prints it): plans for the table and the bars, the frontier. */
  doc: PlanDocument;
  /** Every candidate plan to scatter (the plans, the frontier and more of the ranking); deduplicated here. */
  candidates: readonly PlanEntry[];
  /** Plans for the offers chart (each offer's cheapest is drawn); the candidates when absent. */
  offers?: readonly PlanEntry[];
  economics: { report: FleetReport; horizonYears: number } | null;
  warnings: readonly string[];
  /** `check --format html`: the verdict and its summary line, shown first. */
  verdict?: { verdict: 'pass' | 'fail'; summary: string } | null;
}

const key = (p: PlanEntry) => `${p.accelerator}|${p.provider}|${p.instance}|${p.pricing}|${p.gpus}|${JSON.stringify(p.layout)}`;

/** One self-contained HTML page (inline SVG charts and style, no script, no network): the report of a plan. */
export async function renderHtmlReport(x: HtmlReportInput): Promise<string> {
  const doc = x.doc;
  const seen = new Map<string, PlanEntry>();
  for (const p of [...doc.plans, ...doc.frontier, ...x.candidates]) if (!seen.has(key(p))) seen.set(key(p), p);
  const candidates = [...seen.values()];
  const top = doc.plans.filter((p) => p.rank !== null);
  const unit = doc.input.training.samples === undefined ? 'tokens' : sampleNoun(doc.input.model);
  const parts: string[] = [];
  if (x.verdict) parts.push(`<section id="verdict" class="${x.verdict.verdict}"><strong>${esc(x.verdict.summary)}</strong></section>`);
  parts.push(factsHtml(doc));
  if (x.warnings.length) parts.push(`<section id="warnings" class="warn"><strong>Warnings</strong><ul>${x.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>`);
  if (doc.infeasible) parts.push(`<section id="infeasible" class="fail"><strong>No feasible plan:</strong> ${esc(doc.infeasible.reason)}<ul>${doc.infeasible.fixes.map((f) => `<li>${esc(f.message)}</li>`).join('')}</ul></section>`);
  if (top.length) {
    const figs = [
      figure('scatter', 'Cost vs time of the candidate plans', await renderSvg(scatterSpec(candidates, top.length)),
        `${candidates.length} plans (the ranking's best per offer and GPU count, and the whole Pareto frontier, joined and ringed); #N = rank. Hover a point for its plan.`),
      figure('step', 'Step time: the best plan and the runners-up', await renderSvg(stepSpec(top)), 'Seconds per optimizer step by part (the estimator\'s breakdown, failure-free).'),
      figure('memory', 'Memory per device against capacity', await renderSvg(memorySpec(top)), 'GiB per device by kind; the red tick is the device\'s memory.'),
      figure('offers', 'Price vs effective throughput per offer', await renderSvg(offersSpec([...candidates, ...(x.offers ?? [])], unit)), `USD per GPU-hour against ${unit}/s per GPU × goodput, for each offer's cheapest candidate plan.`),
    ];
    if (x.economics) {
      const be = breakEvenMonth(x.economics.report.economics.options);
      figs.push(figure('economics', `Buy vs rent over ${x.economics.horizonYears} years (${x.economics.report.accelerator})`, await renderSvg(cumulativeSpec(x.economics.report.economics.options, be)), 'Cumulative cost by month of each way to get the GPUs.')
        + economicsNotes(x.economics.report, x.economics.horizonYears, be));
    }
    parts.push(`<section class="grid" id="charts">${figs.join('')}</section>`);
    parts.push(`<h2>Plans</h2>${plansTableHtml(top)}`);
  }
  const tool = `${doc.tool.name} ${doc.tool.version}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="${esc(tool)}">
<title>${esc(x.title)}</title><style>${STYLE}</style></head>
<body><main><h1>${esc(x.title)}</h1>
${parts.join('\n')}
<p style="color:#777;font-size:12px">${esc(tool)} · numbers are the estimator's (see README "How accurate is it?") · charts: Vega-Lite rendered to SVG</p>
</main></body></html>
`;
}
