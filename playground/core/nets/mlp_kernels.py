"""The compiled kernels of the CPU engine: forward, backward, regularisation and update of a small MLP.

On networks this small (tens to a few thousand weights, batches of 10) a training step costs what the
library calls around it cost, not arithmetic: numpy pays about a microsecond per call and a step needs
dozens. Here numba compiles plain loops over examples and units, and a whole epoch (every minibatch,
its forward and backward pass, the regulariser and the optimiser's update, then the loss on the
training and the test set that a lab's two curves need) is ONE call from Python.

The network arrives as flat arrays so that one compiled version serves every shape:
  state       rows: every parameter in one float64 vector (mlp_spec.param_shapes order), its gradient,
              Adam's first moment, the velocity / Adam's second moment, and the regularisation mask
  lay[l]      one row per weight layer: W offset, b offset, fan-in, pre-width, units, activation code,
              maxout pieces, PReLU slope offset (-1 when none), and where the layer's pre-activations
              and its input sit in a row of the scratch buffer
  fpar        the float hyperparameters, then each layer's activation parameter (Leaky slope, ELU alpha)
  codes       output unit, loss, optimiser, regulariser, Adam's step count, rows per chunk
  work        scratch, allocated once per engine (no allocation per call or per batch)
Examples go through in chunks of at most `codes[C_CHUNK]` rows, layer by layer: each layer's
pre-activations for a chunk are one contiguous block, so the activation of a whole block is one
loop that LLVM vectorises (eight tanh at a time with AVX-512; tanh is the default unit and was most
of an epoch). Weights are stored (fan_in, pre_width), row-major. Everything is float64, like the
torch reference the tests hold it to; no fastmath (it would let LLVM reorder sums).

`error_model="numpy"`: a division by zero gives inf or NaN, as numpy and torch do, instead of the
Python exception whose check would stop every loop from being vectorised.

Compilation happens on the first call (in the worker process, never in the window) and is cached on
disk (`cache=True`), so later starts only load machine code.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["ACT_CODES", "OUT_CODES", "OPT_CODES", "REG_CODES", "TRAIN", "EVALUATE", "GRADIENT", "FORWARD",
           "kernel", "work_size"]

# Activation codes; every trainable registry entry has one (the step too: its derivative is 0).
TANH, RELU, SIGMOID, LINEAR, LEAKY, PRELU, ELU, MAXOUT, STEP, GELU, SILU, SOFTPLUS = range(12)
ACT_CODES = {"tanh": TANH, "relu": RELU, "sigmoid": SIGMOID, "linear": LINEAR, "leaky_relu": LEAKY,
             "prelu": PRELU, "elu": ELU, "maxout": MAXOUT, "step": STEP, "gelu": GELU, "silu": SILU,
             "softplus": SOFTPLUS}
OUT_CODES = {"tanh": 0, "sigmoid": 1, "softmax": 2, "linear": 3}
OPT_CODES = {"sgd": 0, "momentum": 1, "adam": 2}
REG_CODES = {"none": 0, "l1": 1, "l2": 2}

# Columns of `lay`.
W_OFF, B_OFF, FAN_IN, WIDTH, UNITS, ACT, PIECES, SLOPE_OFF, Z_OFF, A_OFF = range(10)
LAY_COLS = 10
# Entries of the float vector `fpar`; fpar[H_ACT + l] is layer l's activation parameter.
H_LR, H_MOMENTUM, H_BETA1, H_BETA2, H_EPS, H_REG_RATE, H_DROPOUT, H_ACT = range(8)
# Entries of the integer vector `codes`.
C_OUTPUT, C_LOSS, C_OPT, C_REG, C_STEP, C_CHUNK = range(6)
N_CODES = 6
# Rows of `state`.
S_THETA, S_GRAD, S_MOM, S_VEL, S_REG = range(5)

# Rows per chunk: a chunk's pre-activations and activations stay in the first-level cache, and its
# blocks are long enough for vector loops (a batch of 10 is one chunk; a data set of 250, eight).
# A multiple of VECTOR, so that every block can be computed in whole vectors (see _whole_vectors).
CHUNK = 32
VECTOR = 8  # doubles in one AVX-512 register


@njit(cache=True, error_model="numpy", _nrt=False, inline="always")
def _whole_vectors(n):
    """n rounded up to whole vectors. A vectorised loop leaves its last n % 8 values to a scalar
    remainder, and there the call-free tanh costs 10 ns a value (a batch of 10 rows of one output
    unit: 8 values in 2 ns, then 2 in 20 ns). The blocks hold CHUNK rows, a multiple of VECTOR, so
    the few values computed past a block's last row stay inside the block and are never read."""
    return (n + VECTOR - 1) // VECTOR * VECTOR

