#!/usr/bin/env python3
"""Second pass of the 2026-12 refresh: rows re-priced from dated (2026-08..11) transcriptions of provider pages and
billing APIs. Each value is copied from the named file; per-GPU prices become per-instance prices only where the
provider itself prices per GPU (RunPod, Nebius: an n-GPU pod costs n x the per-GPU rate, as every count in SkyPilot's
RunPod and Nebius files shows). Run once from the repository root after apply.py."""
import re, json, pathlib
OFF = pathlib.Path('hardware-catalog/offers')
q = lambda s: json.dumps(s, ensure_ascii=False)
def p(v): return 'null' if v is None else (str(int(v)) if float(v).is_integer() else repr(round(float(v), 6)))
def usd(od=None, spot=None, r1=None, r3=None): return '{ onDemand: %s, spot: %s, reserved1y: %s, reserved3y: %s }' % (p(od), p(spot), p(r1), p(r3))

def rows(s): return re.split(r'(?m)^(?=  - instance: )', s)
def find(parts, inst):
    for i, r in enumerate(parts):
        if r.startswith(f'  - instance: "{inst}"\n'): return i
    raise KeyError(inst)
def setkey(r, key, val):
    if re.search(r'^    %s: ' % key, r, re.M):
        return re.sub(r'^    %s: .*$' % key, (f'    {key}: {val}' if val is not None else ''), r, count=1, flags=re.M).replace('\n\n', '\n')
    if val is None: return r
    return re.sub(r'^(    source: )', f'    {key}: {val}\n' + r'\1', r, count=1, flags=re.M)
def reprice(provider, inst, u, asOf, source, conf='third-party', asOfBy=None, notes=None):
    f = OFF / f'{provider}.yaml'; parts = rows(f.read_text()); i = find(parts, inst); r = parts[i]
    r = setkey(r, 'usdPerHour', u); r = setkey(r, 'asOf', q(asOf)); r = setkey(r, 'source', q(source))
    r = setkey(r, 'priceConfidence', q(conf))
    r = setkey(r, 'asOfByPricing', None if asOfBy is None else '{ ' + ', '.join(f'{k}: {q(v)}' for k, v in asOfBy.items()) + ' }')
    if notes is not None: r = setkey(r, 'notes', q(notes) if notes else None)
    parts[i] = r; f.write_text(''.join(parts))
def append(provider, text):
    f = OFF / f'{provider}.yaml'; f.write_text(f.read_text().rstrip('\n') + '\n' + text.rstrip('\n') + '\n')
def newrow(inst, acc, n, regions, u, asOf, source, conf='third-party', notes=None, extra=''):
    t = f'  - instance: {q(inst)}\n    accelerator: {q(acc)}\n    acceleratorCount: {n}\n{extra}    regions: [{", ".join(q(x) for x in regions)}]\n    usdPerHour: {u}\n    priceConfidence: {q(conf)}\n    asOf: {q(asOf)}\n    source: {q(source)}\n'
    return t + (f'    notes: {q(notes)}\n' if notes else '')

SILY = 'github tgarg01/silybench-data derived/csv/gpu_prices.csv @045df3bf (per-GPU prices transcribed from {url}, checked_at {d}; third-party transcription of the provider\'s page)'
DR = 'github datareceipts/data-receipts 109-gpu-pricing/{f} ({what}, read_on/retrieved 2026-11-09; third-party transcription)'

# RunPod Secure Cloud, 2026-11-09 (datareceipts vendors.json, from https://www.runpod.io/pricing); per GPU.
RP = DR.format(f='vendors.json', what='RunPod Secure Cloud per-GPU prices from https://www.runpod.io/pricing')
RP_NOTE = 'RunPod prices per GPU: an n-GPU pod is n x the per-GPU rate (every count in SkyPilot\'s RunPod file follows it). The undated spot snapshot was dropped with the re-pricing.'
for inst, n, per in [('1x_H100-SXM_SECURE', 1, 3.99), ('2x_H100-SXM_SECURE', 2, 3.99), ('4x_H100-SXM_SECURE', 4, 3.99), ('8x_H100-SXM_SECURE', 8, 3.99),
                     ('1x_H100-PCIe_SECURE', 1, 2.89), ('1x_A100-80GB_SECURE', 1, 1.79), ('8x_A100-80GB_SECURE', 8, 1.79),
                     ('1x_A100-SXM-80GB_SECURE', 1, 1.79), ('8x_A100-80GB-SXM_SECURE', 8, 1.79)]:
    reprice('runpod', inst, usd(od=per * n), '2026-11-09', RP, asOfBy=None, notes=RP_NOTE)
