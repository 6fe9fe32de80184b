#!/usr/bin/env python3
"""Lists a training framework's option names (one per line, sorted) from its source tree, statically.

Writes the fixture lists under test/fixtures/export/ that test/export/option-names.test.ts checks our
exported configs against; how each list was made (repository, tag, commit) is in docs/export.md.
Nothing is imported from the framework (no torch needed): the sources are parsed with `ast`.

  python3 scripts/extract-framework-options.py megatron   <Megatron-LM tree>
  python3 scripts/extract-framework-options.py megatron-deepspeed <Megatron-DeepSpeed tree> <DeepSpeed tree>
  python3 scripts/extract-framework-options.py nemo       <Megatron-Bridge tree> <Megatron-LM tree it pins>
  python3 scripts/extract-framework-options.py deepspeed  <DeepSpeed tree>
  python3 scripts/extract-framework-options.py torchtitan <torchtitan tree>
"""
import ast
import pathlib
import re
import sys


def index_classes(*roots):
    """class name -> [(ClassDef, {alias: real name}), ...] for every class in the trees, in tree order."""
    out = {}
    for root in roots:
        for path in sorted(pathlib.Path(root).rglob('*.py')):
            try:
                tree = ast.parse(path.read_text())
            except (SyntaxError, UnicodeDecodeError):
                continue
            aliases = {a.asname: a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names if a.asname}
            for node in tree.body:
                if isinstance(node, ast.ClassDef):
                    out.setdefault(node.name, []).append((node, aliases))
    return out


def fields(classes, name, which=0, seen=()):
    """Annotated class-body fields of `name` and its bases (dataclass / pydantic fields), bases first.

    `which` picks among same-named classes: a subclass that shadows its base's name (Bridge's
    TrainingConfig(MTrainTrainingConfig)) resolves that base to the next definition in tree order."""
    defs = classes.get(name, [])
    if which >= len(defs) or (name, which) in seen:
        return []
    node, aliases = defs[which]
    out = []
    for base in node.bases:
        b = ast.unparse(base).split('[')[0].split('.')[-1]
        real = aliases.get(b, b)
        out += fields(classes, real, which + 1 if real == name else 0, seen + ((name, which),))
    out += [st for st in node.body if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)]
    return out


def kw(call):
    return {k.arg: k.value for k in call.keywords} if isinstance(call, ast.Call) else {}


def megatron_names(st):
    """argparse names ArgumentGroupFactory gives a dataclass field (megatron/training/argument_utils.py)."""
    name, default = st.target.id, st.value
    k = kw(default)
    if isinstance(default, ast.Call) and ast.unparse(default.func).endswith('field'):
        if 'init' in k and ast.unparse(k['init']) == 'False':
            return []
        meta = k.get('metadata')
        if isinstance(meta, ast.Dict):
            for mk, mv in zip(meta.keys, meta.values):
                if isinstance(mk, ast.Constant) and mk.value == 'argparse_meta' and isinstance(mv, ast.Dict):
                    for k2, v2 in zip(mv.keys, mv.values):
                        if isinstance(k2, ast.Constant) and k2.value == 'arg_names':
                            return [e.value for e in v2.elts]
        default = k.get('default')
    flag = name.replace('_', '-')
    if ast.unparse(st.annotation) == 'bool' and default is not None and ast.unparse(default) == 'True':
        return ['--no-' + flag, '--disable-' + flag]
    return ['--' + flag]


def literal_flags(text):
    return set(re.findall(r"""add_argument\(\s*['"](--[A-Za-z0-9][A-Za-z0-9_-]*)['"]""", text)) | set(
        re.findall(r"""add_argument\(\s*['"]--[^'"]+['"]\s*,\s*['"](--[A-Za-z0-9][A-Za-z0-9_-]*)['"]""", text))


