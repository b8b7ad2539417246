#include "util/checksum.hpp"

#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace quire::util {
namespace {

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextDeleter>;

/// One streaming digest computation; every EVP failure becomes an `internal` error.
class Hasher {
 public:
  static Result<Hasher> start(HashAlgorithm algorithm) {
    DigestContext context(EVP_MD_CTX_new());
    const EVP_MD* method = algorithm == HashAlgorithm::md5 ? EVP_md5() : EVP_sha256();
    if (!context || EVP_DigestInit_ex(context.get(), method, nullptr) != 1) {
      return fail(ErrorCode::internal, "cannot initialise OpenSSL digest");
    }
    return Hasher(std::move(context));
  }

  Status update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(m_context.get(), data, size) != 1) {
      return fail(ErrorCode::internal, "OpenSSL digest update failed");
    }
    return {};
  }

  Result<std::string> finish() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> raw{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context.get(), raw.data(), &length) != 1) {
      return fail(ErrorCode::internal, "OpenSSL digest finalisation failed");
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
      hex += k_hex[raw[i] >> 4];
      hex += k_hex[raw[i] & 0x0f];
    }
    return hex;
  }

 private:
  explicit Hasher(DigestContext context) : m_context(std::move(context)) {}
  DigestContext m_context;
};

}  // namespace

Result<std::string> digest(std::span<const std::byte> data, HashAlgorithm algorithm) {
  auto hasher = Hasher::start(algorithm);
  if (!hasher) return fail(hasher.error());
  if (auto updated = hasher->update(data.data(), data.size()); !updated) {
    return fail(updated.error());
  }
  return hasher->finish();
}

Result<std::string> file_digest(const std::filesystem::path& path, HashAlgorithm algorithm) {
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (!std::filesystem::exists(status)) {
    return fail(ErrorCode::not_found, "no such file: '" + path.string() + "'");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return fail(ErrorCode::io, "not a regular file: '" + path.string() + "'");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::io, "cannot open '" + path.string() + "': " + std::strerror(errno));
  }

  auto hasher = Hasher::start(algorithm);
  if (!hasher) return fail(hasher.error());
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto count = static_cast<std::size_t>(in.gcount());
    if (auto updated = hasher->update(buffer.data(), count); !updated) return fail(updated.error());
  }
  if (in.bad()) return fail(ErrorCode::io, "cannot read '" + path.string() + "'");
  return hasher->finish();
}

Result<std::string> md5_file(const std::filesystem::path& path) {
  return file_digest(path, HashAlgorithm::md5);
}

Result<std::string> sha256_file(const std::filesystem::path& path) {
  return file_digest(path, HashAlgorithm::sha256);
}

}  // namespace quire::util
