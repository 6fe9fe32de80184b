import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOffer, getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadCatalog } from '../../src/io/index.js';
import { InputError } from '../../src/schema/index.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'catalogs', name);

function loadError(name: string): InputError {
  try {
    loadCatalog({ files: [fixture(name)] });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`${name} loaded without error`);
}

describe('loadCatalog: user catalogs', () => {
  it('merges a user file over the built-in catalog; the user row wins', () => {
    const builtin = loadBuiltinCatalog();
    const merged = loadCatalog({ files: [fixture('negotiated.yaml')] });
    expect(findOffer(builtin, 'aws', 'p5.48xlarge').usdPerHour.onDemand).not.toBe(40);
    expect(findOffer(merged, 'aws', 'p5.48xlarge').usdPerHour.onDemand).toBe(40);
    expect(findOffer(merged, 'onprem', 'rack-a').interconnect.scaleOutBitsPerSecondPerGpu).toBe(200e9);
    expect(getAccelerator(merged, 'h100-sxm-onprem').memoryBytes).toBe(80e9);
    expect(merged.offers.length).toBe(builtin.offers.length + 1);
    expect(merged.digest).not.toBe(builtin.digest);
  });

  it('reads TRAINPLAN_CATALOG as a ":"-separated path list', () => {
    const merged = loadCatalog({ files: [], env: { TRAINPLAN_CATALOG: `:${fixture('negotiated.yaml')}:` } });
    expect(findOffer(merged, 'onprem', 'rack-a').acceleratorCount).toBe(64);
  });

  // Each bad file must name the file, the line:column, the row and the field.
  it.each([
    ['negative-price.yaml', 'CATALOG_INVALID', ':7:', /acme\/big-box.*usdPerHour\.onDemand.*greater than 0/],
    ['zero-price.yaml', 'CATALOG_INVALID', ':7:', /acme\/big-box.*usdPerHour\.onDemand.*greater than 0/],
    ['unknown-accelerator.yaml', 'CATALOG_UNKNOWN_ACCELERATOR', ':4:', /acme\/big-box.*accelerator.*h100-sxn/],
    ['duplicate-offer.yaml', 'CATALOG_DUPLICATE_OFFER', ':11:', /offers\[1\] \(acme\/big-box\).*duplicated/],
    ['missing-asof.yaml', 'CATALOG_INVALID', ':2:', /acme\/big-box.*asOf.*missing/],
    ['string-for-number.yaml', 'CATALOG_INVALID', ':5:', /acme\/big-box.*acceleratorCount: expected a number, got "eight"/],
    ['yaml-syntax-error.yaml', 'YAML_SYNTAX', ':7:', /YAML syntax error/],
    ['duplicate-yaml-key.yaml', 'YAML_DUPLICATE_KEY', ':10:', /duplicate key/],
    ['proto-key.yaml', 'YAML_FORBIDDEN_KEY', ':10:', /__proto__/],
    ['unknown-section.yaml', 'CATALOG_INVALID', ':1:', /fleet/],
  ])('%s → %s at line, naming row and field', (name, code, line, message) => {
    const err = loadError(name);
    expect(err.code).toBe(code);
    expect(err.location).toContain(name + line);
    expect(err.message).toMatch(message);
  });

  it('suggests the closest accelerator id', () => {
    expect(loadError('unknown-accelerator.yaml').suggestion).toBe('did you mean h100-sxm?');
  });

  it('refuses alias bombs and unreadable files', () => {
    expect(loadError('alias-bomb.yaml').message).toMatch(/alias/i);
    const missing = loadError('does-not-exist.yaml');
    expect([missing.code, missing.location]).toEqual(['FILE_NOT_FOUND', fixture('does-not-exist.yaml')]);
  });
});
