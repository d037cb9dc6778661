"""A stand-in for KerasTuner: Hyperband records its arguments, and its search builds the model once
with every hyperparameter at its first value (min, or the first choice), recording the registrations."""

from keras import record


class HyperParameters:
    def __init__(self):
        self.values = {}

    def _register(self, kind, name, value):
        record("register", kind=kind, name=name)
        self.values[name] = value
        return value

    def Int(self, name, min_value, max_value, step=None, sampling="linear"):
        return self._register("Int", name, min_value)

    def Float(self, name, min_value, max_value, step=None, sampling="linear"):
        return self._register("Float", name, min_value)

    def Choice(self, name, values):
        return self._register("Choice", name, values[0])

    def Boolean(self, name):
        return self._register("Boolean", name, False)

    def Fixed(self, name, value):
        return self._register("Fixed", name, value)


class _HyperModel:
    def __init__(self, build):
        self.build = build


class Hyperband:
    def __init__(self, build_model, **arguments):
        record("Hyperband", **arguments)
        self.hypermodel = _HyperModel(build_model)
        self.best = HyperParameters()

    def search(self, x, y, batch_size, validation_data):
        record("search", x=list(x.shape), batch_size=batch_size, validation=list(validation_data[0].shape))
        self.hypermodel.build(self.best)

    def get_best_hyperparameters(self, num_trials):
        return [self.best][:num_trials]
