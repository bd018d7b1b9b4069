"""A safe parser for the formulas a user types as a target: `sin(2*pi*x) + 0.3*x^2`, `abs(x - 1/2)`.

Never Python's eval: the text is split into tokens (numbers, names, + − × / ^, parentheses, commas)
and parsed by a small recursive-descent grammar into a tree of numpy operations. Only the variables
given (x, or x1 and x2) and the names in CONSTANTS and FUNCTIONS exist; anything else (an attribute
access like `x.real`, `__import__`, an unknown name, a stray character, too long or too deeply
nested a text) is refused with a one-line message that says where, counted in characters from 1.

Grammar (the usual precedence; `^` binds tighter than a leading minus, so -x^2 is −(x²)):
    expr  := term (('+' | '-') term)*
    term  := unary (('*' | '/') unary | implicit-product)*      2x, 3(x+1), 2 pi x
    unary := ('+' | '-') unary | power
    power := atom ('^' unary)?
    atom  := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from playground.core.i18n import tr

__all__ = ["FormulaError", "Formula", "parse", "MAX_LENGTH", "FUNCTIONS", "CONSTANTS"]

MAX_LENGTH = 200  # characters: a formula, not a program
MAX_DEPTH = 40  # nested parentheses and operators: bounds the recursion


class FormulaError(ValueError):
    """A formula that cannot be used; the message says where (column, from 1) and why."""

    def __init__(self, message: str, column: int | None = None):
        self.column = column
        super().__init__(message if column is None else tr("column {column}: {message}", column=column, message=message))


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _step(z):
    return (z >= 0).astype(float)


# name -> (number of arguments, numpy function)
FUNCTIONS: dict[str, tuple[int, Callable]] = {
    "sin": (1, np.sin), "cos": (1, np.cos), "tan": (1, np.tan),
    "asin": (1, np.arcsin), "acos": (1, np.arccos), "atan": (1, np.arctan),
    "arcsin": (1, np.arcsin), "arccos": (1, np.arccos), "arctan": (1, np.arctan),
    "sinh": (1, np.sinh), "cosh": (1, np.cosh), "tanh": (1, np.tanh),
    "exp": (1, np.exp), "log": (1, np.log), "ln": (1, np.log), "log10": (1, np.log10), "log2": (1, np.log2),
    "sqrt": (1, np.sqrt), "abs": (1, np.abs), "sign": (1, np.sign),
    "floor": (1, np.floor), "ceil": (1, np.ceil), "round": (1, np.round),
    "frac": (1, lambda z: z - np.floor(z)),
    "step": (1, _step), "heaviside": (1, _step),
    "sigmoid": (1, _sigmoid), "relu": (1, lambda z: np.maximum(z, 0.0)),
    "min": (2, np.minimum), "max": (2, np.maximum), "mod": (2, np.mod), "atan2": (2, np.arctan2),
}
CONSTANTS = {"pi": math.pi, "π": math.pi, "e": math.e, "tau": 2 * math.pi}

_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_π][A-Za-z_0-9]*)"
                    r"|(?P<op>\*\*|[-+*/^(),×÷·−]))")
_OP_ALIASES = {"**": "^", "×": "*", "·": "*", "÷": "/", "−": "-"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # num, name, op, end
    text: str
    column: int  # 1-based


def _no_dot() -> str:  # one message, two places
    return tr("'.' here is not allowed (attribute access is not part of a formula)")


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            ch = text[pos]
            if ch == ".":
                raise FormulaError(_no_dot(), pos + 1)
            raise FormulaError(tr("unexpected character {char}", char=repr(ch)), pos + 1)
        start = m.start(m.lastgroup)
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "op":
            tok = _OP_ALIASES.get(tok, tok)
        out.append(_Tok(kind, tok, start + 1))
        pos = m.end()
        if pos < len(text) and text[pos] == ".":
            raise FormulaError(_no_dot(), pos + 1)
    out.append(_Tok("end", "", len(text) + 1))
    return out


Node = Callable[[dict], np.ndarray]


class _Parser:
    def __init__(self, tokens: list[_Tok], variables: tuple[str, ...]):
        self.toks = tokens
        self.i = 0
        self.variables = variables
        self.depth = 0
        self.used: set[str] = set()

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok.text != text or tok.kind != "op":
            found = tr("the end of the formula") if tok.kind == "end" else repr(tok.text)
            raise FormulaError(tr("expected {expected}, found {found}", expected=repr(text), found=found), tok.column)
        self.take()

    def _deeper(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(tr("the formula is nested too deeply (more than {levels} levels)", levels=MAX_DEPTH), column)

    def expr(self) -> Node:
        self._deeper(self.peek().column)
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            rhs = self.term()
            node = (lambda a, b: lambda env: a(env) + b(env))(node, rhs) if op == "+" else \
                (lambda a, b: lambda env: a(env) - b(env))(node, rhs)
        self.depth -= 1
        return node

    def _starts_atom(self, tok: _Tok) -> bool:
        return tok.kind in ("num", "name") or (tok.kind == "op" and tok.text == "(")

    def term(self) -> Node:
        node = self.unary()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in "*/":
                self.take()
                rhs = self.unary()
                node = (lambda a, b: lambda env: a(env) * b(env))(node, rhs) if tok.text == "*" else \
                    (lambda a, b: lambda env: a(env) / b(env))(node, rhs)
            elif self._starts_atom(tok):  # implicit product: 2x, 2(x+1), 2 pi x
                rhs = self.power()
                node = (lambda a, b: lambda env: a(env) * b(env))(node, rhs)
            else:
                return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            self._deeper(tok.column)
            inner = self.unary()
            self.depth -= 1
            return inner if tok.text == "+" else (lambda a: lambda env: -a(env))(inner)
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        tok = self.peek()
        if tok.kind == "op" and tok.text == "^":
            self.take()
            self._deeper(tok.column)
            exponent = self.unary()
            self.depth -= 1
            return (lambda a, b: lambda env: np.power(a(env), b(env)))(base, exponent)
        return base

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            value = float(tok.text)
            return lambda env: value
        if tok.kind == "name":
            name = tok.text
            if self.peek().kind == "op" and self.peek().text == "(":
                if name not in FUNCTIONS:
                    raise FormulaError(tr("unknown function {name}; use one of {functions}", name=repr(name),
                                          functions=", ".join(sorted(FUNCTIONS))), tok.column)
                arity, fn = FUNCTIONS[name]
                self.take()
                self._deeper(tok.column)
                args = [self.expr()]
                while self.peek().kind == "op" and self.peek().text == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                self.depth -= 1
                if len(args) != arity:
                    message = tr("{name}() takes 1 argument, not {given}") if arity == 1 else \
                        tr("{name}() takes {arity} arguments, not {given}")
                    raise FormulaError(message.format(name=name, arity=arity, given=len(args)), tok.column)
                if arity == 1:
                    return (lambda f, a: lambda env: f(a(env)))(fn, args[0])
                return (lambda f, a, b: lambda env: f(a(env), b(env)))(fn, args[0], args[1])
            if name in self.variables:
                self.used.add(name)
                return lambda env: env[name]
            if name in CONSTANTS:
                value = CONSTANTS[name]
                return lambda env: value
            if name in FUNCTIONS:
                raise FormulaError(tr("{name} is a function: write {name}(...)", name=name), tok.column)
            known = ", ".join((*self.variables, "pi", "e"))
            raise FormulaError(tr("unknown name {name}; the formula may use {known} and functions such as "
                                  "sin, cos, exp, log, sqrt, abs", name=repr(name), known=known), tok.column)
        if tok.kind == "op" and tok.text == "(":
            self._deeper(tok.column)
            node = self.expr()
            self.expect(")")
            self.depth -= 1
            return node
        if tok.kind == "end":
            raise FormulaError(tr("the formula ends too early"), tok.column)
        raise FormulaError(tr("unexpected {token}", token=repr(tok.text)), tok.column)


@dataclass(frozen=True)
class Formula:
    text: str
    variables: tuple[str, ...]
    _root: Node

    def __call__(self, *values: np.ndarray) -> np.ndarray:
        """The formula at the given points (one array per variable), as a float array of their shape."""
        arrays = [np.asarray(v, dtype=float) for v in values]
        env = dict(zip(self.variables, arrays))
        with np.errstate(all="ignore"):  # the caller checks for non-finite values and says where
            out = self._root(env)
        return np.broadcast_to(np.asarray(out, dtype=float), np.broadcast(*arrays).shape).copy()


def parse(text: str, variables: tuple[str, ...] = ("x",)) -> Formula:
    """Parse `text` into a Formula over `variables`, or raise FormulaError saying where it fails."""
    if not isinstance(text, str):
        raise FormulaError(tr("the formula must be text"))
    if len(text) > MAX_LENGTH:
        raise FormulaError(tr("the formula is {length} characters long; at most {limit} are allowed", length=len(text),
                              limit=MAX_LENGTH))
    if not text.strip():
        raise FormulaError(tr("the formula is empty: type one, such as sin(2*pi*x)"))
    parser = _Parser(_tokenize(text), tuple(variables))
    root = parser.expr()
    tok = parser.peek()
    if tok.kind != "end":
        raise FormulaError(tr("unexpected {token} after a complete formula", token=repr(tok.text)), tok.column)
    return Formula(text.strip(), tuple(variables), root)
