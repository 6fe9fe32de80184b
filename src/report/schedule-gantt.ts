import type { JobReport } from '../schedule/index.js';

/** Terminal Gantt chart, one row per job: its label and pool, then the horizon at `barWidth` columns (█ running, │ deadline). */
export function renderGantt(jobs: readonly JobReport[], horizonDays: number, width = 100): string {
  const label = Math.min(18, Math.max(3, ...jobs.map((j) => j.id.length)));
  const pool = Math.min(16, Math.max(4, ...jobs.map((j) => j.pool.length)));
  const bar = Math.max(10, width - label - pool - 6);
  const perCol = horizonDays / bar;
  const fit = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
  const rows = jobs.map((j) => {
    const cells = Array.from({ length: bar }, () => '·');
    for (const a of j.allocations) {
      const from = Math.floor(a.startDay / perCol);
      const to = Math.min(bar, Math.max(from + 1, Math.ceil(a.finishDay / perCol - 1e-9)));
      for (let i = from; i < to; i++) cells[i] = '█';
    }
    if (j.deadlineDays !== null) {
      const d = Math.min(bar - 1, Math.floor(j.deadlineDays / perCol));
      if (cells[d] !== '█') cells[d] = '│';
    }
    return `  ${fit(j.id, label)} ${fit(j.pool, pool)} ${cells.join('')}`;
  });
  const axis = Array.from({ length: bar }, () => ' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * horizonDays));
  for (const t of ticks) {
    const text = `${t}`;
    const at = Math.min(bar - text.length, Math.round(t / perCol));
    for (let i = 0; i < text.length; i++) axis[at + i] = text[i]!;
  }
  const head = `  ${'job'.padEnd(label)} ${'pool'.padEnd(pool)} ${axis.join('').trimEnd()}`;
  return [head, ...rows, `  ${' '.repeat(label + pool + 1)} day (1 column = ${perCol.toFixed(perCol < 10 ? 1 : 0)} days; █ running, │ deadline)`].join('\n');
}
