#pragma once

#include "core/error.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::consumer {

/// What the pre-consume script gets (pipeline.md §8).
struct PreConsumeScriptInput {
  std::filesystem::path script;         ///< `PAPERLESS_PRE_CONSUME_SCRIPT`
  std::filesystem::path original_file;  ///< argv[1] and `DOCUMENT_SOURCE_PATH`
  std::filesystem::path working_file;   ///< `DOCUMENT_WORKING_PATH`, the copy that is parsed
  std::string task_id;                  ///< `TASK_ID`; empty when there is none
};

/// What the post-consume script gets, already in the text forms of pipeline.md §8; the caller
/// formats dates (`created` as `YYYY-MM-DD`, `modified`/`added` like
/// `2025-11-20 08:15:30.123456+00:00`) and URLs (with any script-name prefix).
struct PostConsumeScriptInput {
  std::filesystem::path script;  ///< `PAPERLESS_POST_CONSUME_SCRIPT`
  std::string document_id;
  std::optional<std::string> document_type;  ///< name; absent → `None`
  std::string created;
  std::string modified;
  std::string added;
  std::string file_name;                              ///< public file name
  std::filesystem::path source_path;                  ///< stored original
  std::optional<std::filesystem::path> archive_path;  ///< absent → `None`
  std::filesystem::path thumbnail_path;
  std::string download_url;                  ///< `/api/documents/<id>/download/`
  std::string thumbnail_url;                 ///< `/api/documents/<id>/thumb/`
  std::string owner;                         ///< owner's user name; empty when none
  std::optional<std::string> correspondent;  ///< name; absent → `None`
  std::vector<std::string> tags;             ///< names, already ordered by name; joined with `,`
  std::string original_filename;
  std::string task_id;  ///< empty when there is none
};

struct ScriptRunOptions {
  /// paperless-ngx has none (only the worker's hard limit); the integrator may set one.
  std::optional<std::chrono::milliseconds> timeout;
};

/// Runs the pre-consume script with argv `[script, original_file]` and the server environment
/// plus `DOCUMENT_SOURCE_PATH`, `DOCUMENT_WORKING_PATH` and `TASK_ID`, blocking until it ends.
/// Its stdout lines are logged at info and stderr lines at warning on the `consumer` logger.
/// Errors: `not_found` with "Configured pre-consume script … does not exist." when `script` is
/// not a regular file; otherwise (non-zero exit, cannot start, timeout) `unavailable` or
/// `timeout` with "Error while executing pre-consume script: …". Use `script_status_message`
/// for the status text paperless-ngx reports.
[[nodiscard]] Status run_pre_consume_script(const PreConsumeScriptInput& input,
                                            const ScriptRunOptions& options = {});

/// Runs the post-consume script with the environment variables of pipeline.md §8 and the
/// deprecated positional arguments (id, file name, source path, thumbnail path, download URL,
/// thumbnail URL, correspondent, tags). Logging and errors as for the pre-consume script, with
/// "post-consume" in the messages.
[[nodiscard]] Status run_post_consume_script(const PostConsumeScriptInput& input,
                                             const ScriptRunOptions& options = {});

enum class ScriptKind { pre_consume, post_consume };

/// The paperless-ngx status message for a failure returned above:
/// `pre_consume_script_not_found` / `pre_consume_script_error` and the `post_` pair.
[[nodiscard]] std::string_view script_status_message(ScriptKind kind, const Error& error);

}  // namespace quire::consumer
