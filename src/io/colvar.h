#pragma once
// PLUMED COLVAR files: the CV time series format shared by PLUMED and
// nucleate (DESIGN.md). A header line `#! FIELDS time name1 name2 ...`,
// optional `#! SET key value` lines (PLUMED writes min_/max_ bounds of
// periodic CVs there), then whitespace-separated rows. PLUMED repeats the
// FIELDS line when a run is restarted and appends; the fields must then be
// the same.

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate::io {

struct ColvarTable {
  std::vector<std::string> fields;               ///< column names, `time` first as PLUMED writes
  std::vector<std::vector<double>> columns;      ///< one vector per field
  std::map<std::string, std::string> constants;  ///< `#! SET` lines

  [[nodiscard]] std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
  /// The values of a field; UsageError listing the fields when absent.
  [[nodiscard]] const std::vector<double>& column(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const;
};

/// Reads a COLVAR file (plain or .gz). InputError names the line on a
/// missing header, a short row or a value that is not a finite number.
ColvarTable read_colvar(const std::string& path);

/// Streams rows to a COLVAR file. Header comments (e.g. which convention a
/// column uses) go below the FIELDS line as `# ...`. Rows go to PATH.partial,
/// renamed to PATH by close() (or when an error unwinds, keeping the rows
/// so far), so a killed run never leaves a COLVAR that looks finished.
class ColvarWriter {
 public:
  ColvarWriter(const std::string& path, const std::vector<std::string>& fields,
               const std::vector<std::string>& comments = {});
  ~ColvarWriter();
  ColvarWriter(const ColvarWriter&) = delete;
  ColvarWriter& operator=(const ColvarWriter&) = delete;

  /// One value per field, in order; non-finite values are refused (Error).
  void write_row(const std::vector<double>& values);
  void close();

 private:
  std::string path_;
  std::string partial_;  ///< written here, renamed to path_ when closed
  std::size_t width_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

}  // namespace nucleate::io
