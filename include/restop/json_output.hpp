#pragma once
// Reading an operation's JSON output into its output struct (restJson1 bodies). Boost.JSON parses.

#include <optional>
#include <string>
#include <string_view>

namespace restop {

/// Reads `body` into `output`; returns a sentence naming the member and the problem, or nothing.
template <class Output>
std::optional<std::string> read_json_output(std::string_view body, Output& output);

}  // namespace restop
