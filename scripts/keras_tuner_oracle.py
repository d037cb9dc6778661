"""KerasTuner's own HyperbandOracle, imported without Keras, and a tuner loop that drives it.

KerasTuner is not vendored: its `keras_tuner/` package is extracted from a git mirror of
github.com/keras-team/keras-tuner into a temporary directory at import time, so nothing of it is
committed here. The oracle never trains, so Keras and TensorFlow are replaced by a stub module that
satisfies KerasTuner's imports (grpc likewise) (Debian's python3-numpy, python3-six and python3-protobuf are the only
real dependencies).

Environment:
  KERAS_TUNER_GIT_DIR  the bare git mirror to extract from
                       (default /work/.mirror/keras-team+keras-tuner/repo)
  KERAS_TUNER_REF      the commit or ref to extract (default HEAD)
  KERAS_TUNER_SRC      a directory that already holds `keras_tuner/`; when set, nothing is extracted
                       and the commit is reported as "unknown" unless it is a git work tree.
"""
import atexit
import importlib
import importlib.abc
import importlib.machinery
import os
import shutil
import subprocess
import sys
import tempfile
import types

DEFAULT_GIT_DIR = "/work/.mirror/keras-team+keras-tuner/repo"


class _StubType(type):
    """Any attribute of a stub class is another stub class, so `keras.a.b.C` always resolves."""

    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _stub_class(name)


class _Stub(metaclass=_StubType):
    """Stands for any Keras object. Used as a decorator, it returns what it decorates unchanged."""

    def __init__(self, *args, **kwargs):
        self._args = args

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]
        return _Stub()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub()


def _stub_class(name):
    return _StubType(name, (_Stub,), {})


class History:
    """keras.callbacks.History as KerasTuner reads it: `history[metric]` lists one value per epoch."""

    def __init__(self, epoch_logs):
        self.epoch = list(range(len(epoch_logs)))
        self.history = {}
        for logs in epoch_logs:
            for name, value in logs.items():
                self.history.setdefault(name, []).append(value)


class _StubModule(types.ModuleType):
    """A stub Keras module; a lower-case name may be a function too (`keras.saving.register_...()`)."""

    def __call__(self, *args, **kwargs):
        return _Stub()(*args, **kwargs)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name[:1].isupper():
            return _stub_class(name)
        child = importlib.import_module(f"{self.__name__}.{name}")
        setattr(self, name, child)
        return child


def _serialize(obj):
    return {"class_name": type(obj).__name__, "config": obj.get_config()}


