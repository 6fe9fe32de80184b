#!/usr/bin/env python3
"""One-off refresh of hardware-catalog/offers for 2026-12 (kept so the edit is reviewable and repeatable).
Every number below is transcribed from the source named next to it; nothing is derived except per-GPU
multiples that the source itself states (e.g. "$6/GPU-hour x 8"). Run from the repository root."""
import re, pathlib, json

OFF = pathlib.Path('hardware-catalog/offers')
LB = '2025-01-01'  # lower bound for undated snapshots (the catalog's convention)
def sp(cloud, ver, commit, extra=''):
    return (f"skypilot-org/skypilot-catalog catalogs/{ver}/{cloud}/vms.csv @{commit} (SkyPilot's fetcher output from the "
            f"provider's API, read 2026-12-01; the file carries no date, so asOf {LB} is a lower bound, the catalog's rule for "
            f"undated snapshots){extra}")

def q(s): return json.dumps(s, ensure_ascii=False)
def p(v): return 'null' if v is None else (str(int(v)) if float(v).is_integer() else repr(float(v)))

def row(r):
    u = r.get('usd', {})
    lines = [f"  - instance: {q(r['instance'])}", f"    accelerator: {q(r['acc'])}", f"    acceleratorCount: {r['n']}"]
    if 'scaleOut' in r: lines.append(f"    scaleOutGbpsPerGpu: {r['scaleOut']}")
    if 'domain' in r: lines.append(f"    scaleUpDomainSize: {r['domain']}")
    lines.append(f"    regions: [{', '.join(q(x) for x in r['regions'])}]")
    lines.append("    usdPerHour: { onDemand: %s, spot: %s, reserved1y: %s, reserved3y: %s }" % (p(u.get('od')), p(u.get('spot')), p(u.get('r1'))	, p(u.get('r3'))))
    if 'max' in r: lines.append(f"    maxInstances: {r['max']}")
    lines.append(f"    priceConfidence: {q(r['conf'])}")
    lines.append(f"    asOf: {q(r['asOf'])}")
    if 'asOfBy' in r: lines.append("    asOfByPricing: { " + ', '.join(f"{k}: {q(v)}" for k, v in r['asOfBy'].items()) + " }")
    lines.append(f"    source: {q(r['source'])}")
    if r.get('notes'): lines.append(f"    notes: {q(r['notes'])}")
    return '\n'.join(lines)

def write(provider, rows, header):
    text = f"# {provider}: prices in USD per INSTANCE-hour; null = pricing model not offered / not sourced\n# {header}\nprovider: {provider}\noffers:\n" + '\n'.join(row(r) for r in rows) + '\n'
    (OFF / f'{provider}.yaml').write_text(text)

# ---------- existing files: text edits ----------
def edit(provider, fn):
    f = OFF / f'{provider}.yaml'; s = f.read_text(); t = fn(s)
    assert t != s, provider; f.write_text(t)

def block(s, instance):
    """(start, end) of the row whose instance is `instance`."""
    m = re.search(r'^  - instance: "%s"\n' % re.escape(instance), s, re.M); assert m, instance
    n = re.search(r'^  - instance: ', s[m.end():], re.M)
    return m.start(), (m.end() + n.start()) if n else len(s)

def set_in_row(s, instance, key, value):
    a, b = block(s, instance); seg = s[a:b]
    seg2, k = re.subn(r'^    %s: .*$' % key, f'    {key}: {value}', seg, flags=re.M); assert k == 1, (instance, key)
    return s[:a] + seg2 + s[b:]

def drop_row(s, instance):
    a, b = block(s, instance); return s[:a] + s[b:]

def add_note(s, instance, note):
    a, b = block(s, instance); seg = s[a:b]
    if re.search(r'^    notes: ', seg, re.M):
        seg = re.sub(r'^    notes: "(.*)"$', lambda m: f'    notes: {q(json.loads(chr(34) + m.group(1) + chr(34)) + " " + note)}', seg, flags=re.M)
    else:
        seg = seg.rstrip('\n') + f'\n    notes: {q(note)}\n'
    return s[:a] + seg + s[b:]

