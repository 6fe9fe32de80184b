import type { ChalkInstance } from 'chalk';
import type { ModelPreset } from '../schema/index.js';
import { renderGrid } from './grid.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderPresetsOptions {
  tool: { name: string; version: string };
  chalk: ChalkInstance;
}

const COLUMNS = ['id', 'layers', 'hidden', 'heads', 'kv', 'headDim', 'ffn', 'vocab', 'attention', 'moe', 'mla', 'src'] as const;

function moeSummary(p: ModelPreset): string {
  const moe = p.model.moe;
  if (!moe) return '-';
  const shared = moe.sharedExperts ? `+${moe.sharedExperts}s` : '';
  const dense = moe.denseLayers ? ` ${moe.denseLayers}d` : '';
  return `${moe.experts}${shared} top-${moe.activeExperts} ×${moe.expertFfnHiddenSize}${dense}`;
}

function row(p: ModelPreset, sourceIndex: number): string[] {
  const m = p.model;
  // Per-sample kinds (cnn, generic) have no transformer shape: their size goes in the ffn column.
  if (m.sampleWorkload) {
    const w = m.sampleWorkload;
    return [p.id, '-', '-', '-', '-', '-', `${m.kind} ${(w.parameters / 1e6).toFixed(1)}M params, ${(w.flopsPerSample / 1e9).toFixed(1)} GFLOP/sample`, '-', '-', '-', '-', `[${sourceIndex}]`];
  }
  return [
    p.id,
    String(m.layers),
    String(m.hiddenSize),
    String(m.attentionHeads),
    String(m.kvHeads),
    String(m.headDim),
    `${m.ffnHiddenSize} ${m.ffn}`,
    String(m.vocabSize),
    m.attention,
    moeSummary(p),
    m.mla ? `kv${m.mla.kvLoraRank}` : '-',
    `[${sourceIndex}]`,
  ];
}

function sourceList(presets: readonly ModelPreset[]): { index: (p: ModelPreset) => number; lines: string[] } {
  const sources: string[] = [];
  for (const p of presets) if (!sources.includes(p.source)) sources.push(p.source);
  return { index: (p) => sources.indexOf(p.source) + 1, lines: sources.map((s, i) => `[${i + 1}] ${s}`) };
}

/** Machine-readable document: { schemaVersion, tool, presets: [...] }. */
export function presetsDocument(presets: readonly ModelPreset[], tool: RenderPresetsOptions['tool']): object {
  return {
    schemaVersion: 1,
    tool: { name: tool.name, version: tool.version },
    presets: presets.map((p) => ({ id: p.id, title: p.title, source: p.source, notes: p.notes ?? null, model: { ...p.model } })),
  };
}

function csvRows(presets: readonly ModelPreset[]): string[][] {
  return presets.map((p) => {
    const m = p.model;
    const moe = m.moe;
    return [p.id, p.title, m.layers, m.hiddenSize, m.ffnHiddenSize, m.attentionHeads, m.kvHeads, m.headDim, m.vocabSize, m.ffn,
      m.tiedEmbeddings, m.attention, moe?.experts ?? '', moe?.activeExperts ?? '', moe?.sharedExperts ?? '',
      moe?.expertFfnHiddenSize ?? '', moe?.denseLayers ?? '', m.mla !== null, p.source].map(String);
  });
}

const CSV_HEADER = ['id', 'title', 'layers', 'hiddenSize', 'ffnHiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'vocabSize', 'ffn',
  'tiedEmbeddings', 'attention', 'moeExperts', 'moeActiveExperts', 'moeSharedExperts', 'moeExpertFfnHiddenSize', 'moeDenseLayers', 'mla', 'source'];

const LEGEND = 'moe: experts(+shared) top-k ×expert FFN width, leading dense layers; mla: KV latent rank';

/** Renders the preset list in one of the contract's formats; returns the text to print. */
export function renderPresets(presets: readonly ModelPreset[], format: OutputFormat, opts: RenderPresetsOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(presetsDocument(presets, opts.tool), null, 2) + '\n';
    case 'csv':
      return renderGrid(CSV_HEADER, csvRows(presets), 'csv', opts.chalk);
    case 'markdown': {
      const { index, lines } = sourceList(presets);
      const grid = renderGrid([...COLUMNS], presets.map((p) => row(p, index(p))), 'markdown', opts.chalk);
      return `${grid}\n${lines.map((l) => `- ${l.replace(/\|/g, '\\|')}`).join('\n')}\n`;
    }
    case 'table': {
      const { index, lines } = sourceList(presets);
      const grid = renderGrid([...COLUMNS], presets.map((p) => row(p, index(p))), 'table', opts.chalk);
      return `${grid}${LEGEND}\n\nSources:\n${lines.join('\n')}\n`;
    }
  }
}
