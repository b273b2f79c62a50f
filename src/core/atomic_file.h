#pragma once
// Output files written whole or not at all: the text goes to a temporary
// file next to the target and is renamed over it, so a reader (or the next
// stage of a pipeline) never sees half a file, and a failed write keeps the
// previous file.

#include <string>

namespace nucleate {

/// InputError naming `path` when it cannot be written.
void write_text_file_atomically(const std::string& path, const std::string& text);

/// InputError naming `path` when a file could not be created there (its
/// folder missing or not writable); a stage with several outputs checks the
/// last one first, so it does not leave the others behind and then fail.
void require_writable(const std::string& path);

}  // namespace nucleate