TECHBYTES = "https://techbytes.app/posts/serverless-gpu-pricing-matrix-modal-replicate-lambda-2026/ ('Prices verified on May 7, 2026 from official vendor pricing'; third-party summary of Lambda's pricing page)"
def lambda_fix(s):
    for inst, od in [('gpu_1x_h100_sxm5', 3.78), ('gpu_1x_h100_pcie', 2.86), ('gpu_1x_a10', 0.86), ('gpu_1x_a100_sxm4', 1.48)]:
        s = set_in_row(s, inst, 'usdPerHour', '{ onDemand: %s, spot: null, reserved1y: null, reserved3y: null }' % od)
        s = set_in_row(s, inst, 'asOf', '"2026-05-07"')
        s = set_in_row(s, inst, 'source', q(TECHBYTES))
    s = add_note(s, 'gpu_1x_a100_sxm4', 'techbytes lists "A100 40GB $1.48/hr": Lambda\'s single A100 40GB is this SXM4 instance.')
    s = add_note(s, 'gpu_8x_h100_sxm5', 'Disputed: 3.99/GPU-h here; cliffcenter.com (2026-05-18) quotes "H100 SXM $2.99 at Lambda" without saying which size. Kept until a dated Lambda list is found.')
    return s
edit('lambda', lambda_fix)

OLE = "https://oraclelicensingexperts.com/blog/oracle-cloud-gpu-skus-pricing/ (published 2026-04-14; 'list-price column taken from Oracle's pricing page', third-party)"
def oci_fix(s):
    s = set_in_row(s, 'BM.GPU.H200.8', 'usdPerHour', '{ onDemand: 98.0, spot: null, reserved1y: null, reserved3y: null }')
    s = set_in_row(s, 'BM.GPU.H200.8', 'asOf', '"2026-04-14"'); s = set_in_row(s, 'BM.GPU.H200.8', 'source', q(OLE))
    s = set_in_row(s, 'BM.GPU.H200.8', 'notes', q('Was 80.0 (same as H100, from an undated SkyPilot snapshot); the April-2026 list shows ~98/h.'))
    s = set_in_row(s, 'VM.GPU.A10.1', 'usdPerHour', '{ onDemand: 1.27, spot: null, reserved1y: null, reserved3y: null }')
    s = set_in_row(s, 'VM.GPU.A10.1', 'asOf', '"2026-04-14"'); s = set_in_row(s, 'VM.GPU.A10.1', 'source', q(OLE))
    return s
edit('oci', oci_fix)

def aws_fix(s):
    s = set_in_row(s, 'p6-b300.48xlarge', 'usdPerHour', '{ onDemand: 142.416, spot: null, reserved1y: null, reserved3y: null }')
    return add_note(s, 'p6-b300.48xlarge', 'Spot removed: the catalog\'s 15.98/h was a one-zone snapshot at 11% of on-demand, far below any other B300 spot seen; not reproducible.')
edit('aws', aws_fix)

def azure_fix(s):
    for inst in ['Standard_ND40rs_v2', 'Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4']:
        s = drop_row(s, inst)
    return s
edit('azure', azure_fix)

RP7 = sp('runpod', 'v7', '0727c2bd', '; same price in every zone; spot is a snapshot (zone CA-MTL-1 listed first)')
def runpod_fix(s):
    s = drop_row(s, '2x_H100-SXM_SECURE'); s = drop_row(s, '4x_H100-SXM_SECURE')
    s = set_in_row(s, '1x_H100-SXM_SECURE', 'usdPerHour', '{ onDemand: 2.99, spot: 2.69, reserved1y: null, reserved3y: null }')
    s = set_in_row(s, '1x_H100-SXM_SECURE', 'asOf', q(LB))
    a, b = block(s, '1x_H100-SXM_SECURE'); seg = s[a:b]
    seg = re.sub(r'^(    asOf: .*)$', r'\1\n    asOfByPricing: { onDemand: "2025-03-03", spot: "%s" }' % LB, seg, flags=re.M)
    seg = add_note(seg, '1x_H100-SXM_SECURE', 'Spot 2.69 from ' + RP7 + '.')
    s = s[:a] + seg + s[b:]
    extra = [
        dict(instance='2x_H100-SXM_SECURE', acc='h100-sxm', n=2, usd=dict(od=5.98, spot=5.38)),
        dict(instance='4x_H100-SXM_SECURE', acc='h100-sxm', n=4, usd=dict(od=11.96, spot=10.76)),
        dict(instance='8x_H100-SXM_SECURE', acc='h100-sxm', n=8, usd=dict(od=23.92, spot=21.52)),
        dict(instance='1x_H200-SXM_SECURE', acc='h200-sxm', n=1, usd=dict(od=3.99, spot=3.59)),
        dict(instance='8x_H200-SXM_SECURE', acc='h200-sxm', n=8, usd=dict(od=31.92, spot=28.72)),
        dict(instance='8x_A100-80GB_SECURE', acc='a100-pcie-80gb', n=8, usd=dict(od=12.96, spot=9.52)),
        dict(instance='8x_A100-80GB-SXM_SECURE', acc='a100-sxm-80gb', n=8, usd=dict(od=15.12)),
        dict(instance='8x_L4_SECURE', acc='l4', n=8, usd=dict(od=3.52)),
    ]
    for r in extra:
        r.update(regions=['US-TX-1', 'CA-MTL-1', 'EU-SE-1'], conf='reseller', asOf=LB, source=RP7,
                 notes='RunPod "A100-80GB" is the PCIe card, "A100-80GB-SXM" the SXM module.' if 'A100' in r['instance'] else '')
    return s.rstrip('\n') + '\n' + '\n'.join(row(r) for r in extra) + '\n'
