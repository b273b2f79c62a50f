"""Fixtures of the Python comparisons with other tools: where the test data are, and
deeptime 0.4.5's reference run on its 18-state chain.

Reference: tests/data/deeptime-msm-small/ (small.txt, small_ref.json), deeptime 0.4.5
at lag 5 with a reversible MLE; tests/validation/README.md says what is known of how
it was made. ctest sets NUCLEATE_TEST_DATA and PYTHONPATH (the build's python/
directory); run by hand, the data default to the source tree:
  PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/validation/python
"""

import json
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def data_dir():
    return pathlib.Path(os.environ.get("NUCLEATE_TEST_DATA", REPO / "tests" / "data"))


@pytest.fixture(scope="session")
def deeptime_small(data_dir):
    """deeptime 0.4.5's reference run: (discrete trajectories, results)."""
    folder = data_dir / "deeptime-msm-small"
    dtrajs = [[int(s) for s in line.split()] for line in (folder / "small.txt").read_text().splitlines() if line]
    return dtrajs, json.loads((folder / "small_ref.json").read_text())
