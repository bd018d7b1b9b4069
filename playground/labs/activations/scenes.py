"""The activation functions chapter as scenes: the lecture's pros and cons, sigmoid's vanishing gradient
through a deep network, and ReLU against tanh in a race."""

SCENES = [
    {"lab": "activations", "params": {}, "view": "Explorer",
     "caption": {"en": "Sigmoid, tanh, ReLU and their derivatives: where f' is nearly zero, a saturated neuron stops learning.",
                 "fr": "Sigmoïde, tanh, ReLU et leurs dérivées : là où f' est presque nulle, un neurone saturé n'apprend plus."}},
    {"lab": "activations", "params": {"experiment": "gradient-flow", "activation": "sigmoid", "depth": 20,
                                      "init": "uniform"},
     "view": "Gradient flow",
     "caption": {"en": "Twenty sigmoid layers: the gradient shrinks layer after layer and the first layers barely move.",
                 "fr": "Vingt couches sigmoïdes : le gradient s'annule de couche en couche, les premières couches n'apprennent presque pas."}},
    {"lab": "activations", "params": {"experiment": "gradient-flow", "activation": "relu", "depth": 20, "init": "he"},
     "view": "Gradient flow",
     "caption": {"en": "The same depth with ReLU and He initialisation: the gradient reaches the first layer intact.",
                 "fr": "Même profondeur avec ReLU et l'initialisation de He : le gradient arrive intact à la première couche."}},
    {"lab": "activations", "params": {"experiment": "race", "activations": ["relu", "tanh"], "seed": 0},
     "view": "Race", "train_to": 300,
     "caption": {"en": "Same network, same data, same seed: ReLU reaches the target loss first (the lecture says 5 to 10 times faster).",
                 "fr": "Même réseau, mêmes données, même graine : ReLU atteint la perte visée en premier (le cours dit 5 à 10 fois plus vite)."}},
]
