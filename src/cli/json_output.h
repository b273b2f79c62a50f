#pragma once
// Command results as JSON files (DESIGN.md: numbers and arrays, no NaN;
// what is missing or infinite is null), and reading them back.

#include <Eigen/Core>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace nucleate::cli {

inline nlohmann::json number_or_null(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

/// A dense matrix as a list of rows.
nlohmann::json matrix_rows(const Eigen::MatrixXd& m);

/// The whole file parsed; InputError naming the file (and the byte of a
/// syntax error) when it cannot be opened or is not JSON.
nlohmann::json read_json(const std::string& path);

/// Compact JSON plus a newline; InputError when the file cannot be written.
void write_json(const std::string& path, const nlohmann::json& value);

}  // namespace nucleate::cli