edit('runpod', runpod_fix)

NB7 = sp('nebius', 'v7', '22fd1fea', '; spot = preemptible')
def nebius_fix(s):
    extra = [
        dict(instance='gpu-h100-sxm_1gpu-16vcpu-200gb', acc='h100-sxm', n=1, regions=['eu-north1'], usd=dict(od=2.95, spot=1.25)),
        dict(instance='gpu-h200-sxm_1gpu-16vcpu-200gb', acc='h200-sxm', n=1, regions=['eu-north1', 'eu-west1', 'us-central1'], usd=dict(od=3.5, spot=1.45)),
        dict(instance='gpu-l40s-d_2gpu-64vcpu-384gb', acc='l40s', n=2, regions=['eu-north1'], usd=dict(od=4.5688)),
        dict(instance='gpu-l40s-d_4gpu-128vcpu-768gb', acc='l40s', n=4, regions=['eu-north1'], usd=dict(od=9.1376)),
    ]
    for r in extra: r.update(conf='reseller', asOf=LB, source=NB7)
    return s.rstrip('\n') + '\n' + '\n'.join(row(r) for r in extra) + '\n'
edit('nebius', nebius_fix)

# ---------- replaced / new provider files ----------
KAEL = "https://kaelresearch.com/blog/gpu-economics-real-inference-costs (on-demand 'publicly listed prices as of February 2026', CoreWeave rows; a third-party copy of CoreWeave's pricing page)"
CW_NOTE = 'The page gives the month only; asOf uses its 1st. Instance names are descriptive (CoreWeave SKU ids not retrieved). CoreWeave bills per GPU-hour incl. host vCPU/RAM (docs.coreweave.com billing).'
cw = [
    dict(instance='hgx-h100-8x', acc='h100-sxm', n=8, usd=dict(od=49.24)),
    dict(instance='hgx-h200-8x', acc='h200-sxm', n=8, usd=dict(od=50.44)),
    dict(instance='hgx-b200-8x', acc='b200', n=8, usd=dict(od=68.8)),
    dict(instance='gb200-4x', acc='gb200', n=4, domain=72, usd=dict(od=42.0), notes='gb200-4x is CoreWeave\'s instance type (docs.coreweave.com/docs/platform/instances/gb200): one tray of an NVL72 rack, deployable only as full racks of 18 nodes (72 GPUs, one NVLink domain). ' + CW_NOTE),
    dict(instance='gh200-1x', acc='gh200', n=1, usd=dict(od=6.5)),
    dict(instance='hgx-a100-80gb-8x', acc='a100-sxm-80gb', n=8, usd=dict(od=21.6)),
    dict(instance='l40s-8x', acc='l40s', n=8, usd=dict(od=18.0)),
    dict(instance='rtx-pro-6000-8x', acc='rtx-pro-6000', n=8, usd=dict(od=20.0)),
]
for r in cw: r.update(regions=['us-east'], conf='third-party', asOf='2026-02-01', source=KAEL); r.setdefault('notes', CW_NOTE)
write('coreweave', cw, 'Replaces the 2.23/GPU-h row (an SEO page, ~2.8x below CoreWeave\'s list). ')