# How every kernel is compiled. No reference counting (`_nrt=False`): these functions allocate
# nothing and keep no array beyond a call, so numba's atomic reference counts (two for each array
# argument of each call, about 9 ns apiece here) are pure cost, and they were half of a small
# network's epoch. No fastmath: it would let LLVM reorder sums, and the two engines must agree.
_jit = njit(cache=True, error_model="numpy", _nrt=False)

_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_LN2 = math.log(2.0)
_LN2_HI = float(np.float32(_LN2))  # 24 significant bits: k * _LN2_HI is exact for the k used here
_LN2_LO = _LN2 - _LN2_HI
_INV_LN2 = 1.0 / _LN2


def work_size(lay: np.ndarray, chunk: int) -> int:
    """Floats of scratch the kernels need for `lay` and `chunk` rows (see _bases)."""
    last = len(lay) - 1
    zsz = int(lay[last, Z_OFF] + lay[last, WIDTH])
    asz = int(lay[last, A_OFF] + lay[last, FAN_IN])
    return chunk * (2 * zsz + 5 * asz + int(lay[last, WIDTH]))


@_jit
def _bases(lay, ch):
    """Where each scratch block starts in `work`: pre-activations Z and their gradients D (one block
    per layer, rows x pre-width), layer inputs A (the examples, then every hidden layer after dropout),
    hidden activations P before dropout, dropout masks M, maxout's winning pieces R (stored as floats),
    the gradient G reaching a hidden layer's activations, outputs O. Each layer's block holds `ch` rows."""
    last = lay.shape[0] - 1
    zsz = lay[last, Z_OFF] + lay[last, WIDTH]
    asz = lay[last, A_OFF] + lay[last, FAN_IN]
    zb = 0 * ch  # a runtime 0: a literal one would make numba compile each caller once more
    db = zb + ch * zsz
    ab = db + ch * zsz
    pb = ab + ch * asz
    mb = pb + ch * asz
    rb = mb + ch * asz
    gb = rb + ch * asz
    ob = gb + ch * asz
    return zb, db, ab, pb, mb, rb, gb, ob, ch


@_jit
def _sigmoid(z):
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@njit(cache=True, error_model="numpy", _nrt=False, inline="always")
def _tanh(z):
    """tanh with no call and no branch, so that a loop of them is vectorised (libm's tanh is a call
    of 15 ns here; eight of these take about 10 ns together). tanh(|z|) = -m / (2 + m) with
    m = e^(-2|z|) - 1; e^(-y) = 2^(-k) e^(-r) with k = round(y / ln 2), |r| <= ln2 / 2, e^(-r) - 1
    by its Taylor series to r^13 (the next term is under 5e-18), 2^(-k) by multiplying the powers of
    two of k's bits. Written as m = 2^(-k) (e^(-r) - 1) + (2^(-k) - 1), nothing cancels near 0, so
    the result is within 1e-15 (relative) of libm everywhere, tiny arguments included.
    tanh(20) is 1 to double precision, so y stops at 40."""
    y = min(2.0 * abs(z), 40.0)
    k = int(y * _INV_LN2 + 0.5)
    s = (k * _LN2_HI - y) + k * _LN2_LO  # -r, computed without losing r's low bits
    p = s * (1.0 + s * (1.0 / 2 + s * (1.0 / 6 + s * (1.0 / 24 + s * (1.0 / 120 + s * (1.0 / 720 + s * (
        1.0 / 5040 + s * (1.0 / 40320 + s * (1.0 / 362880 + s * (1.0 / 3628800 + s * (1.0 / 39916800 + s * (
            1.0 / 479001600 + s * (1.0 / 6227020800)))))))))))))
    two = 0.5 if k & 1 else 1.0
    two *= 0.25 if k & 2 else 1.0
    two *= 0.0625 if k & 4 else 1.0
    two *= 0.00390625 if k & 8 else 1.0
    two *= 1.52587890625e-05 if k & 16 else 1.0
    two *= 2.3283064365386963e-10 if k & 32 else 1.0
    m = two * p + (two - 1.0)
    return math.copysign(-m / (2.0 + m), z)


