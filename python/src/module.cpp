// The `_nucleate` extension module: the library's error types become Python
// exceptions with the same message, then each layer adds its functions.
//   UsageError -> ValueError (bad options, as Python code raises for them)
//   InputError -> OSError (a file that cannot be read; the message names it)
//   other nucleate errors -> RuntimeError

#include <Python.h>

#include <exception>

#include "bindings.h"
#include "core/error.h"

namespace {

void translate(std::exception_ptr failure) {
  try {
    if (failure) std::rethrow_exception(failure);
  } catch (const nucleate::UsageError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const nucleate::InputError& e) {
    PyErr_SetString(PyExc_OSError, e.what());
  } catch (const nucleate::Error& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
}

}  // namespace

PYBIND11_MODULE(_nucleate, m) {
  m.doc() = "nucleate's C++ library; use the `nucleate` package, which wraps this module.";
  pybind11::register_exception_translator(&translate);
  nucleate::python::bind_io(m);
  nucleate::python::bind_cv(m);
  nucleate::python::bind_msm(m);
  nucleate::python::bind_tpt(m);
  nucleate::python::bind_stages(m);
}
