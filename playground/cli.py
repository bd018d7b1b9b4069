"""The command line: the app itself, headless lab runs, and the benchmark.

    playground [--lab ID] [--screenshot OUT.png] [--presentation] [--dark]
    playground --version
    playground run LAB [lab options] [--epochs N] [--json OUT.json] [--export FIG.png|.svg]
    playground bench [LAB] [--seconds S]

Lab options come from the lab's parameter list (playground.core.train.params), so they always match the
controls in the window. Any bad option or value exits with status 2 and one line naming it, never a
traceback.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
import textwrap

from playground import __version__
from playground.core.i18n import N_, tr

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr (no usage dump), exit status 2."""

    def error(self, message: str):  # noqa: D401 - argparse's API
        self.exit(2, tr("{prog}: error: {message}", prog=self.prog, message=message) + "\n")


class CliError(Exception):
    pass


def _either(items) -> str:
    """'.png or .svg' in the current language."""
    return f" {tr('or')} ".join(items)


# argparse's own words (the usage line, section titles, the help option, its errors): argparse looks
# them up through gettext; _speak_argparse_in routes them through our catalogue instead.
_ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("expected %s argument"), N_("expected %s arguments"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"), N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _speak_argparse_in_our_language() -> None:
    """argparse translates its words with a module-level `_` and `ngettext` (gettext's); point them at
    the core catalogue, so `playground --language fr run LAB --help` is French throughout."""
    def gettext(message):
        return tr(message) if message else message

    def ngettext(singular, plural, n):
        return tr(singular if n == 1 else plural)

    argparse._ = gettext
    argparse.ngettext = ngettext


def _language_in(argv: list[str]) -> str | None:
    """`--language fr` (or `--language=fr`) anywhere on the line: read before any parser is built,
    because the help texts are written in it."""
    for i, arg in enumerate(argv):
        if arg == "--language" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def add_language_option(parser: argparse.ArgumentParser) -> None:
    from playground.core.i18n import LANGUAGES

    parser.add_argument("--language", choices=LANGUAGES, metavar="LANG",
                        help=tr("language of the texts, figures and messages: en or fr "
                                "(default: PLAYGROUND_LANGUAGE, else the system's)"))


def main(argv: list[str]) -> int:
    from playground.core import i18n

    asked = _language_in(argv)
    i18n.set_language(asked or os.environ.get("PLAYGROUND_LANGUAGE") or i18n.system_language())
    _speak_argparse_in_our_language()
    # `playground --language fr run LAB`: the language may come before the command.
    command = argv
    while command and (command[0] == "--language" or command[0].startswith("--language=")):
        command = command[2:] if command[0] == "--language" else command[1:]
    if command and command[0] == "run":
        return _guard(lambda: run_command(command[1:]))
    if command and command[0] == "bench":
        return _guard(lambda: bench_command(command[1:]))
    from playground.registry import lab_ids

    parser = _Parser(prog="playground", usage=tr(MAIN_USAGE), formatter_class=argparse.RawDescriptionHelpFormatter,
                     description=textwrap.fill(tr("Neural Playground: see deep learning. Without a command it "
                                                  "opens the app; 'run' trains a lab headless, 'bench' "
                                                  "measures its speed."), 78),
                     epilog=_labs_epilog() + "\n\n" + tr("Lab options: playground run LAB --help"))
    parser.add_argument("--version", action="version", version=f"Neural Playground {__version__}",
                        help=tr("show the version number and exit"))
    parser.add_argument("--lab", choices=lab_ids(), metavar="LAB",
                        help=tr("open this lab: {labs} (default: the last one used)", labs=", ".join(lab_ids())))
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help=tr("open the window, train briefly, save a PNG of it and exit"))
    parser.add_argument("--train-seconds", type=float, default=1.5, metavar="S",
                        help=tr("with --screenshot: how long to train first (default 1.5)"))
    parser.add_argument("--size", default="1440x900", metavar="WxH",
                        help=tr("with --screenshot: the window size in pixels (default 1440x900)"))
    parser.add_argument("--presentation", action="store_true",
                        help=tr("start in presentation mode (default: off)"))
    parser.add_argument("--dark", action="store_true", help=tr("start with the dark theme (default: off)"))
    add_language_option(parser)
    args = parser.parse_args(argv)
    if args.screenshot is not None:  # "" is a mistake, not "no screenshot"
        _check_writable(parser, args.screenshot, (".png",))
    try:
        size = tuple(int(v) for v in args.size.lower().split("x"))
        if len(size) != 2 or not all(200 <= v <= 8000 for v in size):
            raise ValueError
    except ValueError:
        parser.error(tr("--size: {size!r} is not WIDTHxHEIGHT in pixels (200 to 8000 each)", size=args.size))
    if not 0 <= args.train_seconds <= 600:
        parser.error(tr("--train-seconds: {seconds:g} must be between 0 and 600", seconds=args.train_seconds))
    from playground.ui.app import run_app

    # The window: a language asked for wins; else startup_language() decides (PLAYGROUND_LANGUAGE,
    # the one remembered, the system's).
    language = args.language
    return run_app(lab=args.lab, screenshot=args.screenshot, train_seconds=args.train_seconds,
                   presentation=args.presentation, dark=args.dark, size=size, language=language)


