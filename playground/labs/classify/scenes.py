"""The learning and overfitting chapter as scenes: a network that learns a circle, depth for the spiral,
ReLU against tanh and width against depth side by side, and random labels that a big network
memorises without learning anything (surapprentissage)."""

SCENES = [
    {"lab": "classify", "params": {"dataset": "circle", "layers": [4, 2], "seed": 0}, "train_to": 300,
     "caption": {"en": "Two hidden layers (4 and 2 neurons) learn the circle: every neuron's map shows the feature it found.",
                 "fr": "Deux couches cachées (4 et 2 neurones) apprennent le cercle : chaque carte montre ce que le neurone a appris."}},
    {"lab": "classify", "params": {"dataset": "spiral", "layers": [8, 8, 8, 8, 8, 8], "noise": 0, "seed": 0,
                                   "features": ["x1", "x2", "sinx1", "sinx2"]},
     "train_to": 800,
     "caption": {"en": "The spiral needs depth: six layers of eight neurons, with sin features, bend the regions around it.",
                 "fr": "La spirale demande de la profondeur : six couches de huit neurones, avec des entrées sin, la suivent."}},
    {"lab": "classify", "params": {"dataset": "spiral"}, "train_to": 500,
     "compare": [{"dataset": "spiral", "layers": [8, 8, 8], "activation": "relu", "seed": 0},
                 {"dataset": "spiral", "layers": [8, 8, 8], "activation": "tanh", "seed": 0}],
     "caption": {"en": "Side by side, same data and seed: ReLU against tanh on the spiral.",
                 "fr": "Côte à côte, mêmes données, même graine : ReLU contre tanh sur la spirale."}},
    {"lab": "classify", "params": {"dataset": "xor"}, "train_to": 400,
     "compare": [{"dataset": "xor", "layers": [12], "seed": 0},
                 {"dataset": "xor", "layers": [3, 3, 3, 3], "seed": 0}],
     "caption": {"en": "Width or depth? One layer of 12 neurons against four layers of 3: the same 12 neurons.",
                 "fr": "Largeur ou profondeur ? Une couche de 12 neurones contre quatre couches de 3 : les mêmes 12 neurones."}},
    {"lab": "classify", "params": {"dataset": "random", "layers": [16, 16, 16], "seed": 0}, "train_to": 600,
     "caption": {"en": "Random labels: the training accuracy climbs while the test accuracy stays at chance. That is overfitting.",
                 "fr": "Étiquettes aléatoires : la précision d'entraînement monte, celle de test reste au hasard. C'est le surapprentissage."}},
]
