#include "io/colvar.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "io/text_file.h"

namespace nucleate::io {

const std::vector<double>& ColvarTable::column(std::string_view name) const {
  for (std::size_t k = 0; k < fields.size(); ++k)
    if (fields[k] == name) return columns[k];
  std::string known;
  for (const auto& f : fields) {
    if (!known.empty()) known += ", ";
    known += f;
  }
  throw UsageError(fmt::format("no column '{}' (the file has: {})", name, known));
}

bool ColvarTable::has(std::string_view name) const {
  return std::ranges::any_of(fields, [&](const std::string& f) { return f == name; });
}

ColvarTable read_colvar(const std::string& path) {
  TextInput in(path);
  ColvarTable table;
  std::string line;
  std::vector<std::string_view> words;
  try {
    while (in.read_line(line)) {
      split_fields(line, words);
      if (words.empty()) continue;
      const std::int64_t n = in.line_number();
      if (words[0] == "#!" && words.size() >= 2 && words[1] == "FIELDS") {
        std::vector<std::string> fields(words.begin() + 2, words.end());
        if (fields.empty()) throw FormatError("FIELDS line names no column", n);
        if (table.fields.empty()) {
          table.fields = std::move(fields);
          table.columns.assign(table.fields.size(), {});
        } else if (fields != table.fields) {
          throw FormatError("a second FIELDS line (a restarted run) names other columns", n);
        }
        continue;
      }
      if (words[0] == "#!" && words.size() >= 4 && words[1] == "SET") {
        table.constants[std::string(words[2])] = std::string(words[3]);
        continue;
      }
      if (words[0][0] == '#') continue;
      if (table.fields.empty()) {
        throw FormatError("data before the '#! FIELDS' header line", n);
      }
      if (words.size() != table.fields.size()) {
        throw FormatError(fmt::format("row has {} values, the FIELDS line names {}", words.size(),
                                      table.fields.size()),
                          n);
      }
      for (std::size_t k = 0; k < words.size(); ++k) {
        table.columns[k].push_back(parse_double(words[k], table.fields[k], n));
      }
    }
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, e.line()}, e.what());
  }
  if (table.fields.empty()) {
    throw InputError({path, {}, {}, {}}, "no '#! FIELDS' header line: not a COLVAR file");
  }
  return table;
}

ColvarWriter::ColvarWriter(const std::string& path, const std::vector<std::string>& fields,
                           const std::vector<std::string>& comments)
    : path_(path), partial_(path + ".partial"), width_(fields.size()) {
  file_ = std::fopen(partial_.c_str(), "w");
  if (file_ == nullptr)
    throw Error(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  std::string header = "#! FIELDS";
  for (const auto& f : fields) header += " " + f;
  header += '\n';
  for (const auto& c : comments) header += "# " + c + '\n';
  std::fputs(header.c_str(), file_);
}

ColvarWriter::~ColvarWriter() {
  // Unwinding from an error: the rows written so far are kept under the
  // real name (the error message says how many). Only a killed process
  // leaves the .partial file, never a file that looks finished.
  if (file_ != nullptr) {
    std::fclose(file_);
    std::rename(partial_.c_str(), path_.c_str());
  }
}

void ColvarWriter::write_row(const std::vector<double>& values) {
  if (values.size() != width_) {
    throw Error(fmt::format("{}: row of {} values for {} fields", path_, values.size(), width_));
  }
  buffer_.clear();
  for (double v : values) {
    if (!std::isfinite(v))
      throw Error(fmt::format("{}: refusing to write a non-finite value", path_));
    // Shortest text that reads back to the same double.
    fmt::format_to(std::back_inserter(buffer_), " {}", v);
  }
  buffer_ += '\n';
  if (std::fputs(buffer_.c_str(), file_) < 0) {
    throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
}

void ColvarWriter::close() {
  if (file_ == nullptr) return;
  const bool ok = std::fflush(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || !closed) throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw Error(fmt::format("{}: cannot be written: {}", path_, std::strerror(errno)));
}

}  // namespace nucleate::io
