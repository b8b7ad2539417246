#pragma once

#include "core/error.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::util {

/// Receives one line of a child's output, without its `\n` (a final line without a newline
/// is delivered too). Lines are raw bytes; they are not required to be UTF-8.
using OutputLineHandler = std::function<void(std::string_view line)>;

/// What to run and how. No shell is involved: `argv` goes to the program as is.
struct SubprocessOptions {
  /// `argv[0]` is the program: a path when it contains a `/`, otherwise looked up in this
  /// process's `PATH` (not one given in `extra_env`).
  std::vector<std::string> argv;
  /// Set on top of this process's environment (a name given twice: the last value wins).
  std::vector<std::pair<std::string, std::string>> extra_env;
  /// Kill the child (and its process group) when it runs longer; none by default.
  std::optional<std::chrono::milliseconds> timeout;
  /// Called on the calling thread as lines arrive; null discards the stream.
  OutputLineHandler on_stdout_line;
  OutputLineHandler on_stderr_line;
};

/// How a child ended.
struct SubprocessResult {
  /// The exit status, or minus the signal number when a signal ended it (as Python reports).
  /// -1 as well when the status was lost because SIGCHLD is set to SIG_IGN in this process.
  int exit_code = 0;
};

/// Runs `options.argv` to completion with stdin on `/dev/null`, stdout and stderr on pipes
/// read line by line, and blocks until the child has exited and both pipes are closed. The
/// child gets its own process group, default signal dispositions, an empty signal mask and no
/// descriptor of ours other than 0–2.
///
/// Errors: `invalid_argument` for an empty `argv`; `not_found` when the program does not exist
/// (or is not in `PATH`); `permission_denied` when it is not executable; `timeout` when
/// `options.timeout` passed (the child was killed with SIGKILL and reaped); `io` for other
/// failures to start or watch it. A non-zero exit is not an error; check `exit_code`.
[[nodiscard]] Result<SubprocessResult> run_subprocess(const SubprocessOptions& options);

}  // namespace quire::util
