"""A stand-in for Keras that records, as JSON lines, what an exported script asks of it: the layers,
the optimizer, the data shapes it fits and evaluates on. MNIST is arrays of MNIST's shapes with no
values (Python's standard library only: no numpy needed)."""

import json


class _Array:
    """What the scripts do with MNIST's arrays: len, slices, astype and division keep a shape."""

    def __init__(self, *shape):
        self.shape = shape

    def __len__(self):
        return self.shape[0]

    def __getitem__(self, rows):
        return _Array(len(range(self.shape[0])[rows]), *self.shape[1:])

    def astype(self, dtype):
        return self

    def __truediv__(self, divisor):
        return self


def record(call, **details):
    print(json.dumps({"call": call, **details}))


class _History:
    history = {"val_accuracy": [0.5], "val_loss": [1.0]}


class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)

    def add(self, layer):
        self.layers.append(layer)

    def compile(self, optimizer, loss, metrics):
        record("compile", optimizer=optimizer, loss=loss, metrics=metrics)

    def fit(self, x, y, epochs, batch_size, validation_data, verbose=1):
        record("fit", x=list(x.shape), y=list(y.shape), epochs=epochs, batch_size=batch_size, validation=list(validation_data[0].shape))
        return _History()

    def evaluate(self, x, y, batch_size):
        record("evaluate", x=list(x.shape), batch_size=batch_size)
        return 0.1, 0.97


def Input(shape):
    record("Input", shape=list(shape))


class layers:
    @staticmethod
    def Flatten():
        record("Flatten")

    @staticmethod
    def Dense(units, activation):
        record("Dense", units=units, activation=activation)

    @staticmethod
    def Dropout(rate):
        record("Dropout", rate=rate)


class optimizers:
    @staticmethod
    def Adam(learning_rate):
        return {"Adam": {"learning_rate": learning_rate}}


class datasets:
    class mnist:
        @staticmethod
        def load_data():
            return (_Array(60000, 28, 28), _Array(60000)), (_Array(10000, 28, 28), _Array(10000))
