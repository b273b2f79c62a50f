#pragma once
// nucleate's version ("0.1.0"), set once by project() in the top-level
// CMakeLists.txt; `nucleate --version`, nucleate.__version__, the CMake
// package and the pipeline's stage fingerprints all read it here.

#include <string_view>

namespace nucleate {

std::string_view version();

}  // namespace nucleate
