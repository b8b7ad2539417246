#pragma once

#include "core/error.hpp"

namespace quire::cli {

/// Process exit codes, the same for every command.
inline constexpr int k_exit_success = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_interrupted = 130;

/// The exit code for a failed operation: usage errors are reported by CLI11 before a command
/// runs, so every Error that reaches a command's end is a plain failure.
[[nodiscard]] constexpr int exit_code_for(const Error& /*error*/) { return k_exit_failure; }

}  // namespace quire::cli
