"""Trajectories and the files around them, read by nucleate's own readers
(XTC, TRR, GRO, LAMMPS dump, DCD, XYZ/extended XYZ, PDB)."""

import os

import numpy as np

from . import _nucleate


class Trajectory:
    """Frames of a trajectory held in memory.

    positions: float32 (frames, atoms, 3) in the file's length unit
    (``length_unit``: nm for GROMACS formats, angstrom for PDB/DCD/XYZ,
    "file_units" for LAMMPS dumps); box: float64 (frames, 3, 3), rows are the
    box vectors, zeros where a frame has none (see ``has_box``); time:
    (frames,) in ps for GROMACS files, the file's own unit otherwise; step:
    (frames,) MD steps; names/types: per atom, from ``top`` or the file
    itself (empty lists when neither names the atoms).
    """

    def __init__(self, path, data):
        self.path = path
        self.format = data["format"]
        self.length_unit = data["length_unit"]
        self.positions = data["positions"]
        self.box = data["box"]
        self.has_box = data["has_box"]
        self.time = data["time"]
        self.step = data["step"]
        self.names = data["names"]
        self.types = data["types"]

    @property
    def n_frames(self):
        return self.positions.shape[0]

    @property
    def n_atoms(self):
        return self.positions.shape[1]

    @property
    def volume(self):
        """Box volume of each frame, |a . (b x c)|, in length_unit^3."""
        return np.abs(np.linalg.det(self.box))

    def __len__(self):
        return self.n_frames

    def __repr__(self):
        return (f"<Trajectory {os.path.basename(self.path)}: {self.n_frames} frames, {self.n_atoms} atoms, "
                f"{self.format}, lengths in {self.length_unit}>")


def read_trajectory(path, top=None, begin=0, end=None, stride=1):
    """Reads frames begin, begin + stride, ... before end (0-based, end exclusive) into memory.

    ``top`` names the atoms for formats that carry no names (XTC, TRR, DCD):
    a GRO, PDB, LAMMPS data or dump, or XYZ file with the same atom count.
    """
    path = os.fspath(path)
    data = _nucleate.read_trajectory(path, os.fspath(top) if top is not None else "", begin, end, stride)
    return Trajectory(path, data)


def select_atoms(topology, expression):
    """0-based indices of the atoms of a structure file matching a selection.

    The language of ``nucleate convert --select``: ``name NA CL``, ``type 1 2``,
    ``element O``, ``resname SOL``, ``resid 1-10``, ``index 0-99``, ``all``,
    combined with ``and``, ``or``, ``not`` and parentheses.
    """
    return _nucleate.select_atoms(os.fspath(topology), expression)


def read_dtraj(path):
    """A discrete trajectory file (one state per line, or a 1-D integer .npy) as int32."""
    return _nucleate.read_dtraj(os.fspath(path))


def mean_box_volume(trajectories, length_unit="nm", dtrajs=None, states=None, begin=0, stride=1):
    """Mean box volume over the frames of trajectories, in length_unit^3: V of J = 1/(t V).

    With ``dtrajs`` (one per trajectory) and ``states`` (original labels),
    only the frames whose state is one of them count (`nucleate tpt
    --volume-over source`: the volume of the phase nuclei form in); frame k of
    a discrete trajectory is trajectory frame begin + k * stride (`nucleate cv
    --begin --stride`). Read by the library, streaming (no trajectory is held
    in memory).
    """
    paths = [os.fspath(t) for t in ([trajectories] if isinstance(trajectories, (str, os.PathLike))
                                     else trajectories)]
    if dtrajs is not None:
        from . import _convert

        dtrajs = _convert.dtrajs(dtrajs)
        states = [int(s) for s in np.atleast_1d(states)] if states is not None else None
    return _nucleate.mean_box_volume(paths, length_unit, dtrajs, states, begin, stride)
