"""The small CNN and its MLP rival, as torch modules (imported only in the worker and in tests).

CNN: for each entry of `channels`, a k×k convolution ("same" padding), the activation and, unless
pooling is "none", a 2×2 max or average pooling (skipped once the map is down to 1×1); then one
linear layer to the classes. MLP: the image flattened, one hidden layer, the activation, the classes.
`forward_maps` returns every layer's feature maps for the view.
"""
from __future__ import annotations

import torch
from torch import nn

from playground.labs.conv.cnn_shapes import map_sizes

__all__ = ["ACTIVATIONS", "SmallCNN", "SmallMLP", "count_params"]

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "leaky_relu": nn.LeakyReLU,
               "elu": nn.ELU, "gelu": nn.GELU}


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


class SmallCNN(nn.Module):
    def __init__(self, size: int, classes: int, channels: list[int], k: int, pooling: str, activation: str):
        super().__init__()
        self.convs = nn.ModuleList()
        sizes, self.pools = map_sizes(size, channels, k, pooling)
        c_in, n = 1, sizes[-1]
        for c in channels:
            self.convs.append(nn.Conv2d(c_in, c, k, padding=(k - 1) // 2, padding_mode="zeros"))
            c_in = c
        self.act = ACTIVATIONS[activation]()
        self.pool = nn.MaxPool2d(2) if pooling == "max" else nn.AvgPool2d(2)
        self.out_size = n
        self.head = nn.Linear(c_in * n * n, classes)

    def forward_maps(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        maps = []
        for conv, use_pool in zip(self.convs, self.pools):
            x = self.act(conv(x))  # (N, C, n, n)
            if use_pool:
                x = self.pool(x)
            maps.append(x)
        return self.head(x.flatten(1)), maps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for conv, use_pool in zip(self.convs, self.pools):
            x = self.act(conv(x))
            if use_pool:
                x = self.pool(x)
        return self.head(x.flatten(1))


class SmallMLP(nn.Module):
    def __init__(self, size: int, classes: int, hidden: int, activation: str):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(size * size, hidden), ACTIVATIONS[activation](),
                                 nn.Linear(hidden, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