DO = "https://docs.digitalocean.com/products/droplets/details/pricing/ (GPU Droplet Pricing table, page 'Validated on 28 May 2026')"
do = [
    dict(instance='gpu-h100x1-80gb', acc='h100-sxm', n=1, usd=dict(od=3.39)),
    dict(instance='gpu-h100x8-640gb', acc='h100-sxm', n=8, usd=dict(od=23.92)),
    dict(instance='gpu-mi300x1-192gb', acc='mi300x', n=1, usd=dict(od=1.99)),
    dict(instance='gpu-mi300x8-1536gb', acc='mi300x', n=8, usd=dict(od=15.92)),
    dict(instance='gpu-l40sx1-48gb', acc='l40s', n=1, usd=dict(od=1.57)),
]
for r in do: r.update(regions=['unspecified'], conf='list', asOf='2026-05-28', source=DO, notes='Instance names are DigitalOcean size slugs of this form; the table names GPU and count only. Regions are not listed on the page. MI325X/MI350X/B300 are per contract (no public price).')
write('digitalocean', do, 'DigitalOcean GPU Droplets (self-service list prices).')

HB = sp('hyperbolic', 'v7', '00e7b160', '; marketplace: each instance is one host shape')
hb = [
    dict(instance='1x-H100-32-309', acc='h100-sxm', n=1, usd=dict(od=1.29)),
    dict(instance='2x-H100-64-619', acc='h100-sxm', n=2, usd=dict(od=2.58)),
    dict(instance='4x-H100-128-1237', acc='h100-sxm', n=4, usd=dict(od=5.16)),
    dict(instance='8x-H100-224-2165', acc='h100-sxm', n=8, usd=dict(od=11.12)),
    dict(instance='1x-RTX4090-64-271', acc='rtx-4090', n=1, usd=dict(od=0.23)),
    dict(instance='2x-RTX4090-64-271', acc='rtx-4090', n=2, usd=dict(od=0.5)),
    dict(instance='4x-RTX4090-37-155', acc='rtx-4090', n=4, usd=dict(od=1.0)),
]
for r in hb: r.update(regions=['default'], conf='reseller', asOf=LB, source=HB, max=1, notes='Marketplace listing of one machine: maxInstances 1. GpuInfo names the H100 as NVIDIA-H100-80GB-HBM3 (SXM).')
write('hyperbolic', hb, 'Hyperbolic GPU marketplace.')

CU = sp('cudo', 'v7', '16f33dd5', '; the smallest vCPU/RAM shape per GPU count (prices rise with vCPU/RAM)')
cu = [
    dict(instance='sapphire-rapids-h100_1x2v4gb', acc='h100-sxm', n=1, regions=['no-kristiansand-1'], usd=dict(od=1.8214)),
    dict(instance='sapphire-rapids-h100_2x8v16gb', acc='h100-sxm', n=2, regions=['no-kristiansand-1'], usd=dict(od=3.7056)),
    dict(instance='sapphire-rapids-h100_4x32v64gb', acc='h100-sxm', n=4, regions=['no-kristiansand-1'], usd=dict(od=7.6624)),
    dict(instance='epyc-genoa-h100-nvl-pcie_1x2v4gb', acc='h100-nvl', n=1, regions=['au-melbourne-1'], usd=dict(od=2.4994)),
    dict(instance='epyc-genoa-h100-nvl-pcie_2x8v16gb', acc='h100-nvl', n=2, regions=['au-melbourne-1'], usd=dict(od=5.0576)),
    dict(instance='epyc-genoa-h100-nvl-pcie_4x32v64gb', acc='h100-nvl', n=4, regions=['au-melbourne-1'], usd=dict(od=10.3504)),
    dict(instance='intel-ice-lake-a100-pci_1x2v4gb', acc='a100-pcie-80gb', n=1, regions=['us-carlsbad-1'], usd=dict(od=1.3734)),
    dict(instance='epyc-genoa-l40s-compute_1x2v4gb', acc='l40s', n=1, regions=['au-melbourne-1'], usd=dict(od=0.8994)),
    dict(instance='intel-broadwell-v100_1x2v4gb', acc='v100-sxm-16gb', n=1, regions=['us-newyork-1'], usd=dict(od=0.41)),
]
for r in cu: r.update(conf='reseller', asOf=LB, source=CU, notes='SkyPilot names the NVL card "H100" with 96,256 MiB and the SXM part "H100-SXM"; A100 rows are 80 GB PCIe (81,920 MiB).')
write('cudo', cu, 'Cudo Compute.')

