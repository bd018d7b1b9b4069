"""The activations lab's deep networks on the one engine: the compiled CPU path and the torch path
train the same racers to the same weights, the init schemes scale as they promise, and the weights
keep the (out, in) names and shapes experiment files have always stored."""
from __future__ import annotations

import numpy as np
import pytest

from playground.labs.activations import core as lab
from playground.labs.activations.deep_net import DeepTrainer, deep_spec, init_weights
from playground.labs.activations.gradient_flow import measure_flow
from playground.labs.activations.tasks import make_task


def _trainer(act, device="cpu", optimizer="momentum", **kw):
    x, y = make_task("spiral", 64, 0)
    return DeepTrainer(act, 3, 6, lab.act_params_for(act, lab.validate_all(lab.PARAMS, {})), kw.get("init", "he"),
                       x, y, optimizer, 0.05, 16, seed=4, device=device)


@pytest.mark.parametrize("act", ["relu", "sigmoid", "prelu", "maxout", "elu"])
def test_compiled_and_torch_paths_train_the_same_network(act):
    a, b = _trainer(act), _trainer(act, device="torch")
    for _ in range(3):
        a.epoch()
        b.epoch()
    for name, w in a.state("n").items():
        np.testing.assert_allclose(w, b.state("n")[name], atol=1e-9, err_msg=name)
    fa, fb = measure_flow(a), measure_flow(b)
    np.testing.assert_allclose(fa["grad_norms"], fb["grad_norms"], rtol=1e-9)
    np.testing.assert_allclose(fa["dead_fraction"], fb["dead_fraction"])
    assert a.evaluate()[0] == pytest.approx(b.evaluate()[0], rel=1e-10)


def test_state_keeps_torch_linear_shapes_and_round_trips():
    t = _trainer("prelu")
    t.epoch()
    state = t.state("prelu")
    shapes = lab._shapes("prelu", 3, 6, {"slope": 0.25})
    assert {k: v.shape for k, v in state.items()} == shapes
    other = _trainer("prelu", optimizer="sgd")
    other.load("prelu", state, shapes)
    assert other.evaluate() == t.evaluate()
    assert other.prelu_slopes() == t.prelu_slopes()


@pytest.mark.parametrize("scheme,std", [("uniform", lambda fi, fo: (1 / fi) ** 0.5 / 3 ** 0.5),
                                        ("xavier", lambda fi, fo: (2 / (fi + fo)) ** 0.5),
                                        ("he", lambda fi, fo: (2 / fi) ** 0.5)])
def test_init_schemes_have_their_textbook_spread(scheme, std):
    spec = deep_spec("relu", 2, 200, {})
    w = init_weights(spec, scheme, 0)["layer1.weight"]
    assert w.std() == pytest.approx(std(200, 200), rel=0.03)
    assert np.all(init_weights(spec, scheme, 0)["layer1.bias"] == 0.0)
