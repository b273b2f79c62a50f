"""Shared fixtures: where the test data and the `nucleate` executable are.

ctest sets NUCLEATE_TEST_DATA, NUCLEATE_EXECUTABLE and PYTHONPATH (the
build's python/ directory); run by hand, the data default to the source tree.
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def data_dir():
    return pathlib.Path(os.environ.get("NUCLEATE_TEST_DATA", REPO / "tests" / "data"))


@pytest.fixture(scope="session")
def executable():
    path = os.environ.get("NUCLEATE_EXECUTABLE")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("NUCLEATE_EXECUTABLE is not set to the nucleate binary")
    return path


@pytest.fixture(scope="session")
def run_json(executable):
    """Runs `nucleate ARGS...` and parses its standard output as JSON."""

    def run(*args):
        done = subprocess.run([executable, *map(str, args)], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    return run
