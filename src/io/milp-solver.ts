interface Highs {
  solve(lp: string, options: Record<string, unknown>): { Status: string; Columns?: Record<string, { Primal?: number }> };
}

/** Options for every solve: quiet, and a node limit instead of a time limit so that results never depend on machine speed. */
const OPTIONS = { output_flag: false, log_to_console: false, mip_max_nodes: 200, mip_rel_gap: 1e-6 } as const;

/**
 * HiGHS (Huangfu & Hall, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10, 2018), compiled to
 * WebAssembly by the `highs` npm package: the .wasm ships inside the package, so loading reads a local file only.
 * Returns a solver for LP-format text that reports the model status and each column's primal value.
 */
export async function loadMilpSolver(): Promise<(lp: string) => { status: string; values: Record<string, number> }> {
  // Imported here, not at the top: only `schedule` solves, and no other command should load the package.
  // Its types describe it as CommonJS; under Node's ESM resolution its `import` build's default export is the loader.
  const highsModule = await import('highs');
  const highs = await (highsModule as unknown as { default: () => Promise<Highs> }).default();
  return (lp) => {
    const r = highs.solve(lp, OPTIONS);
    const values: Record<string, number> = {};
    for (const [name, col] of Object.entries(r.Columns ?? {})) if (typeof col.Primal === 'number') values[name] = col.Primal;
    return { status: r.Status, values };
  };
}
