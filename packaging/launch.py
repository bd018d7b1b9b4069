"""The frozen app's entry script: exactly what the `playground` console script runs.

PyInstaller runs its entry file as a top-level script, where `playground/__main__.py`'s package-relative
imports would fail; importing `playground.__main__:main` (the target named in pyproject's
[project.scripts]) makes the standalone app start the same way as the pip-installed command.
`main()` calls multiprocessing.freeze_support() first, which a frozen app needs so that the training
worker, started with the "spawn" method, runs the worker instead of opening a second window.
"""
import sys

from playground.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