def _deserialize(config, custom_objects=None, module_objects=None):
    return module_objects[config["class_name"]].from_config(config["config"])


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers every `import keras...`, `tensorflow...` or `grpc...` with a stub module.

    grpc is imported only for KerasTuner's distributed oracle service, which a single worker never uses.
    """

    roots = ("keras", "tensorflow", "grpc")

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.roots:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        if spec.name == "keras":
            # A Keras 3 version makes KerasTuner take its multi-backend path, which needs no TensorFlow;
            # a backend other than "tensorflow" makes backend.io use plain files.
            module.version = lambda: "3.0.0-stub"
            # What `from keras import *` hands to keras_tuner.backend.keras.
            module.__all__ = ["applications", "backend", "callbacks", "config", "layers", "losses", "metrics",
                              "models", "optimizers", "saving", "utils", "Model", "Sequential"]
        if spec.name == "keras.config":
            module.backend = lambda: "stub"
        if spec.name == "keras.callbacks":
            module.History = History
            module.Callback = _stub_class("Callback")
        if spec.name == "keras.utils.legacy":
            # KerasTuner saves its trials and oracle state as JSON through these (it prefers `legacy`).
            module.serialize_keras_object = _serialize
            module.deserialize_keras_object = _deserialize
        if spec.name in ("keras.src.ops", "keras.random"):
            module.__all__ = []
        return module

    def exec_module(self, module):
        pass


def _extract(git_dir, ref):
    target = tempfile.mkdtemp(prefix="keras-tuner-")
    atexit.register(shutil.rmtree, target, True)
    archive = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", ref, "keras_tuner"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    return target


def _commit(git_dir, ref):
    try:
        return subprocess.run(
            ["git", f"--git-dir={git_dir}", "rev-parse", f"{ref}^{{commit}}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def load_keras_tuner():
    """Imports KerasTuner from the mirror; returns (keras_tuner module, source commit)."""
    if "keras_tuner" in sys.modules:
        module = sys.modules["keras_tuner"]
        return module, module.__rung_source_commit__
    source = os.environ.get("KERAS_TUNER_SRC")
    if source:
        git_dir = os.path.join(source, ".git")
        commit = _commit(git_dir, "HEAD") if os.path.exists(git_dir) else "unknown"
    else:
        git_dir = os.environ.get("KERAS_TUNER_GIT_DIR", DEFAULT_GIT_DIR)
        ref = os.environ.get("KERAS_TUNER_REF", "HEAD")
        if not os.path.isdir(git_dir):
            sys.exit(f"KerasTuner mirror not found at {git_dir}: set KERAS_TUNER_GIT_DIR or KERAS_TUNER_SRC")
        commit = _commit(git_dir, ref)
        source = _extract(git_dir, ref)
    sys.meta_path.insert(0, _StubFinder())
    sys.path.insert(0, source)
    import keras_tuner  # noqa: E402  (only importable once the stub and the path are in place)

    keras_tuner.__rung_source_commit__ = commit
    return keras_tuner, commit


def declare_space(hp, space):
    """Registers a Rung search space (its JSON `hyperparameters` list) into KerasTuner HyperParameters.

    Registration order is the list's order, as a hypermodel's build function would register them.
    """
    for spec in space:
        kind, name = spec["type"], spec["name"]
        if kind in ("int", "float"):
            make = hp.Int if kind == "int" else hp.Float
            make(name, spec["min"], spec["max"], step=spec.get("step"), sampling=spec.get("sampling", "linear"))
        elif kind == "choice":
            hp.Choice(name, spec["values"])
        elif kind == "fixed":
            hp.Fixed(name, spec["value"])
        elif kind == "boolean":
            hp.Boolean(name)
        else:
            raise ValueError(f"hyperparameter {name}: unknown type {kind!r}")


def new_hyperband_oracle(keras_tuner, space, objective, max_epochs, factor, iterations, seed, project_dir):
    """A HyperbandOracle set up as `keras_tuner.Hyperband(...)` sets it up, with the space declared.

    `objective` is "val_accuracy" (maximised) or "val_loss" (minimised); it is passed as an explicit
    Objective because inferring the direction of "accuracy" would ask Keras's metrics registry.
    """
    direction = "min" if objective.endswith("loss") else "max"
    oracle = keras_tuner.oracles.HyperbandOracle(
        objective=keras_tuner.Objective(objective, direction),
        max_epochs=max_epochs,
        factor=factor,
        hyperband_iterations=iterations,
        seed=seed,
    )
    oracle._set_project_dir(project_dir, "oracle")
    oracle.verbose = 0
    # Tuner._populate_initial_space: declare the hypermodel's hyperparameters into the oracle's space.
    hp = oracle.get_space()
    declare_space(hp, space)
    oracle.update_space(hp)
    return oracle


TUNER_KEYS = ("tuner/epochs", "tuner/initial_epoch", "tuner/bracket", "tuner/round", "tuner/trial_id")


def run_search(keras_tuner, oracle, train):
    """BaseTuner.search with one worker: create_trial, run, update_trial, end_trial, until STOPPED.

    `train(trial)` returns the per-epoch logs (dicts of metric values) of the epochs it trained, as
    model.fit's History holds them; the objective and best epoch are then taken by KerasTuner's own
    tuner_utils, as Tuner.run_trial's result is. If `train` raises, the trial ends INVALID, as
    BaseTuner._try_run_and_update_trial ends it, and the oracle (no retries, KerasTuner's default)
    marks it FAILED. Returns (the trials in creation order, the error that stopped the search or None):
    KerasTuner's end_trial raises RuntimeError after max_consecutive_failed_trials failures in a row.
    """
    from keras_tuner.engine import trial as trial_module
    from keras_tuner.engine import tuner_utils

    created = []
    while True:
        trial = oracle.create_trial("tuner0")
        if trial.status == trial_module.TrialStatus.STOPPED:
            return created, None
        if trial.status == trial_module.TrialStatus.IDLE:
            raise RuntimeError("a single sequential worker found the oracle IDLE")
        created.append(trial)
        try:
            results = [History(train(trial))]
            oracle.update_trial(
                trial.trial_id,
                tuner_utils.convert_to_metrics_dict(results, oracle.objective),
                step=tuner_utils.get_best_step(results, oracle.objective),
            )
            trial.status = trial_module.TrialStatus.COMPLETED
        except TrialFailure as failure:
            trial.status = trial_module.TrialStatus.INVALID
            trial.message = str(failure)
        try:
            oracle.end_trial(trial)
        except RuntimeError as stop:
            return created, str(stop).splitlines()[0]


class TrialFailure(Exception):
    """Raised by a `train` function for a trial that fails."""
