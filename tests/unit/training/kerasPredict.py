"""Reads a .keras file as Keras 3 lays it out, without Keras: zipfile for the archive, h5py for
model.weights.h5, numpy for the forward pass (Dense + relu, Dropout as identity at inference, softmax).

Usage: kerasPredict.py MODEL.keras IMAGES.f32 -> prints the softmax outputs, flat, as JSON.
"""

import io
import json
import sys
import zipfile

import h5py
import numpy as np


def main(model_path, images_path):
    with zipfile.ZipFile(model_path) as archive:
        config = json.loads(archive.read("config.json"))
        weights = h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r")
    images = np.fromfile(images_path, dtype="<f4").reshape(-1, 784).astype(np.float64)
    layer_count = {}
    x = images
    for layer in config["config"]["layers"]:
        kind = layer["class_name"]
        base = {"Dense": "dense", "Dropout": "dropout", "InputLayer": None}[kind]
        if base is None:
            continue
        index = layer_count.get(base)
        layer_count[base] = 0 if index is None else index + 1
        path = base if index is None else f"{base}_{index + 1}"
        variables = weights[f"layers/{path}/vars"]
        if kind == "Dropout":
            assert len(variables) == 0, f"{path} should hold no weights"
            continue
        kernel = np.asarray(variables["0"], dtype=np.float64)
        bias = np.asarray(variables["1"], dtype=np.float64)
        assert kernel.shape == (x.shape[1], layer["config"]["units"]), f"{path} kernel shape {kernel.shape}"
        x = x @ kernel + bias
        if layer["config"]["activation"] == "relu":
            x = np.maximum(x, 0)
        elif layer["config"]["activation"] == "softmax":
            x = np.exp(x - x.max(axis=1, keepdims=True))
            x = x / x.sum(axis=1, keepdims=True)
    print(json.dumps(x.reshape(-1).tolist()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