@_jit
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


@_jit
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


@_jit
def _affine(theta, w0, b0, fan_in, width, work, a0, z0, rows):
    """Z[r, :width] = A[r, :fan_in] @ W + b for a chunk, A and Z being the row-major blocks of `work`
    at a0 and z0; each sum taken in one order (bias, then i ascending). Four rows at a time: four
    independent sums hide the latency of each multiply-add, which a single running sum would wait on.
    One or two inputs (a classification on x1, x2; a fit of y = f(x)): each row's inputs stay in
    registers and the loop runs along the contiguous weight rows instead (three times faster there)."""
    if fan_in == 2:
        for r in range(rows):
            x0 = work[a0 + 2 * r]
            x1 = work[a0 + 2 * r + 1]
            z = z0 + r * width
            for j in range(width):
                work[np.uint64(z + j)] = (theta[np.uint64(b0 + j)] + x0 * theta[np.uint64(w0 + j)]) + \
                    x1 * theta[np.uint64(w0 + width + j)]
        return
    if fan_in == 1:
        for r in range(rows):
            x0 = work[a0 + r]
            z = z0 + r * width
            for j in range(width):
                work[np.uint64(z + j)] = theta[np.uint64(b0 + j)] + x0 * theta[np.uint64(w0 + j)]
        return
    if width >= 8:  # eight columns of a row at a time: eight independent sums, one row of inputs
        for r in range(rows):
            a = a0 + r * fan_in
            z = z0 + r * width
            j = 0
            while j + 8 <= width:
                s0 = theta[b0 + j]
                s1 = theta[b0 + j + 1]
                s2 = theta[b0 + j + 2]
                s3 = theta[b0 + j + 3]
                s4 = theta[b0 + j + 4]
                s5 = theta[b0 + j + 5]
                s6 = theta[b0 + j + 6]
                s7 = theta[b0 + j + 7]
                for i in range(fan_in):
                    x = work[a + i]
                    w = w0 + i * width + j
                    s0 += x * theta[w]
                    s1 += x * theta[w + 1]
                    s2 += x * theta[w + 2]
                    s3 += x * theta[w + 3]
                    s4 += x * theta[w + 4]
                    s5 += x * theta[w + 5]
                    s6 += x * theta[w + 6]
                    s7 += x * theta[w + 7]
                work[z + j] = s0
                work[z + j + 1] = s1
                work[z + j + 2] = s2
                work[z + j + 3] = s3
                work[z + j + 4] = s4
                work[z + j + 5] = s5
                work[z + j + 6] = s6
                work[z + j + 7] = s7
                j += 8
            while j < width:
                s = theta[b0 + j]
                for i in range(fan_in):
                    s += work[a + i] * theta[w0 + i * width + j]
                work[z + j] = s
                j += 1
        return
    r = 0
    while r + 4 <= rows:
        a = a0 + r * fan_in
        z = z0 + r * width
        for j in range(width):
            b = theta[b0 + j]
            s0 = b
            s1 = b
            s2 = b
            s3 = b
            for i in range(fan_in):
                w = theta[w0 + i * width + j]
                s0 += work[a + i] * w
                s1 += work[a + fan_in + i] * w
                s2 += work[a + 2 * fan_in + i] * w
                s3 += work[a + 3 * fan_in + i] * w
            work[z + j] = s0
            work[z + width + j] = s1
            work[z + 2 * width + j] = s2
            work[z + 3 * width + j] = s3
        r += 4
    while r < rows:
        a = a0 + r * fan_in
        z = z0 + r * width
        for j in range(width):
            s = theta[b0 + j]
            for i in range(fan_in):
                s += work[a + i] * theta[w0 + i * width + j]
            work[z + j] = s
        r += 1


