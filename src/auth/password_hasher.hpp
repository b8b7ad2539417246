#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quire::auth {

/// The PBKDF2 iteration count of Django 5.2, which paperless-ngx 2.19 runs. New hashes use it;
/// hashes with fewer iterations still verify and are reported by `password_needs_update`.
inline constexpr std::uint32_t k_default_pbkdf2_iterations = 1'000'000;

/// Stored hashes claiming more iterations are refused, so that a hostile value (say, from an
/// imported manifest) cannot stall a login for minutes.
inline constexpr std::uint32_t k_max_pbkdf2_iterations = 100'000'000;

/// Hashes `password` (UTF-8) in Django's format
/// `pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte PBKDF2-HMAC-SHA256 key>`, with a
/// fresh 22-character salt drawn from `[A-Za-z0-9]` by the OpenSSL CSPRNG. Takes time in
/// proportion to `iterations` (about half a second at the default). `iterations` must be from
/// 1 to `k_max_pbkdf2_iterations` (asserted). Never fails: a broken random source or OpenSSL
/// failure aborts, since a guessable salt must never be stored.
[[nodiscard]] std::string make_password(std::string_view password,
                                        std::uint32_t iterations = k_default_pbkdf2_iterations);

/// True when `password` produces `encoded`. Understands Django's `pbkdf2_sha256` and
/// `pbkdf2_sha1`; every other algorithm (`argon2`, `bcrypt_sha256`, `md5`…), an unusable
/// password (starting with `!`), an empty or malformed value gives false, never an error.
/// Compares the hash in constant time. Iteration counts above `k_max_pbkdf2_iterations` give
/// false.
[[nodiscard]] bool check_password(std::string_view password, std::string_view encoded);

/// A value that no password matches, in Django's form: `!` followed by 40 random characters.
[[nodiscard]] std::string make_unusable_password();

/// False for values made by `make_unusable_password` (and anything else starting with `!`).
[[nodiscard]] bool is_password_usable(std::string_view encoded);

/// True when a usable `encoded` should be rehashed after a successful login: another algorithm
/// than `pbkdf2_sha256`, or a different iteration count than `k_default_pbkdf2_iterations`.
[[nodiscard]] bool password_needs_update(std::string_view encoded);

}  // namespace quire::auth
