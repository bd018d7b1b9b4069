"""The recurrent networks chapter as scenes for a clicker: one cell applied at every step, the gates of
an LSTM, the gradient through time vanishing for a vanilla cell and reaching the first step for an
LSTM and the residual block, a character model, and the lecture's comparison with CNNs."""

SCENES = [
    {"lab": "rnn", "params": {"task": "sine", "cell": "vanilla", "hidden": 2, "length": 20, "seed": 0,
                              "unroll_step": 5},
     "view": "Unroll", "train_to": 0,
     "caption": {"en": "One cell, the same weights at every step: h_t = tanh(W_h h_{t-1} + W_x x_t + b). "
                       "Step through time and every number is there.",
                 "fr": "Une seule cellule, les mêmes poids à chaque pas : h_t = tanh(W_h h_{t-1} + W_x x_t + b). "
                       "Avancez dans le temps : chaque nombre est affiché."}},
    {"lab": "rnn", "params": {"task": "memory", "cell": "lstm", "hidden": 2, "length": 15, "seed": 0,
                              "unroll_step": 3},
     "view": "Unroll", "train_to": 0,
     "caption": {"en": "An LSTM's gates at one step: the forget gate f decides how much of the cell state c survives.",
                 "fr": "Les portes d'un LSTM à un pas : la porte d'oubli f décide de ce qui reste de l'état c."}},
    {"lab": "rnn", "params": {"task": "memory", "cell": "vanilla", "hidden": 16, "length": 50, "seed": 0},
     "view": "Training", "train_to": 60,
     "caption": {"en": "Recall the first symbol after 50 steps: a vanilla cell's gradient loses about twelve orders "
                       "of magnitude on its way back to the first step (the note under the plots says how many).",
                 "fr": "Retrouver le premier symbole après 50 pas : le gradient d'une cellule simple perd une douzaine "
                       "d'ordres de grandeur en revenant au premier pas (la note sous les courbes dit combien)."}},
    {"lab": "rnn", "params": {"task": "memory", "cell": "lstm", "hidden": 16, "length": 50, "seed": 0},
     "view": "Training", "train_to": 60,
     "caption": {"en": "The same task with an LSTM: through the cell state the gradient reaches the first step "
                       "about five orders of magnitude stronger than a vanilla cell's.",
                 "fr": "La même tâche avec un LSTM : par l'état de cellule, le gradient atteint le premier pas "
                       "environ cinq ordres de grandeur plus fort que celui d'une cellule simple."}},
    {"lab": "rnn", "params": {"task": "memory", "cell": "residual", "hidden": 16, "length": 50, "seed": 0},
     "view": "Training", "train_to": 100,
     "caption": {"en": "The lecture's residual block, h_t = h_{t-1} + f(h_{t-1}, x_t): the identity path carries "
                       "the state, and it remembers the symbol.",
                 "fr": "Le bloc résiduel du cours, h_t = h_{t-1} + f(h_{t-1}, x_t) : le chemin identité porte "
                       "l'état, et il se souvient du symbole."}},
    {"lab": "rnn", "params": {"task": "chars", "cell": "gru", "hidden": 64, "length": 30, "seed": 0,
                              "temperature": 0.6},
     "view": "Text", "train_to": 400,
     "caption": {"en": "A character model trained on La Fontaine: it writes French-looking lines, one character "
                       "at a time.",
                 "fr": "Un modèle de caractères entraîné sur La Fontaine : il écrit des vers d'allure française, "
                       "un caractère à la fois."}},
    {"lab": "rnn", "params": {}, "view": "CNN vs RNN", "train_to": 0,
     "caption": {"en": "CNN or RNN: spatial grids or sequences; no state or a state; no memory or a memory.",
                 "fr": "CNN ou RNN : grilles spatiales ou séquences ; pas d'état ou un état ; pas de mémoire ou une mémoire."}},
]
