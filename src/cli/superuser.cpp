#include "cli/superuser.hpp"

#include "auth/password_hasher.hpp"
#include "storage/database.hpp"
#include "storage/user_repository.hpp"

#include <spdlog/spdlog.h>

namespace quire::cli {

Status create_superuser(storage::Database& database, const std::string& username,
                        const std::string& email, const std::string& password) {
  User user;
  user.username = username;
  user.email = email;
  user.password = auth::make_password(password);
  user.is_staff = true;
  user.is_superuser = true;
  return database.write([&](storage::WriteContext& tx) -> Status {
    auto created = storage::UserRepository::create(tx, user);
    if (!created) return fail(created.error());
    return {};
  });
}

Result<AdminOutcome> manage_superuser(storage::Database& database,
                                      const config::AdminSettings& admin) {
  auto state = database.read([&](storage::ReadContext& tx) -> Result<AdminOutcome> {
    auto existing = storage::UserRepository::find_by_username(tx, admin.user);
    if (!existing) return fail(existing.error());
    if (*existing) return AdminOutcome::user_exists;
    auto any = storage::UserRepository::any_superuser_exists(tx);
    if (!any) return fail(any.error());
    if (*any) return AdminOutcome::superuser_exists;
    return admin.password ? AdminOutcome::created : AdminOutcome::no_password;
  });
  if (!state || *state != AdminOutcome::created) return state;

  if (auto created = create_superuser(database, admin.user, admin.mail, *admin.password);
      !created) {
    return fail(created.error());
  }
  return AdminOutcome::created;
}

Status ensure_admin_user(storage::Database& database, const config::AdminSettings& admin) {
  if (!admin.user_set || admin.user.empty()) return {};
  auto outcome = manage_superuser(database, admin);
  if (!outcome) return fail(outcome.error());
  if (*outcome == AdminOutcome::created) {
    spdlog::get("cli")->info("created superuser username={}", admin.user);
  } else if (*outcome == AdminOutcome::no_password) {
    spdlog::get("cli")->warn("PAPERLESS_ADMIN_USER is set but PAPERLESS_ADMIN_PASSWORD is not; "
                             "no superuser created username={}", admin.user);
  }
  return {};
}

}  // namespace quire::cli
