/** One line of the chart: a symbol, a name and cumulative USD at the end of each month. */
export interface ChartSeries {
  symbol: string;
  name: string;
  values: readonly number[];
}

const money = (x: number): string => (x >= 1e6 ? `$${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `$${(x / 1e3).toFixed(0)}K` : `$${x.toFixed(0)}`);

/**
 * Plain-text chart of cumulative cost over months (no dependency: deterministic output for golden tests).
 * Each series is drawn with its symbol; where two meet, '*'. Columns are months, sampled when there are more than `width`.
 */
export function renderCumulativeChart(series: readonly ChartSeries[], opts: { width?: number; height?: number } = {}): string {
  const width = opts.width ?? 60;
  const height = opts.height ?? 12;
  const months = Math.max(0, ...series.map((s) => s.values.length));
  if (months === 0 || series.length === 0) return '';
  const cols = Math.min(width, months);
  const monthAt = (c: number) => Math.min(months - 1, Math.round(((c + 1) * months) / cols) - 1);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const grid = Array.from({ length: height }, () => Array.from({ length: cols }, () => ' '));
  for (const s of series) {
    for (let c = 0; c < cols; c++) {
      const v = s.values[monthAt(c)];
      if (v === undefined) continue;
      const row = height - 1 - Math.min(height - 1, Math.max(0, Math.round((v / max) * (height - 1))));
      const cell = grid[row]!;
      cell[c] = cell[c] === ' ' || cell[c] === s.symbol ? s.symbol : '*';
    }
  }
  const labelWidth = money(max).length;
  const lines = grid.map((cells, r) => {
    const label = r === 0 ? money(max) : r === height - 1 ? money(0) : '';
    return `${label.padStart(labelWidth)} │${cells.join('')}`;
  });
  lines.push(`${' '.repeat(labelWidth)} └${'─'.repeat(cols)}`);
  const end = `${months} months`;
  lines.push(`${' '.repeat(labelWidth)}  month 1${end.padStart(Math.max(0, cols - 7))}`);
  lines.push(`${' '.repeat(labelWidth)}  ${series.map((s) => `${s.symbol} ${s.name}`).join('   ')}   * overlap`);
  return lines.join('\n') + '\n';
}
