#include "test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <random>
#include <string>

namespace quire::test {

std::filesystem::path shared_dir() { return QUIRE_SHARED_DIR; }

std::filesystem::path paperless_sample(std::string_view relative) {
  return shared_dir() / "samples" / "paperless-ngx" / relative;
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TempDir::TempDir() {
  std::random_device entropy;
  const auto base = std::filesystem::temp_directory_path();
  do {
    m_path = base / ("quire-test-" + std::to_string(entropy()));
  } while (!std::filesystem::create_directory(m_path));
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

}  // namespace quire::test