MI = sp('mithril', 'v7', '1ba9415d', '; Mithril (formerly Foundry) prices by auction: Price = SpotPrice in the file')
mi = [
    dict(instance='h100-80gb.sxm.8x', acc='h100-sxm', n=8, regions=['us-central1-b', 'us-central2-a'], usd=dict(od=8.0, spot=8.0)),
    dict(instance='a100-80gb.sxm.1x', acc='a100-sxm-80gb', n=1, regions=['us-central3-a'], usd=dict(od=0.5, spot=0.5)),
    dict(instance='a100-80gb.sxm.2x', acc='a100-sxm-80gb', n=2, regions=['us-central3-a'], usd=dict(od=1.0, spot=1.0)),
    dict(instance='a100-80gb.sxm.4x', acc='a100-sxm-80gb', n=4, regions=['us-central3-a'], usd=dict(od=2.0, spot=2.0)),
    dict(instance='a100-80gb.sxm.8x', acc='a100-sxm-80gb', n=8, regions=['us-central3-a'], usd=dict(od=4.0, spot=4.0)),
]
for r in mi: r.update(conf='reseller', asOf=LB, source=MI, notes='Cheapest region first (H100 8.0 in us-central1-b, 12.0 in us-central2-a). Auction prices move; treat as a snapshot.')
write('mithril', mi, 'Mithril GPU cloud.')

PI = sp('primeintellect', 'v7', '0e770cca', '; Prime Intellect resells other clouds\' machines: the instance names the upstream cloud; 99999999 spot means none')
pi = [
    dict(instance='datacrunch__8xA100_80GB__176__960', acc='a100-sxm-80gb', n=8, regions=['FI - FIN-01', 'FI - FIN-02'], usd=dict(od=12.13)),
    dict(instance='hyperstack__8xA100_80GB__252__1920', acc='a100-sxm-80gb', n=8, regions=['CA - CANADA-1'], usd=dict(od=11.2)),
    dict(instance='latitude__8xA100_80GB__128__1536', acc='a100-sxm-80gb', n=8, regions=['US - DAL', 'DE - FRA'], usd=dict(od=8.28)),
    dict(instance='lambdalabs__8xA100_80GB__240__1800', acc='a100-sxm-80gb', n=8, regions=['US - us-midwest-1', 'AU - australia-east-1'], usd=dict(od=14.32)),
    dict(instance='crusoecloud__8xA100_80GB__96__960', acc='a100-sxm-80gb', n=8, regions=['US - us-east1-a'], usd=dict(od=15.6)),
    dict(instance='runpod__1xB200_180GB__28__283', acc='b200', n=1, regions=['UNSPECIFIED'], usd=dict(od=6.4068)),
    dict(instance='runpod__4xB200_180GB__112__1132', acc='b200', n=4, regions=['UNSPECIFIED'], usd=dict(od=25.5768)),
]
for r in pi: r.update(conf='reseller', asOf=LB, source=PI, max=1, notes='One listed machine per instance (maxInstances 1). Upstream ids: n3-A100x8-NVLink (hyperstack), g3-a100-large (latitude), a100-80gb-sxm-ib.8x (crusoe).')
write('primeintellect', pi, 'Prime Intellect compute marketplace (a reseller).')

SW = sp('seeweb', 'v7', '06b032fa', '; Seeweb lists prices in EUR on its own site; the SkyPilot Price column is taken as USD as the catalog states, currency not re-verified')
sw = [
    dict(instance='ECS1GPU10', acc='h200-sxm', n=1, usd=dict(od=2.6)),
    dict(instance='ECS8GPU10', acc='h200-sxm', n=8, usd=dict(od=20.8)),
    dict(instance='ECS1GPU8', acc='h100-sxm', n=1, usd=dict(od=1.89)),
    dict(instance='ECS3GPU8', acc='h100-sxm', n=4, usd=dict(od=7.56)),
    dict(instance='ECS1GPU12', acc='rtx-pro-6000', n=1, usd=dict(od=1.25)),
    dict(instance='ECS4GPU12', acc='rtx-pro-6000', n=8, usd=dict(od=10.0)),
    dict(instance='ECS1GPU3', acc='a100-sxm-80gb', n=1, usd=dict(od=0.99)),
    dict(instance='ECS3GPU3', acc='a100-sxm-80gb', n=4, usd=dict(od=3.96)),
    dict(instance='ECS1GPU7', acc='l40s', n=1, usd=dict(od=0.85)),
    dict(instance='ECS4GPU7', acc='l40s', n=8, usd=dict(od=6.8)),
    dict(instance='ECS1GPU6', acc='l4', n=1, usd=dict(od=0.38)),
]
for r in sw: r.update(regions=['it-fr2'], conf='reseller', asOf=LB, source=SW, notes='Some rows have no region in the file; it-fr2 (Frosinone) is the region the file gives for the 1-GPU shapes. SXM vs PCIe is not stated for H100/H200/A100.')
write('seeweb', sw, 'Seeweb (Italy) cloud GPU servers.')

