#include "cli/json_output.h"

#include <fstream>

#include "core/error.h"

namespace nucleate::cli {

nlohmann::json matrix_rows(const Eigen::MatrixXd& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    std::vector<double> row(static_cast<std::size_t>(m.cols()));
    for (Eigen::Index j = 0; j < m.cols(); ++j) row[static_cast<std::size_t>(j)] = m(i, j);
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw InputError({path, {}, {}, {}}, "cannot open");
  try {
    return nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({path, {}, e.byte, {}}, "not valid JSON");
  }
}

void write_json(const std::string& path, const nlohmann::json& value) {
  std::ofstream file(path);
  file << value.dump() << '\n';
  if (!file) throw InputError({path, {}, {}, {}}, "cannot be written");
}

}  // namespace nucleate::cli
