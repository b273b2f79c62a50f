#pragma once
// How an output file names the files it was made from. Files in the
// output's own folder are named relative to it, so a folder of results
// (a pipeline's OUTDIR) that is moved, or made again from the same inputs
// elsewhere, holds the same bytes (issue 14, case 14).

#include <string>
#include <vector>

namespace nucleate {

/// A path inside the folder of `output_file` (or below it) relative to that
/// folder ("dtraj/a.dtraj", "cv/run1.colvar"); any other path as it was
/// given, since a long climb of ../ from the output to an input says less
/// than the name the user typed. An empty path stays empty, and with no
/// output file (a JSON text that is returned, not written) every path is
/// kept as given.
std::string recorded_path(const std::string& path, const std::string& output_file);
std::vector<std::string> recorded_paths(const std::vector<std::string>& paths,
                                        const std::string& output_file);

}  // namespace nucleate
