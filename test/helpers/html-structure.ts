/**
 * A readable outline of a report page for golden tests: sections, each chart's marks by role (how many
 * points, bars, lines the SVG draws), tooltips, and the plans table. Robust to SVG coordinates, exact
 * about what is drawn.
 */
export function htmlOutline(html: string): string {
  const out: string[] = [];
  out.push(`title: ${/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''}`);
  out.push(`external references: ${(html.match(/\b(?:src|href)\s*=\s*["'](?:https?:)?\/\//gi) ?? []).length}`);
  out.push(`scripts: ${(html.match(/<script/gi) ?? []).length}`);
  for (const id of [...html.matchAll(/<section[^>]* id="([^"]+)"/g)].map((m) => m[1])) out.push(`section: ${id}`);
  const facts = [...html.matchAll(/<div><span>([^<]*):<\/span> ([^<]*)<\/div>/g)].map((m) => `  ${m[1]}: ${m[2]}`);
  out.push('facts:', ...facts);
  for (const fig of html.matchAll(/<figure class="chart" id="([^"]+)"[^>]*>([\s\S]*?)<\/figure>/g)) {
    const svg = fig[2]!;
    const roles = new Map<string, number>();
    for (const m of svg.matchAll(/role="graphics-symbol" aria-roledescription="([^"]+)"/g)) roles.set(m[1]!, (roles.get(m[1]!) ?? 0) + 1);
    out.push(`chart ${fig[1]}: ${[...roles].map(([r, n]) => `${n} ${r}`).join(', ') || 'no marks'}; ${(svg.match(/<title>/g) ?? []).length} tooltips`);
    const first = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
    if (first) out.push(`  first tooltip: ${first}`);
  }
  const table = /<table id="plans">([\s\S]*?)<\/table>/.exec(html)?.[1];
  if (table) {
    for (const row of table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) out.push(`  | ${[...row[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}
