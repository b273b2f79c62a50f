#pragma once
// The parts of the `_nucleate` extension, one per library layer; module.cpp
// calls each once. The extension is a thin layer: the Python package
// (python/nucleate/) shapes the public, deeptime-like API over it.

#include <pybind11/pybind11.h>

namespace nucleate::python {

void bind_io(pybind11::module_& m);
void bind_cv(pybind11::module_& m);
void bind_msm(pybind11::module_& m);
void bind_tpt(pybind11::module_& m);
void bind_stages(pybind11::module_& m);

}  // namespace nucleate::python
