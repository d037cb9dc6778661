from keras import record


class HyperBandScheduler:
    def __init__(self, **arguments):
        record("HyperBandScheduler", **arguments)