@_jit
def _activate(code, work, z0, p0, n, p, slope):
    """work[p0 + q] = f(work[z0 + q]) over a block of n values: one loop per common activation, so the
    choice is made once per block and the loop vectorises. (Unsigned indices: a signed one would make
    numba check it for wrap-around, which stops LLVM from vectorising.)"""
    if code == TANH:
        for q in range(_whole_vectors(n)):
            work[np.uint64(p0 + q)] = _tanh(work[np.uint64(z0 + q)])
    elif code == RELU:
        for q in range(n):
            z = work[np.uint64(z0 + q)]
            work[np.uint64(p0 + q)] = z if z > 0.0 else 0.0
    elif code == LINEAR:
        for q in range(n):
            work[np.uint64(p0 + q)] = work[np.uint64(z0 + q)]
    elif code == LEAKY:
        for q in range(n):
            z = work[np.uint64(z0 + q)]
            work[np.uint64(p0 + q)] = z if z > 0.0 else p * z
    else:
        for q in range(n):
            work[p0 + q] = _act(code, work[z0 + q], p, slope)


@_jit
def _forward(theta, lay, fpar, out_code, X, idx, start, rows, dropout, U, ubase, brows, rb, work, wb):
    """Forward pass of one chunk: rows idx[start:start+rows] of X (rows start.. when idx is empty).
    The chunk's rows are rows rb.. of a batch of brows; dropout masks come from the uniforms U of that
    batch, from ubase on, layer by layer and row-major (the torch path reads the same stream in the
    same order). Fills the chunk's blocks of `work` (see _bases). No array views here: each view
    costs two atomic reference-count updates, and those were most of a small network's epoch."""
    zb, db, ab, pb, mb, argb, gb, ob, ch = wb
    n_layers = lay.shape[0]
    n_in = lay[0, FAN_IN]
    if idx.shape[0] > 0:
        for r in range(rows):
            src = idx[start + r]
            for i in range(n_in):
                work[ab + r * n_in + i] = X[src, i]
    else:
        for r in range(rows):
            for i in range(n_in):
                work[ab + r * n_in + i] = X[start + r, i]
    hoff = 0  # hidden units of the layers before: where this layer's uniforms start
    for l in range(n_layers):
        width = lay[l, WIDTH]
        z0 = zb + ch * lay[l, Z_OFF]
        _affine(theta, lay[l, W_OFF], lay[l, B_OFF], lay[l, FAN_IN], width, work, ab + ch * lay[l, A_OFF], z0,
                rows)
        if l == n_layers - 1:
            break
        units = lay[l, UNITS]
        n = rows * units
        nxt = ch * lay[l + 1, A_OFF]
        a0 = ab + nxt  # the next layer's input
        p0 = pb + nxt if dropout > 0.0 else a0  # this layer's activations, before dropout
        code = lay[l, ACT]
        if code == MAXOUT:
            k = lay[l, PIECES]
            for r in range(rows):
                for u in range(units):
                    q = z0 + r * width + u * k
                    best = work[q]
                    arg = 0
                    for c in range(1, k):
                        v = work[q + c]
                        if v > best:  # strict: at a tie the first piece keeps it
                            best = v
                            arg = c
                    work[p0 + r * units + u] = best
                    work[argb + nxt + r * units + u] = arg
        else:
            so = lay[l, SLOPE_OFF]
            _activate(code, work, z0, p0, n, fpar[H_ACT + l], theta[so] if so >= 0 else 0.0)
        if dropout > 0.0:
            scale = 1.0 / (1.0 - dropout)
            m0 = mb + nxt
            u0 = ubase + brows * hoff + rb * units
            for q in range(n):
                m = scale if U[u0 + q] >= dropout else 0.0
                work[m0 + q] = m
                work[a0 + q] = work[p0 + q] * m
        hoff += units
    last = n_layers - 1
    n_out = lay[last, WIDTH]
    z0 = zb + ch * lay[last, Z_OFF]
    if out_code == 0:
        for q in range(_whole_vectors(rows * n_out)):
            work[np.uint64(ob + q)] = _tanh(work[np.uint64(z0 + q)])
    elif out_code == 1:
        for q in range(rows * n_out):
            work[ob + q] = _sigmoid(work[z0 + q])
    elif out_code == 3:
        for q in range(rows * n_out):
            work[ob + q] = work[z0 + q]
    else:  # softmax, shifted by the max so nothing overflows
        for r in range(rows):
            z = z0 + r * n_out
            o = ob + r * n_out
            zmax = work[z]
            for j in range(1, n_out):
                zmax = max(zmax, work[z + j])
            total = 0.0
            for j in range(n_out):
                e = math.exp(work[z + j] - zmax)
                work[o + j] = e
                total += e
            for j in range(n_out):
                work[o + j] /= total


