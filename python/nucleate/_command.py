"""The `nucleate` command of a pip-installed package: runs the executable built into the package
(nucleate/bin/nucleate), telling it where the package is so `nucleate run` finds the report."""

import os
import pathlib
import sys


def main():
    package = pathlib.Path(__file__).resolve().parent
    binary = package / "bin" / "nucleate"
    if not binary.exists():
        sys.exit(f"nucleate: {binary} is missing (this package was not installed with pip)")
    os.environ["NUCLEATE_PYTHONPATH"] = str(package.parent)
    os.execv(str(binary), [str(binary)] + sys.argv[1:])
