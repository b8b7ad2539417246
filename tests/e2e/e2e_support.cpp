#include "e2e_support.hpp"

#include "storage/document_repository.hpp"
#include "util/subprocess.hpp"

#include <gtest/gtest.h>

namespace quire::e2e {

namespace fs = std::filesystem;

fs::path quire_binary() { return QUIRE_BINARY; }

std::string QuireRun::all_output() const {
  std::string text;
  for (const auto& line : out) text += line + "\n";
  for (const auto& line : err) text += line + "\n";
  return text;
}

QuireRun run_quire(const std::vector<std::string>& args, const Environment& env,
                   std::optional<std::chrono::milliseconds> kill_after) {
  util::SubprocessOptions options;
  options.argv.push_back(quire_binary().string());
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.extra_env = env;
  options.extra_env.emplace_back("OMP_THREAD_LIMIT", "1");
  options.timeout = kill_after;
  QuireRun run;
  options.on_stdout_line = [&run](std::string_view line) { run.out.emplace_back(line); };
  options.on_stderr_line = [&run](std::string_view line) { run.err.emplace_back(line); };
  auto result = util::run_subprocess(options);
  if (result) {
    run.exit_code = result->exit_code;
  } else if (result.error().code == ErrorCode::timeout) {
    run.killed = true;
    run.exit_code = -9;
  } else {
    ADD_FAILURE() << "cannot run " << quire_binary() << ": " << result.error().message;
    run.exit_code = -1;
  }
  return run;
}

Installation::Installation() {
  for (const fs::path& dir : {data_dir(), media_dir(), consume_dir(), root() / "scratch"}) {
    fs::create_directories(dir);
  }
}

fs::path Installation::originals_dir() const { return media_dir() / "documents" / "originals"; }

fs::path Installation::thumbnails_dir() const { return media_dir() / "documents" / "thumbnails"; }

Environment Installation::env(const Environment& extra) const {
  Environment all = {{"PAPERLESS_DATA_DIR", data_dir().string()},
                     {"PAPERLESS_MEDIA_ROOT", media_dir().string()},
                     {"PAPERLESS_CONSUMPTION_DIR", consume_dir().string()},
                     {"PAPERLESS_SCRATCH_DIR", (root() / "scratch").string()},
                     {"PAPERLESS_DBENGINE", "sqlite"}};
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

std::unique_ptr<storage::Database> Installation::open_database() const {
  storage::DatabaseOptions options;
  options.sqlite_path = data_dir() / "db.sqlite3";
  auto database = storage::Database::open(options);
  if (!database) {
    ADD_FAILURE() << "cannot open " << options.sqlite_path << ": " << database.error().message;
    return nullptr;
  }
  return std::move(*database);
}

std::vector<Document> Installation::documents() const {
  auto database = open_database();
  if (!database) return {};
  auto found = database->read(
      [](storage::ReadContext& tx) { return storage::DocumentRepository::list_live(tx); });
  if (!found) {
    ADD_FAILURE() << "cannot list documents: " << found.error().message;
    return {};
  }
  return *found;
}

}  // namespace quire::e2e
