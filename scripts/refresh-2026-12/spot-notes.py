#!/usr/bin/env python3
"""Marks every spot price that does not already say what it is as a snapshot (idempotent)."""
import re, pathlib, json
NOTE = 'spot: a snapshot (SkyPilot catalog: the cheapest zone when the file was fetched; the zone was not recorded in this row), not a quote.'
for f in sorted(pathlib.Path('hardware-catalog/offers').glob('*.yaml')):
    rows = re.split(r'(?m)^(?=  - instance: )', f.read_text()); out = []
    for r in rows:
        m = re.search(r'spot: ([0-9.]+)', r)
        if r.startswith('  - instance: ') and m and not re.search(r'spot|preemptible|SpotPrice|auction', (re.search(r'^    source: (.*)$', r, re.M).group(1) + (re.search(r'^    notes: (.*)$', r, re.M) or [None, ''])[1]).replace('spot:', ''), re.I):
            n = re.search(r'^    notes: "(.*)"$', r, re.M)
            if n: r = r.replace(n.group(0), '    notes: ' + json.dumps(json.loads('"' + n.group(1) + '"') + ' ' + NOTE))
            else: r = r.rstrip('\n') + '\n    notes: ' + json.dumps(NOTE) + '\n'
        out.append(r)
    f.write_text(''.join(out))
print('ok')
