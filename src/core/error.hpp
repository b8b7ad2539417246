#pragma once

#include <tl/expected.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace quire {

/// The closed list of failure categories. Each one maps to an HTTP status in one place
/// (api/http) and to a process exit code in another (cli/exit_codes.hpp).
enum class ErrorCode {
  invalid_argument,        ///< bad field, query, flag, setting or template
  unauthenticated,         ///< no or wrong credentials
  permission_denied,       ///< authenticated, but not allowed
  not_found,               ///< unknown id, missing file
  conflict,                ///< name clash, duplicate checksum or ASN
  unsupported_media_type,  ///< no parser for a file, wrong body type
  unavailable,             ///< database busy, external tool missing
  timeout,                 ///< an operation ran past its limit
  not_implemented,         ///< a feature Quire has not built yet; the message names it
  internal,                ///< a bug or broken invariant
  corruption,              ///< bad data on disk (database, media, index)
  io,                      ///< the operating system refused a read or write
};

/// A failure as a value. `message` names the thing involved and is fit for an operator:
/// "no parser for MIME type 'application/x-foo' (document 'scan.xyz')".
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

/// The result of an operation that can fail. Lookups that may find nothing return
/// `Result<std::optional<T>>`, keeping "absent" apart from "failed".
template <typename T>
using Result = tl::expected<T, Error>;

/// `Result<void>` for operations that only succeed or fail.
using Status = Result<void>;

/// Shorthand for returning a failure: `return fail(ErrorCode::not_found, "...")`.
[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

/// Passes an existing error on: `return fail(result.error())`.
[[nodiscard]] inline tl::unexpected<Error> fail(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

/// The snake_case name of `code`, for logs and task results.
[[nodiscard]] std::string_view error_code_name(ErrorCode code);

}  // namespace quire
