#include "storage/user_repository.hpp"

#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <chrono>

namespace quire::storage {
namespace {

constexpr std::string_view k_table = "auth_user";
constexpr std::string_view k_columns =
    "id, username, password, email, first_name, last_name, is_staff, is_active, is_superuser, "
    "date_joined, last_login";
constexpr std::size_t k_column_count = 11;
constexpr std::size_t k_max_username = 150;

User decode(RowReader& reader) {
  User user;
  user.id = reader.integer();
  user.username = reader.text();
  user.password = reader.text();
  user.email = reader.text();
  user.first_name = reader.text();
  user.last_name = reader.text();
  user.is_staff = reader.boolean();
  user.is_active = reader.boolean();
  user.is_superuser = reader.boolean();
  user.date_joined = reader.timestamp();
  user.last_login = reader.optional_timestamp();
  return user;
}

Result<std::vector<User>> select_users(Session& session, std::string_view tail,
                                       const SqlParams& params) {
  auto rows = session.query(fmt::format("SELECT {} FROM {} {}", k_columns, k_table, tail),
                            k_column_count, params);
  return decode_rows<User>(std::move(rows), k_table, decode);
}

}  // namespace

Result<UserId> UserRepository::create(WriteContext& context, const User& user) {
  const std::size_t length = character_count(user.username);
  if (length == 0 || length > k_max_username) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("username '{}' must have 1 to {} characters", user.username, k_max_username));
  }
  const Timestamp joined =
      user.date_joined != Timestamp{}
          ? user.date_joined
          : std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto id = context.session().insert(
      "INSERT INTO auth_user (username, password, email, first_name, last_name, is_staff, "
      "is_active, is_superuser, date_joined, last_login) VALUES (:username, :password, :email, "
      ":first_name, :last_name, :is_staff, :is_active, :is_superuser, :date_joined, :last_login)",
      {to_sql(user.username), to_sql(user.password), to_sql(user.email), to_sql(user.first_name),
       to_sql(user.last_name), to_sql(user.is_staff), to_sql(user.is_active),
       to_sql(user.is_superuser), to_sql(joined), to_sql(user.last_login)});
  if (!id && id.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict, fmt::format("user '{}' already exists", user.username));
  }
  return id;
}

Result<std::optional<User>> UserRepository::get(ReadContext& context, UserId id) {
  return first_or_none(select_users(context.session(), "WHERE id = :id", {to_sql(id)}));
}

Result<std::optional<User>> UserRepository::find_by_username(ReadContext& context,
                                                             std::string_view username) {
  return first_or_none(select_users(context.session(), "WHERE username = :username",
                                    {to_sql(std::string(username))}));
}

Result<std::vector<User>> UserRepository::list(ReadContext& context) {
  return select_users(context.session(), "ORDER BY id", {});
}

Result<bool> UserRepository::any_superuser_exists(ReadContext& context) {
  auto count = context.session().query_integer(
      fmt::format("SELECT COUNT(*) FROM auth_user WHERE is_superuser = {}",
                  context.session().bool_literal(true)));
  if (!count) {
    return fail(count.error());
  }
  return count->value_or(0) > 0;
}

Status UserRepository::set_password(WriteContext& context, UserId id,
                                    std::string_view password_hash) {
  auto changed =
      context.session().execute("UPDATE auth_user SET password = :password WHERE id = :id",
                                {to_sql(std::string(password_hash)), to_sql(id)});
  if (!changed) {
    return fail(changed.error());
  }
  if (*changed == 0) {
    return fail(ErrorCode::not_found, fmt::format("no user with id {}", id));
  }
  return {};
}

}  // namespace quire::storage
