from keras import record


class BasicVariantGenerator:
    def __init__(self, random_state):
        record("BasicVariantGenerator", random_state=random_state)
