#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace quire::auth {
namespace {

// Expected values computed with Python's hashlib.pbkdf2_hmac and base64.b64encode, i.e. what
// Django's PBKDF2PasswordHasher stores for these salts and iteration counts.
constexpr std::string_view k_sha256_vector =
    "pbkdf2_sha256$1000$seasalt0123456789abcd$nySDhAwEcePvv8vS8xyx86PXyKd0JHF0Bb0QYGs0yj4=";
constexpr std::string_view k_empty_password_vector =
    "pbkdf2_sha256$1$emptypwsaltvalue123456$lSwXIHbu4BzsXIlseju+jPBKhDNBjPjoqGxOzVCzYb4=";
constexpr std::string_view k_unicode_vector =
    "pbkdf2_sha256$2000$UnicodeSaltXYZ$kHkl9VIjv2emhyyequrrxepumWUoWtN6nSWSpRaW7p4=";
constexpr std::string_view k_sha1_vector = "pbkdf2_sha1$500$sha1salt$Ig8FK377MzdTNjayHr8CwHcr0PQ=";
constexpr std::string_view k_default_iterations_vector =
    "pbkdf2_sha256$1000000$H6tiUbSXmXgQ1nKc4Ke0B0$7lE+ukNv/MTFoaqkfJdOhG9V8haQAZZrKOKU2w/vxCQ=";

TEST(PasswordHasherTest, VerifiesPythonComputedSha256Vector) {
  EXPECT_TRUE(check_password("correct horse", k_sha256_vector));
  EXPECT_FALSE(check_password("correct horsE", k_sha256_vector));
  EXPECT_FALSE(check_password("", k_sha256_vector));
}

TEST(PasswordHasherTest, VerifiesEmptyPasswordAndUtf8Password) {
  EXPECT_TRUE(check_password("", k_empty_password_vector));
  EXPECT_FALSE(check_password(" ", k_empty_password_vector));
  EXPECT_TRUE(check_password("pässwörd ✓", k_unicode_vector));
  EXPECT_FALSE(check_password("passwort", k_unicode_vector));
}

TEST(PasswordHasherTest, VerifiesSha1Vector) {
  EXPECT_TRUE(check_password("hunter2", k_sha1_vector));
  EXPECT_FALSE(check_password("hunter3", k_sha1_vector));
}

TEST(PasswordHasherTest, VerifiesHashWithDjangoDefaultIterations) {
  EXPECT_TRUE(check_password("paperless", k_default_iterations_vector));
  EXPECT_FALSE(password_needs_update(k_default_iterations_vector));
}

TEST(PasswordHasherTest, MakesDjangoFormatThatVerifies) {
  const std::string encoded = make_password("s3cret", 1200);
  ASSERT_TRUE(encoded.starts_with("pbkdf2_sha256$1200$"));
  const std::string salt = encoded.substr(19, encoded.find('$', 19) - 19);
  EXPECT_EQ(salt.size(), 22U);
  for (const char c : salt) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << salt;
  EXPECT_EQ(encoded.size() - encoded.rfind('$') - 1, 44U);  // base64 of 32 bytes
  EXPECT_TRUE(check_password("s3cret", encoded));
  EXPECT_FALSE(check_password("s3creT", encoded));
}

TEST(PasswordHasherTest, UsesDjango52IterationsByDefault) {
  EXPECT_EQ(k_default_pbkdf2_iterations, 1'000'000U);
  const std::string encoded = make_password("x");
  EXPECT_TRUE(encoded.starts_with("pbkdf2_sha256$1000000$"));
  EXPECT_TRUE(check_password("x", encoded));
}

TEST(PasswordHasherTest, DrawsAFreshSaltEachTime) {
  std::set<std::string> hashes;
  for (int idx = 0; idx < 5; ++idx) hashes.insert(make_password("same", 1));
  EXPECT_EQ(hashes.size(), 5U);
}

TEST(PasswordHasherTest, RejectsUnknownAlgorithmsAndUnusableValues) {
  EXPECT_FALSE(check_password("x", "argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaA"));
  EXPECT_FALSE(check_password("x", "bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv"));
  EXPECT_FALSE(check_password("x", "md5$salt$0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(check_password("", "!"));
  EXPECT_FALSE(check_password("", ""));
  const std::string unusable = make_unusable_password();
  EXPECT_EQ(unusable.size(), 41U);
  EXPECT_FALSE(is_password_usable(unusable));
  EXPECT_FALSE(check_password("", unusable));
  EXPECT_TRUE(is_password_usable(k_sha256_vector));
}

TEST(PasswordHasherTest, RejectsMalformedValuesWithoutCrashing) {
  for (const std::string_view bad :
       {"pbkdf2_sha256", "pbkdf2_sha256$", "pbkdf2_sha256$1000$salt", "pbkdf2_sha256$$salt$hash",
        "pbkdf2_sha256$-5$salt$hash", "pbkdf2_sha256$0$salt$hash", "pbkdf2_sha256$1e3$salt$hash",
        "pbkdf2_sha256$99999999999999999999$salt$hash", "pbkdf2_sha256$4000000000$salt$hash",
        "pbkdf2_sha256$1000$$hash", "pbkdf2_sha256$1000$salt$", "$$$"}) {
    EXPECT_FALSE(check_password("x", bad)) << bad;
  }
  // A correct hash with a truncated or extended tail must fail too.
  const std::string vector(k_sha256_vector);
  EXPECT_FALSE(check_password("correct horse", vector.substr(0, vector.size() - 1)));
  EXPECT_FALSE(check_password("correct horse", vector + "A"));
}

TEST(PasswordHasherTest, FlagsHashesThatNeedAnUpdate) {
  EXPECT_TRUE(password_needs_update(k_sha256_vector));  // 1000 iterations
  EXPECT_TRUE(password_needs_update(k_sha1_vector));
  EXPECT_TRUE(password_needs_update("argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA"));
  EXPECT_FALSE(password_needs_update(make_unusable_password()));
}

}  // namespace
}  // namespace quire::auth
