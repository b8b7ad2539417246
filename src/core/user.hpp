#pragma once

#include "core/ids.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>

namespace quire {

/// An account: one row of Django's `auth_user`.
struct User {
  UserId id = 0;
  std::string username;  ///< at most 150 characters, unique
  /// Django's hash string, e.g. `pbkdf2_sha256$870000$<salt>$<base64>`; never the password.
  std::string password;
  std::string email;
  std::string first_name;
  std::string last_name;
  bool is_staff = false;  ///< may read logs and the system status
  bool is_active = true;
  bool is_superuser = false;
  Timestamp date_joined{};
  std::optional<Timestamp> last_login;
};

}  // namespace quire
