"""Nucleation rate J = 1 / (t V) (Finney & Salvalaglio 2022's definition)."""

from . import _nucleate


def nucleation_rate(time, volume, time_unit="ps", length_unit="nm"):
    """J = 1 / (t V) and its unit label.

    time_unit: fs, ps, ns, us, ms, s, tau (LJ) or frame; length_unit: nm,
    angstrom or sigma (LJ). Physical units give m^-3 s^-1, LJ units
    sigma^-3 tau^-1. Returns (value, units).
    """
    return _nucleate.nucleation_rate(float(time), float(volume), time_unit, length_unit)
