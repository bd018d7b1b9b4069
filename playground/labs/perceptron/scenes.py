"""The perceptron chapter as scenes for a clicker: the rule succeeds on AND, fails on XOR (the
lecture's "Limites du perceptron"), and one hidden layer solves it."""

SCENES = [
    {"lab": "perceptron", "params": {"dataset": "and", "seed": 0}, "train_to": 0,
     "caption": {"en": "A perceptron: one line, weights w and a bias b. On AND, some line separates the classes.",
                 "fr": "Un perceptron : une droite, des poids w et un biais b. Pour ET, une droite sépare les classes."}},
    {"lab": "perceptron", "params": {"dataset": "and", "seed": 0}, "train_to": 20,
     "caption": {"en": "Rosenblatt's rule moves the line after each mistake: on AND it stops within a few epochs.",
                 "fr": "La règle de Rosenblatt déplace la droite à chaque erreur : pour ET elle s'arrête en quelques époques."}},
    {"lab": "perceptron", "params": {"dataset": "xor", "seed": 0}, "train_to": 200,
     "caption": {"en": "XOR: no line separates the classes. After 200 epochs the perceptron still cycles, 3 of 4 at best.",
                 "fr": "XOR : aucune droite ne sépare les classes. Après 200 époques le perceptron tourne en rond, 3 sur 4 au mieux."}},
    {"lab": "perceptron", "params": {"dataset": "xor", "hidden": 2, "activation": "tanh", "lr": 0.5, "seed": 0},
     "train_to": 1500,
     "caption": {"en": "One hidden layer of two neurons solves XOR: in its hidden space, one line does separate the classes.",
                 "fr": "Une couche cachée de deux neurones résout XOR : dans son espace caché, une droite sépare les classes."}},
]
