"""The lab's U-Net: MONAI's `monai.networks.nets.UNet`, and the names and shapes of its weights computed
without importing torch.

The network is MONAI's U-Net with one convolution per level (``num_res_units=0``), batch
normalisation and PReLU: `depth` resolution levels with `base`, 2·base, 4·base... channels, each level
halving the image with a stride-2 convolution and the decoder doubling it back with transposed
convolutions, skip connections concatenating the encoder's features. The box-prompted model is the
same network with a second input channel carrying the box (1 inside, 0 outside).

`weight_shapes` walks the same recursion MONAI's UNet builds, so an experiment file can be checked in
the window, where torch is never imported; a test compares it with MONAI's own state_dict.
"""
from __future__ import annotations

__all__ = ["weight_shapes", "build_unet", "channels_of"]


def channels_of(depth: int, base: int) -> tuple[int, ...]:
    return tuple(int(base) * 2 ** i for i in range(int(depth)))


def weight_shapes(depth: int, base: int, in_channels: int = 1, out_channels: int = 1) -> dict[str, tuple]:
    """{state_dict name: shape} of build_unet(depth, base, in_channels), batch-norm counters left out."""
    shapes: dict[str, tuple] = {}

    def conv(prefix: str, cin: int, cout: int, transpose: bool = False, last: bool = False) -> None:
        shapes[f"{prefix}.conv.weight"] = (cin, cout, 3, 3) if transpose else (cout, cin, 3, 3)
        shapes[f"{prefix}.conv.bias"] = (cout,)
        if not last:
            for name in ("weight", "bias", "running_mean", "running_var"):
                shapes[f"{prefix}.adn.N.{name}"] = (cout,)
            shapes[f"{prefix}.adn.A.weight"] = (1,)

    def block(prefix: str, cin: int, cout: int, chans: tuple[int, ...], top: bool) -> None:
        c = chans[0]
        if len(chans) > 2:
            block(f"{prefix}1.submodule.", c, c, chans[1:], False)
            up_in = 2 * c
        else:
            conv(f"{prefix}1.submodule", c, chans[1])  # the bottom of the U
            up_in = c + chans[1]
        conv(f"{prefix}0", cin, c)
        conv(f"{prefix}2", up_in, cout, transpose=True, last=top)

    block("model.", int(in_channels), int(out_channels), channels_of(depth, base), True)
    return shapes


def build_unet(depth: int, base: int, in_channels: int = 1):
    """MONAI's 2-D U-Net with `depth` levels (2 to 4) and `base` channels at the top; one logit out."""
    from monai.networks.nets import UNet

    chans = channels_of(depth, base)
    return UNet(spatial_dims=2, in_channels=int(in_channels), out_channels=1, channels=chans,
                strides=(2,) * (len(chans) - 1), num_res_units=0, norm="batch")