@_jit
def _backward(theta, grad, lay, fpar, out_code, loss_code, T, idx, start, rows, scale, dropout, work, wb):
    """Adds the chunk's share of the gradient of the batch-mean loss (scale = 1 / batch rows) to grad.
    The D blocks of `work` receive dL/dz of each layer."""
    zb, db, ab, pb, mb, argb, gb, ob, ch = wb
    n_layers = lay.shape[0]
    last = n_layers - 1
    n_out = lay[last, WIDTH]
    d0 = db + ch * lay[last, Z_OFF]
    matched = loss_code == 1 and (out_code == 1 or out_code == 2)
    for r in range(rows):
        src = idx[start + r] if idx.shape[0] > 0 else start + r
        o = ob + r * n_out
        d = d0 + r * n_out
        if matched:  # cross-entropy with its own output unit: dL/dz = (p - t) / B
            for j in range(n_out):
                work[d + j] = (work[o + j] - T[src, j]) * scale
        elif out_code == 2:  # squared error through a softmax: its Jacobian
            dot = 0.0
            for j in range(n_out):
                g = (work[o + j] - T[src, j]) * scale
                work[d + j] = g
                dot += g * work[o + j]
            for j in range(n_out):
                work[d + j] = (work[d + j] - dot) * work[o + j]
        else:
            for j in range(n_out):
                y = work[o + j]
                g = (y - T[src, j]) * scale
                if out_code == 0:
                    g *= 1.0 - y * y
                elif out_code == 1:
                    g *= y * (1.0 - y)
                work[d + j] = g
    for l in range(last, -1, -1):
        w0 = lay[l, W_OFF]
        fan_in = lay[l, FAN_IN]
        width = lay[l, WIDTH]
        a0 = ab + ch * lay[l, A_OFF]
        d0 = db + ch * lay[l, Z_OFF]
        _outer(grad, w0, lay[l, B_OFF], fan_in, width, work, a0, d0, rows)
        if l == 0:
            break
        h = l - 1
        hb = ch * lay[l, A_OFF]
        g0 = gb + hb  # dL/da of layer h's activations (after dropout)
        _through(theta, w0, fan_in, width, work, d0, g0, rows)
        n = rows * fan_in
        if dropout > 0.0:
            m0 = mb + hb
            for q in range(n):
                work[np.uint64(g0 + q)] *= work[np.uint64(m0 + q)]
        p0 = pb + hb if dropout > 0.0 else a0  # layer h's activations before dropout
        e0 = db + ch * lay[h, Z_OFF]  # dL/dz of layer h
        z0 = zb + ch * lay[h, Z_OFF]
        code = lay[h, ACT]
        if code == TANH:
            for q in range(n):
                y = work[np.uint64(p0 + q)]
                work[np.uint64(e0 + q)] = work[np.uint64(g0 + q)] * (1.0 - y * y)
        elif code == RELU:
            for q in range(n):
                work[np.uint64(e0 + q)] = work[np.uint64(g0 + q)] * (1.0 if work[np.uint64(z0 + q)] > 0.0 else 0.0)
        elif code == MAXOUT:
            k = lay[h, PIECES]
            r0 = argb + hb
            for q in range(rows * lay[h, WIDTH]):
                work[e0 + q] = 0.0
            for q in range(n):  # row r = q // units, unit u = q % units: its winning piece gets it all
                work[e0 + q * k + int(work[r0 + q])] = work[g0 + q]
        else:
            p = fpar[H_ACT + h]
            so = lay[h, SLOPE_OFF]
            slope = theta[so] if so >= 0 else 0.0
            gslope = 0.0
            for q in range(n):
                z = work[z0 + q]
                g = work[g0 + q]
                work[e0 + q] = g * _dact(code, z, work[p0 + q], p, slope)
                if code == PRELU and z <= 0.0:
                    gslope += g * z
            if so >= 0:
                grad[so] += gslope


