#pragma once

#include "core/error.hpp"
#include "core/user.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace quire::storage {

/// Rows of Django's `auth_user`. Passwords are stored as the hash string the caller made (see
/// auth/); this class never sees a clear password. Stateless: every method takes the
/// transaction it runs in.
class UserRepository {
 public:
  /// Inserts `user` (its `id` is ignored; `date_joined` defaults to now) and returns the new
  /// id. Errors: `conflict` when the username is taken, `invalid_argument` for an empty or
  /// over-long (150 characters) username.
  [[nodiscard]] static Result<UserId> create(WriteContext& context, const User& user);

  [[nodiscard]] static Result<std::optional<User>> get(ReadContext& context, UserId id);

  /// Exact, case-sensitive match, as Django's default user model does.
  [[nodiscard]] static Result<std::optional<User>> find_by_username(ReadContext& context,
                                                                    std::string_view username);

  /// All users, ordered by id.
  [[nodiscard]] static Result<std::vector<User>> list(ReadContext& context);

  [[nodiscard]] static Result<bool> any_superuser_exists(ReadContext& context);

  /// Replaces the stored hash. Errors: `not_found` for an unknown user.
  [[nodiscard]] static Status set_password(WriteContext& context, UserId id,
                                           std::string_view password_hash);
};

}  // namespace quire::storage
