"""The compiled kernels of the CPU engine: forward, backward, regularisation and update of a small MLP.

On networks this small (tens to a few thousand weights, batches of 10) a training step costs what the
library calls around it cost, not arithmetic: numpy pays about a microsecond per call and a step needs
dozens. Here numba compiles plain loops over examples and units, and a whole epoch (every minibatch,
its forward and backward pass, the regulariser and the optimiser's update) is ONE call from Python.

The network arrives as flat arrays so that one compiled version serves every shape:
  theta       every parameter in one float64 vector (mlp_spec.param_shapes order)
  lay[l]      one row per weight layer: W offset, b offset, fan-in, pre-width, units, activation code,
              maxout pieces, PReLU slope offset (-1 when none)
  actp[l]     the activation's parameter (Leaky slope, ELU alpha)
Weights are stored (fan_in, pre_width), row-major, so the inner loops run over contiguous memory and
LLVM vectorises them. Everything is float64, like the torch reference the tests hold it to.

Compilation happens on the first call (in the worker process, never in the window) and is cached on
disk (`cache=True`), so later starts only load machine code.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["ACT_CODES", "OUT_CODES", "OPT_CODES", "REG_CODES", "TRAIN", "EVALUATE", "GRADIENT", "FORWARD",
           "kernel"]

# Activation codes; every trainable registry entry has one (the step too: its derivative is 0).
TANH, RELU, SIGMOID, LINEAR, LEAKY, PRELU, ELU, MAXOUT, STEP, GELU, SILU, SOFTPLUS = range(12)
ACT_CODES = {"tanh": TANH, "relu": RELU, "sigmoid": SIGMOID, "linear": LINEAR, "leaky_relu": LEAKY,
             "prelu": PRELU, "elu": ELU, "maxout": MAXOUT, "step": STEP, "gelu": GELU, "silu": SILU,
             "softplus": SOFTPLUS}
OUT_CODES = {"tanh": 0, "sigmoid": 1, "softmax": 2, "linear": 3}
OPT_CODES = {"sgd": 0, "momentum": 1, "adam": 2}
REG_CODES = {"none": 0, "l1": 1, "l2": 2}

# Columns of `lay`.
W_OFF, B_OFF, FAN_IN, WIDTH, UNITS, ACT, PIECES, SLOPE_OFF = range(8)
# Entries of the float hyperparameter vector `hyp`.
H_LR, H_MOMENTUM, H_BETA1, H_BETA2, H_EPS, H_REG_RATE, H_DROPOUT = range(7)
# Entries of the integer code vector `codes`.
C_OUTPUT, C_LOSS, C_OPT, C_REG = range(4)

_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@njit(cache=True)
def _sigmoid(z):
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@njit(cache=True)
def _tanh(z):
    """tanh from one exp: libm's tanh costs 15 ns here, this 5 ns, and tanh is the default unit.
    Within 1e-14 (relative) of libm; the odd Taylor series near 0, where 1 - e^(-2|z|) would cancel."""
    a = abs(z)
    if a < 0.01:
        a2 = a * a
        r = a * (1.0 - a2 * (1.0 / 3.0 - a2 * (2.0 / 15.0 - a2 * (17.0 / 315.0))))
    elif a > 20.0:
        r = 1.0  # tanh(20) is 1 to double precision
    else:
        e = math.exp(-2.0 * a)
        r = (1.0 - e) / (1.0 + e)
    return r if z >= 0.0 else -r


@njit(cache=True)
def _affine(theta, w0, b0, fan_in, width, A, Z, rows):
    """Z[r, :width] = A[r, :fan_in] @ W + b, each sum taken in one order (bias, then i ascending).
    Four rows at a time: four independent sums hide the latency of each multiply-add, which a single
    running sum would wait on (twice the speed here, and the same bits)."""
    r = 0
    while r + 4 <= rows:
        for j in range(width):
            b = theta[b0 + j]
            s0 = b
            s1 = b
            s2 = b
            s3 = b
            for i in range(fan_in):
                w = theta[w0 + i * width + j]
                s0 += A[r, i] * w
                s1 += A[r + 1, i] * w
                s2 += A[r + 2, i] * w
                s3 += A[r + 3, i] * w
            Z[r, j] = s0
            Z[r + 1, j] = s1
            Z[r + 2, j] = s2
            Z[r + 3, j] = s3
        r += 4
    while r < rows:
        for j in range(width):
            s = theta[b0 + j]
            for i in range(fan_in):
                s += A[r, i] * theta[w0 + i * width + j]
            Z[r, j] = s
        r += 1


@njit(cache=True)
def _activate(code, Z, P, rows, units, p, slope):
    """P[r, u] = f(Z[r, u]) for an elementwise activation: one loop per activation, so the choice is
    made once per layer, not once per unit."""
    if code == TANH:
        for r in range(rows):
            for u in range(units):
                P[r, u] = _tanh(Z[r, u])
    elif code == RELU:
        for r in range(rows):
            for u in range(units):
                z = Z[r, u]
                P[r, u] = z if z > 0.0 else 0.0
    elif code == SIGMOID:
        for r in range(rows):
            for u in range(units):
                P[r, u] = _sigmoid(Z[r, u])
    elif code == LINEAR:
        for r in range(rows):
            for u in range(units):
                P[r, u] = Z[r, u]
    else:
        for r in range(rows):
            for u in range(units):
                P[r, u] = _act(code, Z[r, u], p, slope)


@njit(cache=True)
def _act(code, z, p, slope):
    """f(z) of an elementwise activation (maxout is handled by its caller)."""
    if code == TANH:
        return _tanh(z)
    if code == RELU:
        return z if z > 0.0 else 0.0
    if code == SIGMOID:
        return _sigmoid(z)
    if code == LINEAR:
        return z
    if code == LEAKY:
        return z if z > 0.0 else p * z
    if code == PRELU:
        return z if z > 0.0 else slope * z
    if code == ELU:
        return z if z > 0.0 else p * math.expm1(z)
    if code == STEP:
        return 1.0 if z >= 0.0 else 0.0
    if code == GELU:  # exact, with erf, as torch's nn.GELU() computes it
        return 0.5 * z * (1.0 + math.erf(z * _INV_SQRT2))
    if code == SILU:
        return z * _sigmoid(z)
    if code == SOFTPLUS:  # torch's threshold: beyond 20 softplus is x to double precision
        return z if z > 20.0 else math.log1p(math.exp(z))
    return z


@njit(cache=True)
def _dact(code, z, a, p, slope):
    """f'(z), given a = f(z); torch's value at the kinks (ReLU'(0) = 0, Leaky'(0) = slope)."""
    if code == TANH:
        return 1.0 - a * a
    if code == RELU:
        return 1.0 if z > 0.0 else 0.0
    if code == SIGMOID:
        return a * (1.0 - a)
    if code == LINEAR:
        return 1.0
    if code == LEAKY:
        return 1.0 if z > 0.0 else p
    if code == PRELU:
        return 1.0 if z > 0.0 else slope
    if code == ELU:
        return 1.0 if z > 0.0 else p * math.exp(z)
    if code == STEP:
        return 0.0
    if code == GELU:
        return 0.5 * (1.0 + math.erf(z * _INV_SQRT2)) + z * math.exp(-0.5 * z * z) * _INV_SQRT_2PI
    if code == SILU:
        s = _sigmoid(z)
        return s * (1.0 + z * (1.0 - s))
    if code == SOFTPLUS:
        return 1.0 if z > 20.0 else _sigmoid(z)
    return 1.0


@njit(cache=True)
def _forward(theta, lay, actp, out_code, X, idx, start, rows, dropout, U, ucur, A, Z, P, ARG, M, OUT):
    """Forward pass over rows idx[start:start+rows] of X. A[l] is layer l's input (A[0] the examples,
    after dropout for hidden ones), P[h] hidden layer h's activation before dropout, Z[l] the
    pre-activations, OUT the outputs. Dropout masks come from the uniforms U, read from ucur on, layer
    by layer and row-major (the torch path reads the same stream in the same order). Returns the new
    cursor into U."""
    n_layers = lay.shape[0]
    n_in = lay[0, FAN_IN]
    for r in range(rows):
        src = idx[start + r]
        for i in range(n_in):
            A[0, r, i] = X[src, i]
    for l in range(n_layers):
        _affine(theta, lay[l, W_OFF], lay[l, B_OFF], lay[l, FAN_IN], lay[l, WIDTH], A[l], Z[l], rows)
        if l == n_layers - 1:
            break
        code = lay[l, ACT]
        units = lay[l, UNITS]
        p = actp[l]
        slope = theta[lay[l, SLOPE_OFF]] if lay[l, SLOPE_OFF] >= 0 else 0.0
        if code == MAXOUT:
            k = lay[l, PIECES]
            for r in range(rows):
                for u in range(units):
                    best = Z[l, r, u * k]
                    arg = 0
                    for q in range(1, k):
                        v = Z[l, r, u * k + q]
                        if v > best:  # strict: at a tie the first piece keeps it
                            best = v
                            arg = q
                    P[l, r, u] = best
                    ARG[l, r, u] = arg
        else:
            _activate(code, Z[l], P[l], rows, units, p, slope)
        if dropout > 0.0:
            scale = 1.0 / (1.0 - dropout)
            for r in range(rows):
                for u in range(units):
                    m = scale if U[ucur + r * units + u] >= dropout else 0.0
                    M[l, r, u] = m
                    A[l + 1, r, u] = P[l, r, u] * m
            ucur += rows * units
        else:
            for r in range(rows):
                for u in range(units):
                    A[l + 1, r, u] = P[l, r, u]
    last = n_layers - 1
    n_out = lay[last, WIDTH]
    for r in range(rows):
        if out_code == 2:  # softmax, shifted by the max so nothing overflows
            zmax = Z[last, r, 0]
            for j in range(1, n_out):
                zmax = max(zmax, Z[last, r, j])
            total = 0.0
            for j in range(n_out):
                e = math.exp(Z[last, r, j] - zmax)
                OUT[r, j] = e
                total += e
            for j in range(n_out):
                OUT[r, j] /= total
        else:
            for j in range(n_out):
                z = Z[last, r, j]
                if out_code == 0:
                    OUT[r, j] = _tanh(z)
                elif out_code == 1:
                    OUT[r, j] = _sigmoid(z)
                else:
                    OUT[r, j] = z
    return ucur


@njit(cache=True)
def _backward(theta, grad, lay, actp, out_code, loss_code, T, idx, start, rows, dropout,
              A, Z, P, ARG, M, OUT, D, G):
    """Gradient of the batch-mean loss into grad (overwritten). D[l] is dL/dz of layer l, G dL/da."""
    n_layers = lay.shape[0]
    last = n_layers - 1
    n_out = lay[last, WIDTH]
    scale = 1.0 / rows
    matched = loss_code == 1 and (out_code == 1 or out_code == 2)
    for r in range(rows):
        src = idx[start + r]
        if matched:  # cross-entropy with its own output unit: dL/dz = (p - t) / B
            for j in range(n_out):
                D[last, r, j] = (OUT[r, j] - T[src, j]) * scale
        elif out_code == 2:  # squared error through a softmax: its Jacobian
            dot = 0.0
            for j in range(n_out):
                D[last, r, j] = (OUT[r, j] - T[src, j]) * scale
                dot += D[last, r, j] * OUT[r, j]
            for j in range(n_out):
                D[last, r, j] = (D[last, r, j] - dot) * OUT[r, j]
        else:
            for j in range(n_out):
                o = OUT[r, j]
                d = (o - T[src, j]) * scale
                if out_code == 0:
                    d *= 1.0 - o * o
                elif out_code == 1:
                    d *= o * (1.0 - o)
                D[last, r, j] = d
    for l in range(last, -1, -1):
        w0 = lay[l, W_OFF]
        b0 = lay[l, B_OFF]
        fan_in = lay[l, FAN_IN]
        width = lay[l, WIDTH]
        for q in range(fan_in * width):
            grad[w0 + q] = 0.0
        for j in range(width):
            grad[b0 + j] = 0.0
        for r in range(rows):
            for i in range(fan_in):
                ai = A[l, r, i]
                base = w0 + i * width
                for j in range(width):
                    grad[base + j] += ai * D[l, r, j]
            for j in range(width):
                grad[b0 + j] += D[l, r, j]
        if l == 0:
            break
        h = l - 1
        for r in range(rows):
            for i in range(fan_in):
                base = w0 + i * width
                s = 0.0
                for j in range(width):
                    s += D[l, r, j] * theta[base + j]
                G[r, i] = s
        units = fan_in
        if dropout > 0.0:
            for r in range(rows):
                for u in range(units):
                    G[r, u] *= M[h, r, u]
        code = lay[h, ACT]
        if code == MAXOUT:
            k = lay[h, PIECES]
            for r in range(rows):
                for u in range(units):
                    for q in range(k):
                        D[h, r, u * k + q] = 0.0
                    D[h, r, u * k + ARG[h, r, u]] = G[r, u]
        else:
            p = actp[h]
            so = lay[h, SLOPE_OFF]
            slope = theta[so] if so >= 0 else 0.0
            gslope = 0.0
            for r in range(rows):
                for u in range(units):
                    z = Z[h, r, u]
                    D[h, r, u] = G[r, u] * _dact(code, z, P[h, r, u], p, slope)
                    if code == PRELU and z <= 0.0:
                        gslope += G[r, u] * z
            if so >= 0:
                grad[so] = gslope


@njit(cache=True)
def _regularise(theta, grad, reg_mask, reg, rate):
    if reg == 0 or rate == 0.0:
        return
    for q in range(theta.shape[0]):
        if reg_mask[q] != 0.0:
            if reg == 2:  # d/dw of rate * w^2 / 2
                grad[q] += rate * theta[q]
            else:  # d/dw of rate * |w|: 0 at exactly 0, as torch takes it
                w = theta[q]
                if w > 0.0:
                    grad[q] += rate
                elif w < 0.0:
                    grad[q] -= rate


@njit(cache=True)
def _update(theta, grad, mom, vel, step, opt, hyp):
    lr = hyp[H_LR]
    if opt == 0:
        for q in range(theta.shape[0]):
            theta[q] -= lr * grad[q]
    elif opt == 1:  # torch's form: v = mu v + g; w -= lr v
        mu = hyp[H_MOMENTUM]
        for q in range(theta.shape[0]):
            vel[q] = mu * vel[q] + grad[q]
            theta[q] -= lr * vel[q]
    else:  # Adam, computed as torch.optim.Adam computes it
        b1 = hyp[H_BETA1]
        b2 = hyp[H_BETA2]
        eps = hyp[H_EPS]
        step[0] += 1
        t = step[0]
        bc1 = 1.0 - b1 ** t
        bc2 = math.sqrt(1.0 - b2 ** t)
        size = lr / bc1
        for q in range(theta.shape[0]):
            g = grad[q]
            mom[q] = b1 * mom[q] + (1.0 - b1) * g
            vel[q] = b2 * vel[q] + (1.0 - b2) * g * g
            theta[q] -= size * mom[q] / (math.sqrt(vel[q]) / bc2 + eps)


@njit(cache=True)
def _buffers(lay, rows):
    n_layers = lay.shape[0]
    wmax = 1
    umax = lay[0, FAN_IN]
    for l in range(n_layers):
        wmax = max(wmax, lay[l, WIDTH])
        umax = max(umax, lay[l, FAN_IN])
    # np.empty: every entry is written before it is read (zeroing them cost more than the pass)
    A = np.empty((n_layers, rows, umax))
    Z = np.empty((n_layers, rows, wmax))
    P = np.empty((n_layers, rows, umax))
    ARG = np.empty((n_layers, rows, umax), dtype=np.int64)
    M = np.empty((n_layers, rows, umax))
    D = np.empty((n_layers, rows, wmax))
    G = np.empty((rows, umax))
    return A, Z, P, ARG, M, D, G


# The modes of `kernel`, the one compiled entry point (one entry, not four: each entry point would
# compile its own copy of the passes, and a first start would pay for all of them).
TRAIN, EVALUATE, GRADIENT, FORWARD = range(4)


@njit(cache=True)
def kernel(mode, opt_state, step, reg_mask, lay, actp, hyp, codes, X, T, idx, batch, U, OUT, Zs, As, X2, T2,
           LOSSES):
    """TRAIN: one pass over rows idx of (X, T), one update per minibatch of `batch` rows; U holds the
    dropout uniforms for the whole pass (empty when dropout is off). Then, when LOSSES has room, the
    mean loss after the pass on all of (X, T) into LOSSES[0] and on (X2, T2) into LOSSES[1] (NaN for
    an empty set): a lab's two loss curves without two more calls from Python. EVALUATE: outputs of every row of
    X into OUT, returns the mean loss against T. GRADIENT: the gradient of the loss on all rows of
    (X, T), dropout off, regularisation on, into opt_state[1]. FORWARD: outputs into OUT and, when
    Zs/As have rows, every layer's pre-activations and hidden activations (for the views and the
    gradient-flow statistics). opt_state rows: theta, grad, first moment (Adam), velocity / second
    moment."""
    theta = opt_state[0]
    grad = opt_state[1]
    n_layers = lay.shape[0]
    out_code = codes[C_OUTPUT]
    loss_code = codes[C_LOSS]
    if mode == TRAIN:
        n = idx.shape[0]
        rows_max = min(batch, n)
        A, Z, P, ARG, M, D, G = _buffers(lay, rows_max)
        out = np.empty((rows_max, lay[n_layers - 1, WIDTH]))
        dropout = hyp[H_DROPOUT]
        ucur = 0
        for start in range(0, n, batch):
            rows = min(batch, n - start)
            ucur = _forward(theta, lay, actp, out_code, X, idx, start, rows, dropout, U, ucur,
                            A, Z, P, ARG, M, out)
            _backward(theta, grad, lay, actp, out_code, loss_code, T, idx, start, rows, dropout,
                      A, Z, P, ARG, M, out, D, G)
            _regularise(theta, grad, reg_mask, codes[C_REG], hyp[H_REG_RATE])
            _update(theta, grad, opt_state[2], opt_state[3], step, codes[C_OPT], hyp)
        if LOSSES.shape[0] >= 1:
            LOSSES[0] = _set_loss(theta, lay, actp, out_code, loss_code, X, T)
        if LOSSES.shape[0] >= 2:
            LOSSES[1] = _set_loss(theta, lay, actp, out_code, loss_code, X2, T2)
        return 0.0
    n = X.shape[0]
    rows_idx = np.arange(n)
    A, Z, P, ARG, M, D, G = _buffers(lay, n)
    _forward(theta, lay, actp, out_code, X, rows_idx, 0, n, 0.0, U, 0, A, Z, P, ARG, M, OUT)
    if mode == GRADIENT:
        _backward(theta, grad, lay, actp, out_code, loss_code, T, rows_idx, 0, n, 0.0,
                  A, Z, P, ARG, M, OUT, D, G)
        _regularise(theta, grad, reg_mask, codes[C_REG], hyp[H_REG_RATE])
        return 0.0
    if mode == FORWARD:
        if Zs.shape[0] == n_layers and Zs.shape[1] == n:
            Zs[...] = Z
            As[...] = P
        return 0.0
    return _loss(out_code, loss_code, Z[n_layers - 1], OUT, T)


@njit(cache=True)
def _set_loss(theta, lay, actp, out_code, loss_code, X, T):
    """Mean loss on all rows of (X, T), dropout off; NaN when there are none."""
    n = X.shape[0]
    if n == 0:
        return np.nan
    A, Z, P, ARG, M, D, G = _buffers(lay, n)
    out = np.empty((n, lay[lay.shape[0] - 1, WIDTH]))
    _forward(theta, lay, actp, out_code, X, np.arange(n), 0, n, 0.0, np.zeros(0), 0, A, Z, P, ARG, M, out)
    return _loss(out_code, loss_code, Z[lay.shape[0] - 1], out, T)


@njit(cache=True)
def _loss(out_code, loss_code, Zlast, OUT, T):
    """Mean loss over rows: 0.5 (o - t)^2 summed over outputs (TF Playground's), or cross-entropy
    computed from the logits so it stays finite however confident the net is."""
    n = OUT.shape[0]
    n_out = OUT.shape[1]
    total = 0.0
    if loss_code == 0 or out_code == 0 or out_code == 3:
        for r in range(n):
            for j in range(n_out):
                d = OUT[r, j] - T[r, j]
                total += 0.5 * d * d
        return total / n
    if out_code == 1:  # mean over rows and outputs of log(1 + e^z) - t z
        for r in range(n):
            for j in range(n_out):
                z = Zlast[r, j]
                sp = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
                total += sp - T[r, j] * z
        return total / (n * n_out)
    for r in range(n):  # softmax: log-sum-exp minus the target's logit
        zmax = Zlast[r, 0]
        for j in range(1, n_out):
            zmax = max(zmax, Zlast[r, j])
        s = 0.0
        for j in range(n_out):
            s += math.exp(Zlast[r, j] - zmax)
        lse = zmax + math.log(s)
        for j in range(n_out):
            total += T[r, j] * (lse - Zlast[r, j])
    return total / n
