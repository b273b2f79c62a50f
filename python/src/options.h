#pragma once
// The library's option tables (core/options.h) as Python classes: one
// attribute per option with the C++ default and the table's help text, a
// constructor taking the options as keywords (TypeError for an unknown one,
// as any Python function), and describe() listing name, default, unit, help
// and choices. The Python functions over the stages take their keywords
// through these, so Python cannot give an option another default.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <type_traits>

#include "core/options.h"

namespace nucleate::python {

namespace py = pybind11;

template <class Options>
void set_option(Options& options, const OptionEntry<Options>& entry, const py::handle& value) {
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(options.*member)>;
        options.*member = py::cast<T>(value);
      },
      entry.member);
}

template <class Options>
py::object get_option(const Options& options, const OptionEntry<Options>& entry) {
  return std::visit([&](auto member) { return py::cast(options.*member); }, entry.member);
}

/// Options from keyword arguments.
template <class Options>
Options options_from(const py::kwargs& kwargs, const OptionTable<Options>& table,
                     const char* what) {
  Options options;
  for (const auto& [key, value] : kwargs) {
    const auto name = py::cast<std::string>(key);
    const auto it =
        std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.name == name; });
    if (it == table.end()) {
      std::string known;
      for (const auto& e : table) known += (known.empty() ? "" : ", ") + std::string(e.name);
      throw py::type_error(fmt::format("{}: unknown option '{}' (options: {})", what, name, known));
    }
    try {
      set_option(options, *it, value);
    } catch (const py::cast_error&) {
      throw py::type_error(fmt::format("{}: option '{}' has the wrong type", what, name));
    }
  }
  return options;
}

/// [{name, default, unit, help, choices, required}] of a table.
template <class Options>
py::list describe_options(const OptionTable<Options>& table) {
  const Options defaults;
  py::list out;
  for (const auto& e : table) {
    py::dict d;
    d["name"] = std::string(e.name);
    d["default"] = get_option(defaults, e);
    d["unit"] = std::string(e.unit);
    d["help"] = std::string(e.help);
    py::list choices;
    for (auto c : e.choices) choices.append(std::string(c));
    d["choices"] = choices;
    d["required"] = e.required;
    out.append(d);
  }
  return out;
}

/// The table as a Python class NAME with one property per option.
template <class Options>
py::class_<Options> bind_options(py::module_& m, const char* name,
                                 const OptionTable<Options>& table) {
  py::class_<Options> cls(m, name);
  cls.def(py::init([&table, name](const py::kwargs& kwargs) {
    return options_from<Options>(kwargs, table, name);
  }));
  for (const auto& entry : table) {
    cls.def_property(
        std::string(entry.name).c_str(),
        [&entry](const Options& o) { return get_option(o, entry); },
        [&entry](Options& o, const py::object& value) { set_option(o, entry, value); },
        std::string(entry.help).c_str());
  }
  cls.def_static("describe", [&table] { return describe_options(table); });
  return cls;
}

}  // namespace nucleate::python
