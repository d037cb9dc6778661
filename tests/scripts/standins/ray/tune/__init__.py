"""A stand-in for Ray Tune: the samplers draw one configuration, the Tuner runs the trainable on it
once and counts its reports."""

import random

from keras import record


class _Sampler:
    def __init__(self, kind, *arguments):
        self.kind, self.arguments = kind, arguments

    def sample(self):
        low, *rest = self.arguments
        if self.kind == "choice":
            return random.choice(low)
        if self.kind == "sample_from":
            return low(None)
        if self.kind == "randint" or self.kind == "lograndint":
            return random.randrange(low, rest[0])
        if self.kind == "qrandint":
            return random.randrange(low, rest[0] + 1, rest[1])
        return random.uniform(low, rest[0])


def _sampler(kind):
    return lambda *arguments: _Sampler(kind, *arguments)


randint, qrandint, lograndint = _sampler("randint"), _sampler("qrandint"), _sampler("lograndint")
uniform, loguniform, choice, sample_from = _sampler("uniform"), _sampler("loguniform"), _sampler("choice"), _sampler("sample_from")
_reports = []


def report(metrics):
    _reports.append(metrics)


class TuneConfig:
    def __init__(self, num_samples, scheduler, search_alg):
        self.num_samples = num_samples


class _Result:
    def __init__(self, config):
        self.config = config


class _ResultGrid:
    def __init__(self, config):
        self.config = config

    def get_best_result(self, metric, mode):
        record("get_best_result", metric=metric, mode=mode)
        return _Result(self.config)


class Tuner:
    def __init__(self, trainable, param_space, tune_config):
        self.trainable, self.param_space, self.tune_config = trainable, param_space, tune_config

    def fit(self):
        config = {name: value.sample() if isinstance(value, _Sampler) else value for name, value in self.param_space.items()}
        record("trial", config=config, num_samples=self.tune_config.num_samples)
        self.trainable(config)
        record("reports", count=len(_reports), metrics=sorted(_reports[-1]))
        return _ResultGrid(config)
