#pragma once

#include <optional>
#include <string>

namespace tricoach::sync {

// A password from the terminal without echo, the prompt written to the terminal's error stream; from standard
// input's first line when that is not a terminal (scripts, tests). nullopt at end of input.
std::optional<std::string> readPassword(const std::string& prompt, std::string& err);

} // namespace tricoach::sync