MAIN_USAGE = N_("""playground [--lab LAB] [--screenshot OUT.png] [--train-seconds S] [--size WxH]
                  [--presentation] [--dark] [--language LANG]
       playground run LAB [lab options] [--epochs N] [--json OUT.json] [--export FILE]
       playground bench [LAB] [lab options] [--seconds S] [--json OUT.json]
       playground --version""")


def _labs_epilog() -> str:
    """The labs, one line each, from the registry (so a new lab is listed without editing this)."""
    from playground.registry import LABS

    width = max(len(lab.id) for lab in LABS) + 2
    return tr("labs:") + "\n" + "\n".join(textwrap.fill(tr(lab.summary), 78, initial_indent=f"  {lab.id:<{width}}",
                                                subsequent_indent=" " * (width + 2)) for lab in LABS)


def _run_help() -> str:
    return (tr("usage: ") + tr("playground run LAB [lab options] [--epochs N] [--json OUT.json] [--export FILE]")
            + "\n\n" + textwrap.fill(tr("Train a lab headless and print its results; --json writes them, --export "
                                       "draws the lab's main figure or films the run."), 78) + "\n\n"
            + _labs_epilog() + "\n\n" + tr("Each lab's options, with their ranges and defaults: playground run LAB --help"))


def _guard(fn) -> int:
    try:
        return fn()
    except CliError as exc:
        print(tr("{prog}: error: {message}", prog="playground", message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug still ends in one line, never a traceback
        if os.environ.get("PLAYGROUND_DEBUG"):
            raise
        print(tr("playground: error: {kind}: {error} (this is a bug in Neural Playground; "
                 "PLAYGROUND_DEBUG=1 shows the traceback)", kind=type(exc).__name__, error=exc), file=sys.stderr)
        return 1


def _check_writable(parser, path: str, extensions: tuple[str, ...]) -> None:
    if not path.strip():
        parser.error(tr("an empty file name: give a file ending in {extensions}", extensions=_either(extensions)))
    if not path.lower().endswith(extensions):
        parser.error(tr("{path}: the file must end in {extensions}", path=path, extensions=_either(extensions)))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        parser.error(tr("{path}: the folder {folder} does not exist", path=path, folder=folder))
    if os.path.isdir(path):
        parser.error(tr("{path} is a folder, not a file", path=path))
    if not os.access(folder, os.W_OK):
        parser.error(tr("{path}: the folder {folder} cannot be written to", path=path, folder=folder))


def _check_device(parser, device: str) -> None:
    """Refuse a device this machine does not have, saying which it has (torch is asked once)."""
    if device == "cpu":
        return
    from playground.core.train.worker import probe_devices

    info = probe_devices()
    if device not in info["devices"]:
        why = info["unavailable"].get(device, N_("not available"))
        parser.error(tr("--device {device}: {why}; this machine has: {devices}", device=device, why=tr(why), devices=', '.join(info['devices'])))


# --- playground run LAB ---------------------------------------------------------------------------------
def _lab_core(lab_id: str):
    from playground.registry import get_lab

    return get_lab(lab_id), importlib.import_module(get_lab(lab_id).core)


def run_command(argv: list[str]) -> int:
    from playground.registry import lab_ids

    if not argv or argv[0].startswith("-"):
        if argv and argv[0] in ("-h", "--help"):
            print(_run_help())
            return 0
        raise CliError(tr("name a lab to run: {labs}", labs=', '.join(lab_ids())))
    lab_id = argv[0]
    if lab_id not in lab_ids():
        raise CliError(tr("unknown lab {lab!r}; choose one of {labs}", lab=lab_id, labs=', '.join(lab_ids())))
    info, core = _lab_core(lab_id)
    from playground.core.train.params import ParamError

    parser = _Parser(prog=f"playground run {lab_id}", description=tr(info.summary))
    epochs = getattr(core, "DEFAULT_EPOCHS", 100)
    parser.add_argument("--epochs", type=int, default=epochs, metavar="N",
                        help=tr("epochs to train, 0 to 10000000 (default {epochs})", epochs=epochs))
    parser.add_argument("--json", metavar="OUT.json", help=tr("write the results as JSON (default: not written)"))
    parser.add_argument("--export", metavar="FIG.png|.svg|.gif|.mp4",
                        help=tr("write the lab's main figure (.png, .svg), or an animation of the run (.gif, "
                                ".mp4) (default: not written)"))
    parser.add_argument("--width", type=int, default=1920, metavar="PX",
                        help=tr("PNG and animation width in pixels (default 1920)"))
    parser.add_argument("--fps", type=int, default=15, metavar="N",
                        help=tr("animation frame rate, 1 to 60 (default 15)"))
    parser.add_argument("--frames", type=int, default=None, metavar="N",
                        help=tr("animation frames, spread evenly over the epochs (default: up to 10 s of film)"))
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda", "mps"), metavar="DEVICE",
                        help=tr("where to train: cpu, cuda or mps (default cpu)"))
    add_language_option(parser)
    _add_param_options(parser, core)
    for flag, spec in getattr(core, "CLI_EXTRA", ()):
        if spec.get("help"):  # a lab's extra option: its help is in the lab's catalogue
            spec = {**spec, "help": tr(spec["help"])}
        parser.add_argument(flag, **spec)
    args = parser.parse_args(argv[1:])
    if args.epochs < 0:
        parser.error(tr("--epochs: {epochs} is negative", epochs=args.epochs))
    if args.epochs > 10_000_000:
        parser.error(tr("--epochs: {epochs} is too many (at most 10,000,000)", epochs=args.epochs))
    if args.json is not None:
        _check_writable(parser, args.json, (".json",))
    if args.export is not None:
        _check_writable(parser, args.export, (".png", ".svg", ".gif", ".mp4"))
    for flag, _spec in getattr(core, "CLI_EXTRA", ()):
        value = getattr(args, flag.lstrip("-").replace("-", "_"), None)
        if isinstance(value, str) and not value.strip():
            parser.error(tr("{flag}: an empty value (leave the option out instead)", flag=flag))
    _check_device(parser, args.device)
    animation = bool(args.export) and args.export.lower().endswith((".gif", ".mp4"))
    if not 1 <= args.fps <= 60:
        parser.error(tr("--fps: {fps} must be between 1 and 60", fps=args.fps))
    if args.frames is not None and not 1 <= args.frames <= 10_000:
        parser.error(tr("--frames: {frames} must be between 1 and 10000", frames=args.frames))
    if animation and not 160 <= args.width <= 3840:
        parser.error(tr("--width: {width} px must be between 160 and 3840 for an animation", width=args.width))
    params = _collect_params(parser, args, core)
    extra = {flag.lstrip("-").replace("-", "_"): getattr(args, flag.lstrip("-").replace("-", "_"))
             for flag, _spec in getattr(core, "CLI_EXTRA", ())}
    extra["device"] = args.device
    from playground.core.train.session import SessionError

    from playground.core.video import VideoError

    try:
        if animation:
            from playground.ui.animation import record_run

            result, snapshot, frames = record_run(info, core, params, args.epochs, extra, args.export,
                                                  args.width, args.fps, args.frames)
            result["animation"] = {"path": args.export, "frames": frames, "fps": args.fps}
        else:
            result, snapshot = core.run_headless(params, args.epochs, extra)
    except (SessionError, ParamError, VideoError, ValueError, OSError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        _write_json(args.json, result)
    if args.export and not animation:
        export_snapshot(info, snapshot, args.export, args.width)
    print(_summary(result))
    if result.get("diverged"):
        # Still a result (the JSON says so), but the user must not miss it.
        print(tr("playground: warning: {message}",
                 message=tr(result.get("message") or N_("training diverged: lower the learning rate"))),
              file=sys.stderr)
    return 0


_METAVARS = {"int": "N", "float": "X", "bool": "BOOL", "choice": "NAME", "multi_choice": "NAME,...",
             "int_list": "N,...", "choice_list": "NAME,..."}


def _default_text(p) -> str:
    from playground.core.train.params import format_number

    if isinstance(p.default, (list, tuple)):
        return ",".join(map(str, p.default)) or tr("none")
    if p.kind in ("int", "float"):
        return format_number(p, p.default) + (f" {tr(p.unit)}" if p.unit else "")
    return str(p.default).lower() if isinstance(p.default, bool) else str(p.default)


def param_help(p) -> str:
    """An option's help, from its Param alone: what it is, what it accepts, its default."""
    from playground.core.train.params import describe

    # The label names the quantity (without a window-only aside such as "(0: default)"), the help
    # says what it does; cli_help replaces a help that speaks of the window.
    name = re.sub(r"\s*\([^)]*\)$", "", tr(p.label)).strip()
    detail = tr(p.cli_help or p.help).strip().rstrip(".")
    if detail[:1].isupper() and detail[1:2].islower():
        detail = detail[0].lower() + detail[1:]  # "Data: which data set", but "Loss: TF ..." stays
    text = tr("{name}: {detail}", name=name, detail=detail) if detail else name
    allowed = describe(p)
    if allowed:
        return tr("{option} [{allowed}]; default {default}", option=text, allowed=allowed, default=_default_text(p))
    return tr("{option}; default {default}", option=text, default=_default_text(p))


def _add_param_options(parser, core) -> None:
    """One option per lab parameter (--name-with-dashes), with its choices, range and default."""
    for p in core.PARAMS:
        if not p.cli:
            continue
        metavar = "PERCENT" if p.unit == "%" else _METAVARS.get(p.kind, p.kind.upper())
        try:
            parser.add_argument(p.option, dest=p.name, default=None, metavar=metavar,
                                help=param_help(p).replace("%", "%%"))  # argparse formats help with %
        except argparse.ArgumentError:
            # A lab parameter named like a built-in option (--width, --epochs): a declaration bug,
            # said in one line rather than as argparse's traceback.
            raise CliError(tr("the lab's parameter {name!r} clashes with the built-in option {option}; it must be renamed in the lab's PARAMS", name=p.name, option=p.option)) from None


def _collect_params(parser, args, core) -> dict:
    """The parameters given on the command line, validated; a bad one ends the run with one line."""
    from playground.core.train.params import ParamError, validate

    params = {}
    for p in core.PARAMS:
        raw = getattr(args, p.name, None) if p.cli else None
        if raw is None:
            continue
        try:
            params[p.name] = validate(p, raw)
        except ParamError as exc:
            parser.error(tr("{option}: {error}", option=p.option, error=exc))
    return params


# The summary line's names (the JSON keys, as --json writes them); French shows them in French.
_SUMMARY_NAMES = {"lab": N_("lab"), "model": N_("model"), "experiment": N_("experiment"), "dataset": N_("dataset"),
                  "epochs": N_("epochs"), "final_accuracy": N_("final_accuracy"), "final_loss": N_("final_loss"),
                  "converged": N_("converged"), "train_loss": N_("train_loss"), "test_loss": N_("test_loss"),
                  "train_accuracy": N_("train_accuracy"), "test_accuracy": N_("test_accuracy"),
                  "speedup": N_("speedup"), "epochs_per_second": N_("epochs_per_second")}


def _summary(result: dict) -> str:
    parts = []
    for k, name in _SUMMARY_NAMES.items():
        v = result.get(k)
        if v is None:
            continue
        if isinstance(v, bool):
            v = tr("True") if v else tr("False")
        parts.append(f"{tr(name)}={v:.4g}" if isinstance(v, float) else f"{tr(name)}={v}")
    return " ".join(parts)


def _jsonable(obj):
    import numpy as np

    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, float) and obj != obj:
        return None  # NaN is not JSON
    return obj


def _write_json(path: str, result: dict) -> None:
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(_jsonable(result), f, indent=1, allow_nan=False)
        os.replace(tmp, path)
    except (OSError, ValueError) as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise CliError(tr("could not write {path}: {error}", path=path, error=exc)) from None


def export_snapshot(info, snapshot: dict, path: str, width: int = 1920) -> None:
    """Draw a snapshot with the lab's own view (offscreen) and export its main figure."""
    from playground.ui.app import make_app

    app = make_app()
    from PySide6.QtCore import Qt

    from playground.ui.export import ExportError, export_figure
    from playground.ui.theme import LIGHT

    module, _, cls = info.view.partition(":")
    view = getattr(importlib.import_module(module), cls)(info, None, LIGHT)
    view.setAttribute(Qt.WA_DontShowOnScreen, True)
    view.resize(1600, 1000)
    view.show()
    view.receive_snapshot(snapshot)
    app.processEvents()
    try:
        export_figure(next(iter(view.figures().values())), path, width)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    finally:
        view.close()


# --- playground bench ----------------------------------------------------------------------------------------
def bench_command(argv: list[str]) -> int:
    from playground.registry import lab_ids

    lab_id = argv[0] if argv and not argv[0].startswith("-") else "perceptron"
    if lab_id not in lab_ids():
        raise CliError(tr("unknown lab {lab!r}; choose one of {labs}", lab=lab_id, labs=', '.join(lab_ids())))
    _info, core = _lab_core(lab_id)
    parser = _Parser(prog="playground bench", description=tr("Measure training speed, frame pacing and launch "
                     "time; lab options (as for 'playground run') set the network to measure."))
    parser.add_argument("lab", nargs="?", default="perceptron", choices=lab_ids(), metavar="LAB",
                        help=tr("the lab to measure: {labs} (default perceptron)", labs=", ".join(lab_ids())))
    parser.add_argument("--seconds", type=float, default=5.0, metavar="S",
                        help=tr("how long to train at full speed, 0.5 to 600 (default 5)"))
    parser.add_argument("--json", metavar="OUT.json", help=tr("also write the figures as JSON (default: not written)"))
    parser.add_argument("--compare", type=int, default=0, metavar="N",
                        help=tr("measure N copies of the configuration side by side, 2 to 4 (default: one)"))
    add_language_option(parser)
    _add_param_options(parser, core)
    args = parser.parse_args(argv)
    params = _collect_params(parser, args, core)
    if not 0.5 <= args.seconds <= 600:
        parser.error(tr("--seconds: {seconds} must be between 0.5 and 600", seconds=args.seconds))
    if args.compare and not 2 <= args.compare <= 4:
        parser.error(tr("--compare: {compare} must be between 2 and 4", compare=args.compare))
    if args.json is not None:
        _check_writable(parser, args.json, (".json",))
    from playground.ui.bench import run_bench

    result = run_bench(args.lab, args.seconds, params or None, compare=args.compare)
    if args.json:
        _write_json(args.json, result)
    return 0
