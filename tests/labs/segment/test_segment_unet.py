"""The U-Net is MONAI's, and the window can check a saved model's weights without importing torch."""
import subprocess
import sys

import pytest

from playground.labs.segment.unet import build_unet, weight_shapes


@pytest.mark.parametrize("depth", [2, 3, 4])
@pytest.mark.parametrize("base", [8, 32])
@pytest.mark.parametrize("inputs", [1, 2])
def test_weight_shapes_match_monais_state_dict(depth, base, inputs):
    net = build_unet(depth, base, inputs)
    real = {k: tuple(v.shape) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    assert weight_shapes(depth, base, inputs) == real


def test_the_output_keeps_the_input_size():
    import torch

    net = build_unet(3, 8).eval()
    with torch.no_grad():
        assert net(torch.zeros(2, 1, 96, 96)).shape == (2, 1, 96, 96)


def test_checking_a_saved_model_does_not_load_torch():
    code = ("import sys; from playground.labs.segment import core; "
            "s = core.expected_state({'box_prompt': True}); "
            "assert any(k.startswith('box.') for k in s); "
            "assert 'torch' not in sys.modules and 'monai' not in sys.modules, 'torch was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
