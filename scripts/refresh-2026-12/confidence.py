#!/usr/bin/env python3
"""Adds priceConfidence (and maxInstances for marketplace listings) to every offer row that lacks them.
Class by the row's first-named source: the provider's own page/API or an archive of it = list; an aggregator
that republishes provider prices (SkyPilot's catalog, instances.vantage.sh data) = reseller; anything else
(blogs, research notes, price trackers) = third-party. Idempotent."""
import re, pathlib
LIST = ('IBM Cloud Global Catalog', 'epoch-research/training-cost-trends', 'docs.digitalocean.com', 'https://www.spheron.network/')
RESELLER = ('skypilot-org/skypilot-catalog', 'github tsaol/aws-gpu')
MARKET = {'vast'}  # marketplace listings: one machine each
for f in sorted(pathlib.Path('hardware-catalog/offers').glob('*.yaml')):
    provider = f.stem; s = f.read_text(); out = []
    rows = re.split(r'(?m)^(?=  - instance: )', s)
    for r in rows:
        if r.startswith('  - instance: ') and '    priceConfidence:' not in r:
            src = re.search(r'^    source: "(.*)"$', r, re.M).group(1)
            conf = 'list' if src.startswith(LIST) else 'reseller' if src.startswith(RESELLER) else 'third-party'
            extra = f'    priceConfidence: "{conf}"\n'
            if provider in MARKET and '    maxInstances:' not in r: extra = '    maxInstances: 1\n' + extra
            r = re.sub(r'^(    asOf: )', extra + r'\1', r, count=1, flags=re.M)
        out.append(r)
    f.write_text(''.join(out))
print('ok')