@_jit
def _outer(grad, w0, b0, fan_in, width, work, a0, d0, rows):
    """grad[W] += A^T D and grad[b] += the column sums of D, for a chunk's blocks A (rows x fan_in)
    and D (rows x width). Each entry is summed over the rows in order, in a register, four columns at
    a time (four independent sums, as in _affine)."""
    for i in range(fan_in):
        base = w0 + i * width
        j = 0
        while j + 4 <= width:
            s0 = grad[base + j]
            s1 = grad[base + j + 1]
            s2 = grad[base + j + 2]
            s3 = grad[base + j + 3]
            for r in range(rows):
                a = work[a0 + r * fan_in + i]
                d = d0 + r * width + j
                s0 += a * work[d]
                s1 += a * work[d + 1]
                s2 += a * work[d + 2]
                s3 += a * work[d + 3]
            grad[base + j] = s0
            grad[base + j + 1] = s1
            grad[base + j + 2] = s2
            grad[base + j + 3] = s3
            j += 4
        while j < width:
            s = grad[base + j]
            for r in range(rows):
                s += work[a0 + r * fan_in + i] * work[d0 + r * width + j]
            grad[base + j] = s
            j += 1
    for j in range(width):
        s = grad[b0 + j]
        for r in range(rows):
            s += work[d0 + r * width + j]
        grad[b0 + j] = s


@_jit
def _through(theta, w0, fan_in, width, work, d0, g0, rows):
    """G = D W^T for a chunk: the gradient reaching the layer's inputs (G, rows x fan_in, at g0) from
    its pre-activations (D, rows x width, at d0). Four rows at a time, as in _affine."""
    r = 0
    while r + 4 <= rows:
        d = d0 + r * width
        g = g0 + r * fan_in
        for i in range(fan_in):
            base = w0 + i * width
            s0 = 0.0
            s1 = 0.0
            s2 = 0.0
            s3 = 0.0
            for j in range(width):
                w = theta[base + j]
                s0 += work[d + j] * w
                s1 += work[d + width + j] * w
                s2 += work[d + 2 * width + j] * w
                s3 += work[d + 3 * width + j] * w
            work[g + i] = s0
            work[g + fan_in + i] = s1
            work[g + 2 * fan_in + i] = s2
            work[g + 3 * fan_in + i] = s3
        r += 4
    while r < rows:
        d = d0 + r * width
        g = g0 + r * fan_in
        for i in range(fan_in):
            base = w0 + i * width
            s = 0.0
            for j in range(width):
                s += work[d + j] * theta[base + j]
            work[g + i] = s
        r += 1


@_jit
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