RP9 = SILY.format(url='https://www.runpod.io/pricing', d='2026-09-25')
for inst, n, per in [('1x_H200-SXM_SECURE', 1, 4.59), ('8x_H200-SXM_SECURE', 8, 4.59), ('1x_L40S_SECURE', 1, 1.09)]:
    reprice('runpod', inst, usd(od=per * n), '2026-09-25', RP9, notes=RP_NOTE)
append('runpod', ''.join([
    newrow('1x_H100-NVL_SECURE', 'h100-nvl', 1, ['US'], usd(od=3.19), '2026-11-09', RP),
    newrow('1x_B200_SECURE', 'b200', 1, ['US'], usd(od=6.79), '2026-09-25', RP9),
    newrow('1x_RTX4090_SECURE', 'rtx-4090', 1, ['US'], usd(od=0.74), '2026-09-25', RP9),
    *[newrow(f'1x_{name}_COMMUNITY', acc, 1, ['community'], usd(od=price), d, src, notes='Community Cloud: third-party hosts rent out their own machines through RunPod (no datacentre SLA); one host per pod.')
      for name, acc, price, d, src in [('H100-SXM', 'h100-sxm', 2.69, '2026-11-09', DR.format(f='vendors.json', what='RunPod Community Cloud per-GPU prices from https://www.runpod.io/pricing')),
                                       ('H100-PCIe', 'h100-pcie', 1.99, '2026-11-09', DR.format(f='vendors.json', what='RunPod Community Cloud per-GPU prices from https://www.runpod.io/pricing')),
                                       ('A100-SXM-80GB', 'a100-sxm-80gb', 1.39, '2026-11-09', DR.format(f='vendors.json', what='RunPod Community Cloud per-GPU prices from https://www.runpod.io/pricing')),
                                       ('B200', 'b200', 5.98, '2026-09-25', RP9), ('RTX4090', 'rtx-4090', 0.34, '2026-09-25', RP9)]],
]))

# Lambda, 2026-09-25 (silybench, from https://lambda.ai/pricing): these equal the January values; the May-2026
# techbytes figures (3.78, 2.86, 1.48, 0.86) are older than this and are not used.
LM = SILY.format(url='https://lambda.ai/pricing', d='2026-09-25')
for inst, u in [('gpu_1x_h100_sxm5', usd(od=4.29)), ('gpu_8x_h100_sxm5', usd(od=31.92)), ('gpu_1x_h100_pcie', usd(od=3.29)),
                ('gpu_1x_b200_sxm6', usd(od=6.99)), ('gpu_1x_gh200', usd(od=2.29)), ('gpu_8x_a100_80gb_sxm4', usd(od=22.32)),
                ('gpu_1x_a100_sxm4', usd(od=1.99)), ('gpu_1x_a10', usd(od=1.29))]:
    reprice('lambda', inst, u, '2026-09-25', LM, notes='8x rows: the source gives the per-GPU price of the 8-GPU instance (x 8).' if '8x' in inst else '')

