#pragma once
// A column of numbers in a text file, one per line ('#' comments and blank
// lines allowed): e.g. a stationary distribution by state label, pi_0, pi_1,
// ..., to fix an MSM's pi (msm estimate --stationary).

#include <string>
#include <vector>

namespace nucleate::io {

/// The first number of every line. InputError naming the file and line of
/// anything that is not a number, of a value that is not positive when
/// `positive` is set, and when the file holds no number. `what` names the
/// values in messages ("the stationary probability").
std::vector<double> read_number_column(const std::string& path, const std::string& what,
                                       bool positive);

}  // namespace nucleate::io
