#pragma once
// The whole command-line application, built fresh on each call so that
// `nucleate run` can run its stages through exactly the parser and code the
// single commands use.

#include <CLI/CLI.hpp>
#include <memory>

namespace nucleate::cli {

std::unique_ptr<CLI::App> make_app();

}  // namespace nucleate::cli