# Nebius, 2026-09-25 (silybench, from https://nebius.com/prices), per GPU; preemptible (spot) from the older files.
NB = SILY.format(url='https://nebius.com/prices', d='2026-09-25')
NBN = 'Nebius prices per GPU-hour: the 8-GPU instance is 8 x the per-GPU rate. Spot (preemptible) is the older snapshot, dated separately.'
reprice('nebius', 'gpu-h100-sxm_8gpu-128vcpu-1600gb', usd(od=30.8, spot=10.0), '2026-01-21', NB, asOfBy={'onDemand': '2026-09-25', 'spot': '2026-01-21'}, notes=NBN)
reprice('nebius', 'gpu-h200-sxm_8gpu-128vcpu-1600gb', usd(od=36.0, spot=11.6), '2026-01-21', NB, asOfBy={'onDemand': '2026-09-25', 'spot': '2026-01-21'}, notes=NBN)
reprice('nebius', 'gpu-b200-sxm_8gpu-160vcpu-1792gb', usd(od=57.2, spot=23.2), '2026-01-21', NB, asOfBy={'onDemand': '2026-09-25', 'spot': '2026-01-21'}, notes=NBN)
reprice('nebius', 'gpu-h100-sxm_1gpu-16vcpu-200gb', usd(od=3.85, spot=1.25), '2025-01-01', NB, asOfBy={'onDemand': '2026-09-25', 'spot': '2025-01-01'}, notes=NBN + ' Spot from SkyPilot v7 (undated: 2025-01-01 lower bound).')
reprice('nebius', 'gpu-h200-sxm_1gpu-16vcpu-200gb', usd(od=4.5, spot=1.45), '2025-01-01', NB, asOfBy={'onDemand': '2026-09-25', 'spot': '2025-01-01'}, notes=NBN + ' Spot from SkyPilot v7 (undated: 2025-01-01 lower bound).')

# AWS and Azure list prices, 2026-11-09 (datareceipts hyperscalers.json / compare.json); spot and commitments keep their dates.
AWS = DR.format(f='hyperscalers.json', what='AWS on-demand list, us-east-1')
for inst, od, sp in [('p4d.24xlarge', 21.957642, 6.5323), ('p4de.24xlarge', 27.44705, 14.2574), ('p5.48xlarge', 55.04, 16.9508)]:
    reprice('aws', inst, usd(od=od, spot=sp), '2026-01-21', AWS + '; spot from skypilot-org/skypilot-catalog catalogs/v9/aws/vms.csv @2c3d7ea (2026-01-21 snapshot)', conf='third-party', asOfBy={'onDemand': '2026-11-09', 'spot': '2026-01-21'})
AZ = DR.format(f='hyperscalers.json and compare.json', what='Azure on-demand list, eastus')
reprice('azure', 'Standard_ND96isr_H100_v5', usd(od=98.32), '2026-11-09', AZ + ' (12.29 per GPU-hour x 8)')
reprice('azure', 'Standard_NC40ads_H100_v5', usd(od=6.98, r1=5.81, r3=4.31), '2025-03-17', AZ + '; 1y/3y from epoch-research/training-cost-trends data/Hardware prices.csv @263c40a (archived Azure page, 2025-03-17)', asOfBy={'onDemand': '2026-11-09', 'reserved1y': '2025-03-17', 'reserved3y': '2025-03-17'})
reprice('azure', 'Standard_NC24ads_A100_v4', usd(od=3.673, r1=3.06, r3=2.27), '2025-03-02', AZ + '; 1y/3y from epoch-research/training-cost-trends data/Hardware prices.csv @263c40a (archived Azure page, 2025-03-02)', asOfBy={'onDemand': '2026-11-09', 'reserved1y': '2025-03-02', 'reserved3y': '2025-03-02'})
append('azure', ''.join([
    newrow('Standard_ND96asr_v4', 'a100-sxm-40gb', 8, ['eastus'], usd(od=27.1968), '2026-11-09', AZ + ' (3.3996 per GPU-hour x 8)', extra='    scaleOutGbpsPerGpu: 200\n', notes='Back with a 2026-11 price (the 2024 row was removed). 8 x 200 Gb/s HDR InfiniBand per VM.'),
    newrow('Standard_NC80adis_H100_v5', 'h100-nvl', 2, ['eastus'], usd(od=17.64), '2026-11-09', AZ, extra='    scaleUpDomainSize: 2\n'),
    newrow('Standard_NC48ads_A100_v4', 'a100-pcie-80gb', 2, ['eastus'], usd(od=9.554), '2026-11-09', AZ),
]))