@_jit
def _update(theta, grad, mom, vel, codes, fpar):
    opt = codes[C_OPT]
    lr = fpar[H_LR]
    if opt == 0:
        for q in range(theta.shape[0]):
            theta[q] -= lr * grad[q]
    elif opt == 1:  # torch's form: v = mu v + g; w -= lr v
        mu = fpar[H_MOMENTUM]
        for q in range(theta.shape[0]):
            vel[q] = mu * vel[q] + grad[q]
            theta[q] -= lr * vel[q]
    else:  # Adam, computed as torch.optim.Adam computes it
        b1 = fpar[H_BETA1]
        b2 = fpar[H_BETA2]
        eps = fpar[H_EPS]
        codes[C_STEP] += 1
        t = codes[C_STEP]
        bc1 = 1.0 - b1 ** t
        bc2 = math.sqrt(1.0 - b2 ** t)
        size = lr / bc1
        for q in range(theta.shape[0]):
            g = grad[q]
            mom[q] = b1 * mom[q] + (1.0 - b1) * g
            vel[q] = b2 * vel[q] + (1.0 - b2) * g * g
            theta[q] -= size * mom[q] / (math.sqrt(vel[q]) / bc2 + eps)


@_jit
def _chunk_loss(out_code, loss_code, work, z0, o0, T, start, rows, n_out):
    """Sum over a chunk's rows (data rows start..) of the loss: 0.5 (o - t)^2 summed over outputs
    (TF Playground's), or cross-entropy computed from the logits (at z0) so it stays finite however
    confident the net is. The caller divides by the number of rows (and outputs, for sigmoid)."""
    total = 0.0
    if loss_code == 0 or out_code == 0 or out_code == 3:
        for r in range(rows):
            for j in range(n_out):
                d = work[o0 + r * n_out + j] - T[start + r, j]
                total += 0.5 * d * d
    elif out_code == 1:  # log(1 + e^z) - t z
        for r in range(rows):
            for j in range(n_out):
                z = work[z0 + r * n_out + j]
                sp = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
                total += sp - T[start + r, j] * z
    else:  # softmax: log-sum-exp minus the target's logit
        for r in range(rows):
            q = z0 + r * n_out
            zmax = work[q]
            for j in range(1, n_out):
                zmax = max(zmax, work[q + j])
            s = 0.0
            for j in range(n_out):
                s += math.exp(work[q + j] - zmax)
            lse = zmax + math.log(s)
            for j in range(n_out):
                total += T[start + r, j] * (lse - work[q + j])
    return total


@_jit
def _pass(theta, lay, fpar, codes, work, X, T, OUT, TR, noidx, nou):
    """Forward pass over every row of X, dropout off, chunk by chunk. Returns the mean loss against T
    (NaN for no rows) when T has a row per row of X; writes the outputs into OUT when it has rows, and
    every layer's pre-activations and hidden activations into TR when it has room (see
    mlp_numba.trace)."""
    n = X.shape[0]
    if n == 0:
        return np.nan
    wb = _bases(lay, codes[C_CHUNK])
    zb, db, ab, pb, mb, argb, gb, ob, ch = wb
    last = lay.shape[0] - 1
    n_out = lay[last, WIDTH]
    out_code = codes[C_OUTPUT]
    loss_code = codes[C_LOSS]
    zsz = lay[last, Z_OFF] + lay[last, WIDTH]
    with_loss = T.shape[0] == n
    total = 0.0
    for start in range(0, n, ch):
        rows = min(ch, n - start)
        # no dropout: where its uniforms would start (start, here) is never read
        _forward(theta, lay, fpar, out_code, X, noidx, start, rows, 0.0, nou, start, rows, start, work, wb)
        if with_loss:
            total += _chunk_loss(out_code, loss_code, work, zb + ch * lay[last, Z_OFF], ob, T, start, rows, n_out)
        if OUT.shape[0] == n:
            for r in range(rows):
                for j in range(n_out):
                    OUT[start + r, j] = work[ob + r * n_out + j]
        if TR.shape[0] > 0:
            for l in range(last + 1):
                width = lay[l, WIDTH]
                src = zb + ch * lay[l, Z_OFF]
                dst = n * lay[l, Z_OFF] + start * width
                for q in range(rows * width):
                    TR[dst + q] = work[src + q]
                if l < last:
                    units = lay[l, UNITS]
                    src = ab + ch * lay[l + 1, A_OFF]
                    dst = n * zsz + n * lay[l + 1, A_OFF] + start * units
                    for q in range(rows * units):
                        TR[dst + q] = work[src + q]
    if not with_loss:
        return 0.0
    if loss_code == 1 and out_code == 1:
        return total / (n * n_out)
    return total / n


