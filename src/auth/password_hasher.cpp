#include "auth/password_hasher.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cassert>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

namespace quire::auth {
namespace {

constexpr std::string_view k_sha256_algorithm = "pbkdf2_sha256";
constexpr std::string_view k_sha1_algorithm = "pbkdf2_sha1";
constexpr std::string_view k_salt_alphabet =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
// Django asks for 128 bits of salt entropy: ceil(128 / log2(62)) characters.
constexpr std::size_t k_salt_length = 22;
constexpr std::size_t k_unusable_suffix_length = 40;

struct EncodedPassword {
  std::string_view algorithm;
  std::uint32_t iterations = 0;
  std::string_view salt;
  std::string_view hash;
};

[[noreturn]] void abort_on_crypto_failure(const char* what) {
  // Storing a hash made with a failed PRNG or KDF would be worse than stopping.
  std::fprintf(stderr, "quire: fatal OpenSSL failure in %s\n", what);
  std::abort();
}

std::string random_string(std::size_t length) {
  // Rejection sampling keeps every character equally likely: 248 is the largest multiple of 62
  // that fits in a byte.
  constexpr unsigned k_limit = 248;
  std::string out;
  std::array<unsigned char, 64> buffer{};
  while (out.size() < length) {
    if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
      abort_on_crypto_failure("RAND_bytes");
    }
    for (const unsigned char byte : buffer) {
      if (byte < k_limit && out.size() < length) {
        out.push_back(k_salt_alphabet[byte % k_salt_alphabet.size()]);
      }
    }
  }
  return out;
}

const EVP_MD* digest_for(std::string_view algorithm) {
  if (algorithm == k_sha256_algorithm) return EVP_sha256();
  if (algorithm == k_sha1_algorithm) return EVP_sha1();
  return nullptr;
}

// Base64 of PBKDF2-HMAC(digest) with the digest's own length as key length, as Django does.
std::optional<std::string> pbkdf2_base64(const EVP_MD* digest, std::string_view password,
                                         std::string_view salt, std::uint32_t iterations) {
  const int key_length = EVP_MD_get_size(digest);
  std::vector<unsigned char> key(static_cast<std::size_t>(key_length));
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), static_cast<int>(iterations), digest,
                        key_length, key.data()) != 1) {
    return std::nullopt;
  }
  std::string encoded(4 * ((key.size() + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), key.data(), key_length);
  encoded.resize(static_cast<std::size_t>(written));
  return encoded;
}

std::optional<EncodedPassword> parse(std::string_view encoded) {
  std::array<std::string_view, 4> fields;
  for (std::size_t idx = 0; idx < 3; ++idx) {
    const std::size_t dollar = encoded.find('$');
    if (dollar == std::string_view::npos) return std::nullopt;
    fields[idx] = encoded.substr(0, dollar);
    encoded.remove_prefix(dollar + 1);
  }
  fields[3] = encoded;

  EncodedPassword parsed{.algorithm = fields[0], .salt = fields[2], .hash = fields[3]};
  const std::string_view count = fields[1];
  const auto [end, error] =
      std::from_chars(count.data(), count.data() + count.size(), parsed.iterations);
  if (error != std::errc{} || end != count.data() + count.size()) return std::nullopt;
  if (parsed.iterations == 0 || parsed.iterations > k_max_pbkdf2_iterations) return std::nullopt;
  if (parsed.salt.empty() || parsed.hash.empty()) return std::nullopt;
  return parsed;
}

}  // namespace

std::string make_password(std::string_view password, std::uint32_t iterations) {
  assert(iterations >= 1 && iterations <= k_max_pbkdf2_iterations);
  const std::string salt = random_string(k_salt_length);
  const auto hash = pbkdf2_base64(EVP_sha256(), password, salt, iterations);
  if (!hash) abort_on_crypto_failure("PKCS5_PBKDF2_HMAC");
  return std::string(k_sha256_algorithm) + '$' + std::to_string(iterations) + '$' + salt + '$' +
         *hash;
}

bool check_password(std::string_view password, std::string_view encoded) {
  const auto parsed = parse(encoded);
  if (!parsed) return false;
  const EVP_MD* digest = digest_for(parsed->algorithm);
  if (digest == nullptr) return false;

  const auto expected = pbkdf2_base64(digest, password, parsed->salt, parsed->iterations);
  if (!expected || expected->size() != parsed->hash.size()) return false;
  return CRYPTO_memcmp(expected->data(), parsed->hash.data(), expected->size()) == 0;
}

std::string make_unusable_password() { return "!" + random_string(k_unusable_suffix_length); }

bool is_password_usable(std::string_view encoded) { return !encoded.starts_with('!'); }

bool password_needs_update(std::string_view encoded) {
  if (!is_password_usable(encoded)) return false;
  const auto parsed = parse(encoded);
  if (!parsed || parsed->algorithm != k_sha256_algorithm) return true;
  return parsed->iterations != k_default_pbkdf2_iterations || parsed->salt.size() < k_salt_length;
}

}  // namespace quire::auth
