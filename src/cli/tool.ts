/** The tool's name/version and the contract's exit codes: dependency-free, so `--version` loads nothing else. */
export const EXIT = { ok: 0, gateFailed: 1, invalidInput: 2, internal: 3 } as const;

export const TOOL = { name: 'trainplan', version: '0.1.0' } as const;