# The modes of `kernel`, the one compiled entry point (one entry, not four: each entry point would
# compile its own copy of the passes, and a first start would pay for all of them).
TRAIN, EVALUATE, GRADIENT, FORWARD = range(4)


@_jit
def kernel(mode, state, lay, fpar, codes, work, X, T, idx, batch, U, OUT, TR, X2, T2):
    """TRAIN: one pass over rows idx of (X, T), one update per minibatch of `batch` rows; U holds the
    dropout uniforms for the whole pass (empty when dropout is off). Returns (the mean loss after the
    pass on all of (X, T), the same on (X2, T2)) when X2 has columns (NaN for an empty set): a lab's
    two loss curves without two more calls from Python; (0, 0) otherwise.
    EVALUATE: outputs of every row of X into OUT, returns (mean loss against T, 0).
    GRADIENT: the gradient of the loss on all rows of (X, T), dropout off, regularisation on, into
    state[S_GRAD]. FORWARD: outputs into OUT and, when TR has room, every layer's pre-activations and
    hidden activations (for the views and the gradient-flow statistics)."""
    # the rows of state, as views made once here (each view made costs atomic reference counting)
    theta = state[S_THETA]
    grad = state[S_GRAD]
    mom = state[S_MOM]
    vel = state[S_VEL]
    reg_mask = state[S_REG]
    out_code = codes[C_OUTPUT]
    loss_code = codes[C_LOSS]
    wb = _bases(lay, codes[C_CHUNK])
    ch = codes[C_CHUNK]
    if mode == GRADIENT and X.shape[0] == 0:
        for q in range(grad.shape[0]):
            grad[q] = 0.0
        _regularise(theta, grad, reg_mask, codes[C_REG], fpar[H_REG_RATE])
        return 0.0, 0.0
    if mode == TRAIN or mode == GRADIENT:
        if mode == TRAIN:
            n = idx.shape[0]
            dropout = fpar[H_DROPOUT]
        else:
            n = X.shape[0]
            batch = max(n, 1)
            dropout = 0.0
        per_row = lay[lay.shape[0] - 1, A_OFF] + lay[lay.shape[0] - 1, FAN_IN] - lay[0, FAN_IN]
        ubase = 0 * n  # where this batch's uniforms start in U; a runtime 0, see _bases
        for start in range(0, n, batch):
            rows = min(batch, n - start)
            for q in range(grad.shape[0]):
                grad[q] = 0.0
            scale = 1.0 / rows
            for c in range(0, rows, ch):
                cr = min(ch, rows - c)
                _forward(theta, lay, fpar, out_code, X, idx, start + c, cr, dropout, U, ubase, rows, c, work, wb)
                _backward(theta, grad, lay, fpar, out_code, loss_code, T, idx, start + c, cr, scale, dropout,
                          work, wb)
            if dropout > 0.0:
                ubase += rows * per_row
            _regularise(theta, grad, reg_mask, codes[C_REG], fpar[H_REG_RATE])
            if mode == GRADIENT:  # one batch of all rows
                return 0.0, 0.0
            _update(theta, grad, mom, vel, codes, fpar)
        if X2.shape[1] > 0:  # OUT and TR are empty here: the losses only
            return (_pass(theta, lay, fpar, codes, work, X, T, OUT, TR, idx[:0], U[:0]),
                    _pass(theta, lay, fpar, codes, work, X2, T2, OUT, TR, idx[:0], U[:0]))
        return 0.0, 0.0
    if mode == EVALUATE:
        return _pass(theta, lay, fpar, codes, work, X, T, OUT, TR[:0], idx[:0], U[:0]), 0.0
    _pass(theta, lay, fpar, codes, work, X, T[:0], OUT, TR, idx[:0], U[:0])
    return 0.0, 0.0