# GCP, Cloud Billing Catalog API figures transcribed by third parties (GPU + vCPU + RAM SKUs summed by them).
TANOD = 'huggingface.co/datasets/tanod/cloud-gpu-list-prices (Google Cloud Billing Catalog API, snapshot 2026-10-13, us-central1, per GPU-hour of the 8-GPU machine x 8; third-party)'
# (a3-ultragpu-8g existed: re-priced by hand in place, notes keep the old value)
# append('gcp', newrow('a3-ultragpu-8g', 'h200-sxm', 8, ['us-central1', 'us-west1', 'us-east4'], usd(od=83.492, spot=50.0856), '2026-10-13', TANOD, notes='spot: the snapshot\'s us-central1 figure (us-east4 lower: 5.6357/GPU-h).'))
reprice('gcp', 'a3-highgpu-1g', usd(od=10.9791, spot=6.571, r1=7.67, r3=4.86), '2025-03-17', SILY.format(url='https://cloud.google.com/billing/v1/how-tos/catalog-api (Compute Engine SKUs: GPU + vCPU + RAM, us-central1)', d='2026-09-26') + '; 1y/3y from epoch-research/training-cost-trends data/Hardware prices.csv @263c40a (2025-03-17)',
        asOfBy={'onDemand': '2026-09-26', 'spot': '2026-09-26', 'reserved1y': '2025-03-17', 'reserved3y': '2025-03-17'},
        notes='The 1g shape is sold as Spot/Flex-start; the on-demand figure is the list-price equivalent (GPU 5.8632 + 26 vCPU + 234 GiB). Spot: a 2026-09-26 snapshot.')

# Hyperstack (NexGen Cloud), 2026-08-26, and Akash, 2026-09-20: transcriptions of the providers' own rate cards.
HS = "github api-evangelist/nexgen-cloud plans/nexgen-cloud-plans-pricing.yml (transcribed verbatim from https://www.hyperstack.cloud/gpu-pricing on 2026-08-26; third-party)"
hs = [('b300-sxm-1x', 'b300', 7.40), ('b200-sxm-1x', 'b200', 6.00), ('h200-sxm-1x', 'h200-sxm', 3.99), ('h100-sxm-1x', 'h100-sxm', 3.20), ('h100-pcie-nvlink-1x', 'h100-pcie', 2.60)]
(OFF / 'hyperstack.yaml').write_text('# hyperstack: prices in USD per INSTANCE-hour; null = pricing model not offered / not sourced\n# Hyperstack (NexGen Cloud) on-demand per-GPU rates; reserved and spot exist but are not transcribed here.\nprovider: hyperstack\noffers:\n' + ''.join(
    newrow(i, a, 1, ['unspecified'], usd(od=x), '2026-08-26', HS, notes='Instance names are descriptive (the rate card lists GPUs, not VM flavours).') for i, a, x in hs))
AK = "github api-evangelist/akash plans/plans.yml (transcribed verbatim from https://akash.network/pricing/gpus/ on 2026-09-20, prices 'Starting at'; third-party)"
ak = [('b300-sxm6-1x', 'b300', 6.00), ('b200-1x', 'b200', 5.00), ('h200-sxm5-1x', 'h200-sxm', 4.45), ('h100-sxm5-1x', 'h100-sxm', 2.71), ('a100-80gb-sxm4-1x', 'a100-sxm-80gb', 1.71), ('rtx-pro-6000-se-1x', 'rtx-pro-6000', 2.04)]
(OFF / 'akash.yaml').write_text('# akash: prices in USD per INSTANCE-hour; null = pricing model not offered / not sourced\n# Akash Network GPU marketplace ("Starting at" per-GPU rates: the cheapest provider on the network).\nprovider: akash\noffers:\n' + ''.join(
    newrow(i, a, 1, ['global'], usd(od=x), '2026-09-20', AK, notes='Marketplace: the lowest listed rate across independent providers; one listing per lease (maxInstances 1).').replace('    priceConfidence', '    maxInstances: 1\n    priceConfidence') for i, a, x in ak))
print('ok')
