import type { TopLevelSpec } from 'vega-lite';

// Loaded on first use: every command imports report/, only the HTML page needs the chart libraries (~0.3 s).
let libs: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const chartLibs = () => (libs ??= Promise.all([import('vega'), import('vega-lite')]));

/** XML-escapes text for element content and attribute values. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders a Vega-Lite spec to an SVG string in Node (Vega's headless SVG renderer: View.toSVG(), no canvas,
 * https://vega.github.io/vega/usage/#node). Each data mark carries Vega's aria-label (its tooltip fields);
 * it is copied into an SVG <title> child so that hovering a mark in any browser shows the plan.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await chartLibs();
  const problems: string[] = [];
  const collect = (...args: unknown[]) => void problems.push(args.map(String).join(' '));
  // A quiet logger: the pure core never writes to the console; a compile warning is a bug in our spec.
  const logger = { level: () => logger, error: collect, warn: collect, info: () => logger, debug: () => logger } as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'];
  const compiled = compile(spec, { logger });
  if (problems.length) throw new Error(`chart spec: ${problems.join('; ')}`);
  const view = new View(parse(compiled.spec), { renderer: 'none', logLevel: 0 });
  try {
    const svg = await view.toSVG();
    return svg.replace(/<(path|rect|line|text|symbol)( aria-label="([^"]*)" role="graphics-symbol"[^>]*?)\/>/g, (_m, tag: string, attrs: string, label: string) => `<${tag}${attrs}><title>${label}</title></${tag}>`);
  } finally {
    view.finalize();
  }
}
