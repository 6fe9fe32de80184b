const LABEL: Record<string, string> = { tp: 'TP', pp: 'PP', cp: 'CP', ep: 'EP', vpp: 'VPP', microBatch: 'micro-batch', zero: 'ZeRO', recompute: 'recompute' };

/** The line `estimate` prints under its table when some layout fields were `auto`. */
export function autoLine(auto: { fields: readonly string[]; chosen: Readonly<Record<string, number | string>> }): string {
  const parts = auto.fields.map((f) => `${LABEL[f] ?? f} ${auto.chosen[f]}`);
  return `\nauto: ${parts.join(', ')} (the fastest layout that fits, as \`trainplan plan\` would choose)\n`;
}
