/** A reader for the flat TOML our exporter writes ([section] then key = value), to test the output parses. */
export function parse(text: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  let section: Record<string, unknown> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[([a-z0-9_.]+)\]$/.exec(line);
    if (s) {
      section = out[s[1]!] = {};
      continue;
    }
    const kv = /^([a-z0-9_]+) = (.+)$/.exec(line);
    if (!kv || !section) throw new Error(`not TOML: ${line}`);
    section[kv[1]!] = JSON.parse(kv[2]!);
  }
  return out;
}
