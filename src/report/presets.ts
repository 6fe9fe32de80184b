import type { ChalkInstance } from 'chalk';
import type { ModelPreset } from '../schema/index.js';
import { renderGrid, wrapText } from './grid.js';
import { DEFAULT_TABLE_WIDTH, renderColumns, type Column, type TableView } from './columns.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderPresetsOptions {
  tool: { name: string; version: string };
  chalk: ChalkInstance;
  view?: TableView;
}

type PresetRow = { preset: ModelPreset; source: number };

/**
 * The shape cells of a preset. Encoder-decoders show both stacks (`12+12` layers, d_kv as headDim); other
 * per-sample kinds (cnn, generic, lstm) have no transformer shape: their kind and parameters go in the ffn
 * column (FLOPs per sample: `presets --json`).
 */
function shape(p: ModelPreset): Record<'layers' | 'hidden' | 'heads' | 'kv' | 'headDim' | 'ffn' | 'vocab' | 'attention', string> {
  const m = p.model;
  const e = m.encoderDecoder;
  if (e) {
    return { layers: `${e.encoderLayers}+${e.decoderLayers}`, hidden: String(e.hidden), heads: String(e.heads), kv: String(e.heads), headDim: String(e.headDim),
      ffn: `${e.ffnHidden} ${e.ffn === 'gated-gelu' ? 'geglu' : e.ffn}`, vocab: String(e.vocab), attention: 'enc-dec' };
  }
  if (m.sampleWorkload) {
    const w = m.sampleWorkload;
    return { layers: '-', hidden: '-', heads: '-', kv: '-', headDim: '-', ffn: `${m.kind} ${(w.parameters / 1e6).toFixed(w.parameters < 1e8 ? 1 : 0)}M`, vocab: '-', attention: '-' };
  }
  return { layers: String(m.layers), hidden: String(m.hiddenSize), heads: String(m.attentionHeads), kv: String(m.kvHeads), headDim: String(m.headDim),
    ffn: `${m.ffnHiddenSize} ${m.ffn}`, vocab: String(m.vocabSize), attention: m.attention };
}

/** Preset columns: the default view leaves headDim to --wide and drops attention, then mla, when they do not fit. */
export const PRESET_COLUMNS: Column<PresetRow>[] = [
  { id: 'id', header: 'id', cell: (r) => r.preset.id, defaultView: true },
  { id: 'layers', header: 'layers', cell: (r) => shape(r.preset).layers, defaultView: true },
  { id: 'hidden', header: 'hidden', cell: (r) => shape(r.preset).hidden, defaultView: true },
  { id: 'heads', header: 'heads', cell: (r) => shape(r.preset).heads, defaultView: true },
  { id: 'kv', header: 'kv', cell: (r) => shape(r.preset).kv, defaultView: true },
  { id: 'headDim', header: 'headDim', cell: (r) => shape(r.preset).headDim },
  { id: 'ffn', header: 'ffn', cell: (r) => shape(r.preset).ffn, defaultView: true },
  { id: 'vocab', header: 'vocab', cell: (r) => shape(r.preset).vocab, defaultView: true },
  { id: 'attention', header: 'attention', cell: (r) => shape(r.preset).attention, defaultView: true, dropOrder: 2 },
  { id: 'moe', header: 'moe', cell: (r) => moeSummary(r.preset), defaultView: true },
  { id: 'mla', header: 'mla', cell: (r) => (r.preset.model.mla ? `kv${r.preset.model.mla.kvLoraRank}` : '-'), defaultView: true, dropOrder: 1 },
  { id: 'src', header: 'src', cell: (r) => `[${r.source}]`, defaultView: true },
];

const COLUMNS = ['id', 'layers', 'hidden', 'heads', 'kv', 'headDim', 'ffn', 'vocab', 'attention', 'moe', 'mla', 'src'] as const;

function moeSummary(p: ModelPreset): string {
  const moe = p.model.moe;
  if (!moe) return '-';
  const shared = moe.sharedExperts ? `+${moe.sharedExperts}s` : '';
  const dense = moe.denseLayers ? ` ${moe.denseLayers}d` : '';
  return `${moe.experts}${shared} top-${moe.activeExperts} ×${moe.expertFfnHiddenSize}${dense}`;
}

function row(p: ModelPreset, sourceIndex: number): string[] {
  const c = shape(p);
  const m = p.model;
  return [p.id, c.layers, c.hidden, c.heads, c.kv, c.headDim, c.ffn, c.vocab, c.attention, moeSummary(p), m.mla ? `kv${m.mla.kvLoraRank}` : '-', `[${sourceIndex}]`];
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
      const view = opts.view ?? { width: DEFAULT_TABLE_WIDTH };
      const grid = renderColumns(PRESET_COLUMNS, presets.map((p) => ({ preset: p, source: index(p) })), 'table', opts.chalk, view);
      return `${grid}${wrapText(LEGEND, view.width)}\n\nSources:\n${lines.map((l) => wrapText(l, view.width, 4)).join('\n')}\n`;
    }
  }
}
