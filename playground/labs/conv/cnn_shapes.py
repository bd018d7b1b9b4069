"""The shapes of the CNN's and the MLP's weights, computed without torch: the window checks a saved
experiment's weights against them before the worker (which has torch) ever sees the file."""
from __future__ import annotations

__all__ = ["IMAGE_SIZE", "CLASS_COUNT", "map_sizes", "weight_shapes"]

IMAGE_SIZE = {"digits": 8, "shapes": 28}
CLASS_COUNT = {"digits": 10, "shapes": 4}


def map_sizes(size: int, channels: list[int], k: int, pooling: str) -> tuple[list[int], list[bool]]:
    """The side of each convolution layer's output map (after its pooling) and whether it pools:
    "same" padding (k - 1) // 2 keeps odd kernels' maps, shrinks even ones by one; a 2×2 pooling
    halves a map of at least 2."""
    sizes, pools = [], []
    n = size
    for _c in channels:
        n = n + 2 * ((k - 1) // 2) - k + 1
        use = pooling != "none" and n >= 2
        n = n // 2 if use else n
        sizes.append(n)
        pools.append(use)
    return sizes, pools


def weight_shapes(dataset: str, channels: list[int], k: int, pooling: str, hidden: int) -> dict[str, tuple]:
    size, classes = IMAGE_SIZE[dataset], CLASS_COUNT[dataset]
    out: dict[str, tuple] = {}
    c_in = 1
    for i, c in enumerate(channels):
        out[f"cnn.convs.{i}.weight"] = (c, c_in, k, k)
        out[f"cnn.convs.{i}.bias"] = (c,)
        c_in = c
    n = map_sizes(size, channels, k, pooling)[0][-1]
    out["cnn.head.weight"] = (classes, c_in * n * n)
    out["cnn.head.bias"] = (classes,)
    out["mlp.net.1.weight"] = (hidden, size * size)
    out["mlp.net.1.bias"] = (hidden,)
    out["mlp.net.3.weight"] = (classes, hidden)
    out["mlp.net.3.bias"] = (classes,)
    return out
