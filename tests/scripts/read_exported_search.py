"""Reads an exported KerasTuner or Ray Tune script without running it: ast.parse, then the search space
and the Hyperband settings it holds, printed as JSON. Usage: python3 read_exported_search.py FILE"""

import ast
import json
import sys

SAMPLING_DEFAULT = "linear"


def constants(tree):
    """Module-level NAME = literal assignments."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


def value_of(node, known):
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    return ast.literal_eval(node)


def keywords(call, known):
    out = {}
    for keyword in call.keywords:
        try:
            out[keyword.arg] = value_of(keyword.value, known)
        except ValueError:
            out[keyword.arg] = {"expression": ast.unparse(keyword.value)}
    return out


def calls(tree, owner, name=None):
    """Calls of owner.attr (or owner.name), in source order."""
    found = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
        and node.func.value.id == owner and (name is None or node.func.attr == name)
    ]
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def keras_tuner_hyperparameter(call, known):
    kind = call.func.attr
    entry = {"name": ast.literal_eval(call.args[0])}
    arguments = keywords(call, known)
    if kind in ("Int", "Float"):
        entry.update({"type": kind.lower(), "min": arguments["min_value"], "max": arguments["max_value"]})
        if arguments.get("step") is not None:
            entry["step"] = arguments["step"]
        if arguments.get("sampling", SAMPLING_DEFAULT) != SAMPLING_DEFAULT:
            entry["sampling"] = arguments["sampling"]
    elif kind == "Choice":
        entry.update({"type": "choice", "values": arguments["values"]})
    elif kind == "Boolean":
        entry["type"] = "boolean"
    elif kind == "Fixed":
        entry.update({"type": "fixed", "value": arguments["value"]})
    else:
        raise SystemExit(f"unknown KerasTuner hyperparameter hp.{kind}")
    return entry


def ray_sampler(name, node, known):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", None) == "tune":
        if node.func.attr == "sample_from":
            return {"name": name, "call": "sample_from", "source": ast.unparse(node.args[0])}
        return {"name": name, "call": node.func.attr, "args": [value_of(arg, known) for arg in node.args]}
    return {"name": name, "value": value_of(node, known)}


def read(source):
    tree = ast.parse(source)
    known = constants(tree)
    hyperband = calls(tree, "kt", "Hyperband")
    if hyperband:
        space = [keras_tuner_hyperparameter(call, known) for call in calls(tree, "hp")]
        return {"tool": "keras_tuner", "space": {"version": 1, "hyperparameters": space}, "hyperband": keywords(hyperband[0], known), "constants": known}
    schedulers = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "HyperBandScheduler"]
    if not schedulers:
        raise SystemExit("neither kt.Hyperband nor HyperBandScheduler is called")
    param_space = next(
        node.value for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PARAM_SPACE" and isinstance(node.value, ast.Dict)
    )
    space = [ray_sampler(ast.literal_eval(key), value, known) for key, value in zip(param_space.keys, param_space.values)]
    inits = calls(tree, "ray", "init")
    return {
        "tool": "ray_tune",
        "space": space,
        "scheduler": keywords(schedulers[0], known),
        "rayInit": keywords(inits[0], known) if inits else None,
        "constants": {k: v for k, v in known.items() if k != "PARAM_SPACE"},
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        print(json.dumps(read(file.read())))