def megatron(root):
    root = pathlib.Path(root)
    text = (root / 'megatron/training/arguments.py').read_text()
    names = literal_flags(text)
    classes = index_classes(root / 'megatron')
    tree = ast.parse(text)
    lists = {n.targets[0].id: [e.value for e in n.value.elts if isinstance(e, ast.Constant)]
             for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.List)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == 'ArgumentGroupFactory' and node.args:
            ex = kw(node).get('exclude')
            exclude = set(lists.get(ex.id, [])) if isinstance(ex, ast.Name) else {e.value for e in ex.elts} if isinstance(ex, ast.List) else set()
            for st in fields(classes, ast.unparse(node.args[0])):
                if st.target.id not in exclude and not st.target.id.startswith('_'):
                    names.update(megatron_names(st))
    return names


def dotted(classes, section, cls):
    out = set()
    for st in fields(classes, cls):
        n = st.target.id
        if n.startswith('_') or ast.unparse(st.annotation).startswith('ClassVar'):
            continue
        pre = f'{section}.' if section else ''
        out.add(pre + n)
        alias = kw(st.value).get('alias')
        if isinstance(alias, ast.Constant):
            out.add(pre + alias.value)
    return out


def nemo(bridge, mlm):
    classes = index_classes(pathlib.Path(bridge) / 'src', pathlib.Path(mlm) / 'megatron')
    sections = {'model': ['GPTModelProvider', 'MLATransformerConfig'], 'train': 'TrainingConfig', 'ddp': 'DistributedDataParallelConfig',
                'dataset': 'GPTDatasetConfig', 'mixed_precision': 'MixedPrecisionConfig', 'optimizer': 'OptimizerConfig'}
    # Bridge's own classes shadow Megatron's of the same name: index Bridge first (index_classes keeps the first).
    names = dotted(classes, '', 'ConfigContainer')  # the top-level sections
    # mixed_precision may also be a registered recipe name (training/mixed_precision.py @register functions)
    mp = (pathlib.Path(bridge) / 'src/megatron/bridge/training/mixed_precision.py').read_text()
    names |= {'mixed_precision=' + m for m in re.findall(r'^@register\ndef ([a-z0-9_]+)\(', mp, re.M)}
    for section, cls in sections.items():
        for c in cls if isinstance(cls, list) else [cls]:
            names |= dotted(classes, section, c)
    return names


def deepspeed(root):
    root = pathlib.Path(root)
    names = set()
    # Top-level and nested JSON keys are string constants (deepspeed/runtime/constants.py and friends).
    for rel in ['deepspeed/runtime/constants.py', 'deepspeed/runtime/activation_checkpointing/config.py', 'deepspeed/runtime/zero/config.py']:
        for m in re.finditer(r'''^[A-Z][A-Z0-9_]* = ["']([a-z][a-z0-9_]*)["']''', (root / rel).read_text(), re.M):
            names.add(m.group(1))
    classes = index_classes(root / 'deepspeed')
    names |= {n.split('.', 1)[1] for n in dotted(classes, 'zero_optimization', 'DeepSpeedZeroConfig')}
    return names


def torchtitan(root):
    classes = index_classes(pathlib.Path(root) / 'torchtitan/config')
    out = set()

    def walk(prefix, cls):
        for st in fields(classes, cls):
            n = st.target.id
            t = ast.unparse(st.annotation)
            if t in classes and t != 'str':
                walk(f'{prefix}{n}.', t)
            else:
                out.add(prefix + n)
    walk('', 'JobConfig')
    return out


def megatron_deepspeed(root, deepspeed_root):
    # plus --deepspeed / --deepspeed_config, which DeepSpeed itself adds (deepspeed/__init__.py add_config_arguments)
    return literal_flags((pathlib.Path(root) / 'megatron/arguments.py').read_text()) | literal_flags(
        (pathlib.Path(deepspeed_root) / 'deepspeed/__init__.py').read_text())


if __name__ == '__main__':
    kind, *roots = sys.argv[1:]
    fn = {'megatron': megatron, 'nemo': nemo, 'deepspeed': deepspeed, 'torchtitan': torchtitan, 'megatron-deepspeed': megatron_deepspeed}[kind]
    for n in sorted(fn(*roots)):
        print(n)
