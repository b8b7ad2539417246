#include "consumer/consume_scripts.hpp"

#include "consumer/log.hpp"
#include "util/subprocess.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <system_error>
#include <utility>

namespace quire::consumer {
namespace {

std::string_view kind_name(ScriptKind kind) {
  return kind == ScriptKind::pre_consume ? "pre-consume" : "post-consume";
}

struct ScriptCall {
  ScriptKind kind = ScriptKind::pre_consume;
  std::filesystem::path script;
  std::vector<std::string> arguments;  ///< after argv[0]
  std::vector<std::pair<std::string, std::string>> env;
  std::string_view task_id;
};

// Python's os.path.normpath, which paperless-ngx applies to the paths it hands over.
std::string normalized(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::string describe_exit(int exit_code) {
  if (exit_code < 0) return "was killed by signal " + std::to_string(-exit_code);
  return "returned non-zero exit status " + std::to_string(exit_code);
}

Status run_script(const ScriptCall& call, const ScriptRunOptions& options) {
  const auto logger = consumer_logger();
  const std::string kind(kind_name(call.kind));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(call.script, ec)) {
    return fail(ErrorCode::not_found,
                "Configured " + kind + " script " + call.script.string() + " does not exist.");
  }

  const std::string script = std::filesystem::absolute(call.script, ec).string();
  logger->info("running {} script script=\"{}\" task_id={}", kind, script, call.task_id);
  util::SubprocessOptions process;
  process.argv.push_back(script);
  process.argv.insert(process.argv.end(), call.arguments.begin(), call.arguments.end());
  process.extra_env = call.env;
  process.timeout = options.timeout;
  process.on_stdout_line = [&](std::string_view line) {
    logger->info("{} script stdout task_id={} line=\"{}\"", kind, call.task_id, line);
  };
  process.on_stderr_line = [&](std::string_view line) {
    logger->warn("{} script stderr task_id={} line=\"{}\"", kind, call.task_id, line);
  };

  const auto result = util::run_subprocess(process);
  // Every failure after the file check is an "_error" status, including a start failure that
  // the subprocess layer calls not_found (a shebang naming a missing interpreter).
  const std::string prefix = "Error while executing " + kind + " script: ";
  if (!result) {
    const ErrorCode code =
        result.error().code == ErrorCode::timeout ? ErrorCode::timeout : ErrorCode::unavailable;
    return fail(code, prefix + result.error().message);
  }
  logger->info("{} script exited script=\"{}\" exit_code={} task_id={}", kind, script,
               result->exit_code, call.task_id);
  if (result->exit_code != 0) {
    return fail(ErrorCode::unavailable,
                prefix + "command '" + script + "' " + describe_exit(result->exit_code));
  }
  return {};
}

}  // namespace

Status run_pre_consume_script(const PreConsumeScriptInput& input, const ScriptRunOptions& options) {
  const std::string original = input.original_file.string();
  return run_script(ScriptCall{.kind = ScriptKind::pre_consume,
                               .script = input.script,
                               .arguments = {original},
                               .env = {{"DOCUMENT_SOURCE_PATH", original},
                                       {"DOCUMENT_WORKING_PATH", input.working_file.string()},
                                       {"TASK_ID", input.task_id}},
                               .task_id = input.task_id},
                    options);
}

Status run_post_consume_script(const PostConsumeScriptInput& input,
                               const ScriptRunOptions& options) {
  std::string tags;
  for (const auto& tag : input.tags) {
    if (!tags.empty()) tags += ',';
    tags += tag;
  }
  const std::string source = normalized(input.source_path);
  const std::string thumbnail = normalized(input.thumbnail_path);
  const std::string correspondent = input.correspondent.value_or("None");
  const std::string archive = input.archive_path ? normalized(*input.archive_path) : "None";

  ScriptCall call{.kind = ScriptKind::post_consume,
                  .script = input.script,
                  .arguments = {input.document_id, input.file_name, source, thumbnail,
                                input.download_url, input.thumbnail_url, correspondent, tags},
                  .task_id = input.task_id};
  call.env = {{"DOCUMENT_ID", input.document_id},
              {"DOCUMENT_TYPE", input.document_type.value_or("None")},
              {"DOCUMENT_CREATED", input.created},
              {"DOCUMENT_MODIFIED", input.modified},
              {"DOCUMENT_ADDED", input.added},
              {"DOCUMENT_FILE_NAME", input.file_name},
              {"DOCUMENT_SOURCE_PATH", source},
              {"DOCUMENT_ARCHIVE_PATH", archive},
              {"DOCUMENT_THUMBNAIL_PATH", thumbnail},
              {"DOCUMENT_DOWNLOAD_URL", input.download_url},
              {"DOCUMENT_THUMBNAIL_URL", input.thumbnail_url},
              {"DOCUMENT_OWNER", input.owner},
              {"DOCUMENT_CORRESPONDENT", correspondent},
              {"DOCUMENT_TAGS", tags},
              {"DOCUMENT_ORIGINAL_FILENAME", input.original_filename},
              {"TASK_ID", input.task_id}};
  return run_script(call, options);
}

std::string_view script_status_message(ScriptKind kind, const Error& error) {
  const bool missing = error.code == ErrorCode::not_found;
  if (kind == ScriptKind::pre_consume) {
    return missing ? "pre_consume_script_not_found" : "pre_consume_script_error";
  }
  return missing ? "post_consume_script_not_found" : "post_consume_script_error";
}

}  // namespace quire::consumer