SPD = sp('simplepod', 'v7', '1010b759', '; marketplace listings: where two listings share an instance type the cheaper is taken')
spd = []
for n, od in [(1, 0.34), (2, 0.68), (4, 1.28), (8, 2.56)]:
    spd.append(dict(instance=f'gpu_{n}x_rtx4090_{32*n}', acc='rtx-4090', n=n, usd=dict(od=od)))
for n, od in [(1, 0.46), (2, 0.92), (4, 1.84), (8, 3.36)]:
    spd.append(dict(instance=f'gpu_{n}x_rtx5090_{32*n}', acc='rtx-5090', n=n, usd=dict(od=od)))
for n, od, suf in [(1, 0.99, 96), (2, 1.98, 192), (4, 4.8, 192), (8, 9.6, 384)]:
    spd.append(dict(instance=f'gpu_{n}x_rtxpro6000blackwell_{suf}', acc='rtx-pro-6000', n=n, usd=dict(od=od)))
for r in spd: r.update(regions=['Europe-PL'], conf='reseller', asOf=LB, source=SPD, max=1, notes='Consumer/workstation cards in marketplace hosts: one machine per listing (maxInstances 1).')
write('simplepod', spd, 'SimplePod GPU marketplace.')

VD = sp('verda', 'v8', '000c1d0b', '; Verda is DataCrunch renamed; spot is the file\'s SpotPrice (a snapshot)')
vd = [
    dict(instance='1B300.30V', acc='b300', n=1, regions=['FIN-03'], usd=dict(od=6.99, spot=2.447)),
    dict(instance='4B300.120V', acc='b300', n=4, regions=['FIN-03'], usd=dict(od=27.96, spot=9.786)),
    dict(instance='1B200.30V', acc='b200', n=1, regions=['FIN-03'], usd=dict(od=4.89, spot=1.712)),
    dict(instance='8B200.240V', acc='b200', n=8, regions=['FIN-03'], usd=dict(spot=13.69)),
    dict(instance='1H200.141S.44V', acc='h200-sxm', n=1, regions=['FIN-02', 'FIN-03'], usd=dict(od=3.39)),
    dict(instance='2H200.141S.88V', acc='h200-sxm', n=2, regions=['FIN-02', 'FIN-03'], usd=dict(od=6.78, spot=2.373)),
    dict(instance='1H100.80S.32V', acc='h100-sxm', n=1, regions=['FIN-02'], usd=dict(od=2.29, spot=0.8015)),
    dict(instance='1A100.22V', acc='a100-sxm-80gb', n=1, regions=['FIN-01', 'FIN-03'], usd=dict(od=1.29, spot=0.4515)),
    dict(instance='4A100.88V', acc='a100-sxm-80gb', n=4, regions=['FIN-03'], usd=dict(od=5.16)),
    dict(instance='1RTXPRO6000.30V', acc='rtx-pro-6000', n=1, regions=['FIN-03'], usd=dict(od=1.69, spot=0.5915)),
    dict(instance='4RTXPRO6000.120V', acc='rtx-pro-6000', n=4, regions=['FIN-03'], usd=dict(od=6.76, spot=2.366)),
    dict(instance='1V100.6V', acc='v100-sxm-16gb', n=1, regions=['FIN-01'], usd=dict(od=0.1381)),
]
for r in vd: r.update(conf='reseller', asOf=LB, source=VD, notes='Long-term contracts are offered (docs.verda.com pricing-and-billing) but not priced publicly. The 8x B200 row has no on-demand price in this snapshot.')
write('verda', vd, 'Verda (formerly DataCrunch), Finland.')
print('ok')
