#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <charconv>

namespace quire::storage {
namespace {

using std::chrono::days;
using std::chrono::microseconds;

// Reads exactly `width` digits at `pos`; advances `pos`.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t digit_idx = 0; digit_idx < width; ++digit_idx) {
    const char c = text[pos + digit_idx];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char wanted) {
  if (pos >= text.size() || text[pos] != wanted) {
    return false;
  }
  ++pos;
  return true;
}

std::optional<Date> parse_date_at(std::string_view text, std::size_t& pos) {
  const auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) {
    return std::nullopt;
  }
  const auto month = digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) {
    return std::nullopt;
  }
  const auto day = digits(text, pos, 2);
  if (!day) {
    return std::nullopt;
  }
  const Date date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return date;
}

// Fraction of a second with 1 to 6 digits (PostgreSQL drops trailing zeros).
std::optional<microseconds> parse_fraction(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || text[pos] != '.') {
    return microseconds{0};
  }
  ++pos;
  long long value = 0;
  std::size_t count = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (count < 6) {
      value = value * 10 + (text[pos] - '0');
      ++count;
    }
    ++pos;
  }
  if (count == 0) {
    return std::nullopt;
  }
  for (; count < 6; ++count) {
    value *= 10;
  }
  return microseconds{value};
}

// `Z`, `±HH`, `±HH:MM`, `±HHMM` or nothing (UTC); returns the offset east of UTC.
std::optional<std::chrono::minutes> parse_zone(std::string_view text, std::size_t& pos) {
  if (pos == text.size()) {
    return std::chrono::minutes{0};
  }
  if (text[pos] == 'Z') {
    ++pos;
    return std::chrono::minutes{0};
  }
  if (text[pos] != '+' && text[pos] != '-') {
    return std::nullopt;
  }
  const int sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  const auto hours = digits(text, pos, 2);
  if (!hours) {
    return std::nullopt;
  }
  int minutes = 0;
  if (pos < text.size()) {
    expect(text, pos, ':');
    const auto parsed = digits(text, pos, 2);
    if (!parsed) {
      return std::nullopt;
    }
    minutes = *parsed;
  }
  return std::chrono::minutes{sign * (*hours * 60 + minutes)};
}

}  // namespace

std::string format_timestamp(Timestamp value) {
  const auto day = std::chrono::floor<days>(value);
  const Date date{day};
  const std::chrono::hh_mm_ss time{value - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count(),
                     time.subseconds().count());
}

std::string format_date(Date value) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(value.year()),
                     static_cast<unsigned>(value.month()), static_cast<unsigned>(value.day()));
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  const auto date = parse_date_at(text, pos);
  if (!date || pos >= text.size() || (text[pos] != ' ' && text[pos] != 'T')) {
    return std::nullopt;
  }
  ++pos;
  const auto hours = digits(text, pos, 2);
  const bool colon1 = expect(text, pos, ':');
  const auto minutes = digits(text, pos, 2);
  const bool colon2 = expect(text, pos, ':');
  const auto seconds = digits(text, pos, 2);
  if (!hours || !colon1 || !minutes || !colon2 || !seconds || *hours > 23 || *minutes > 59 ||
      *seconds > 60) {
    return std::nullopt;
  }
  const auto fraction = parse_fraction(text, pos);
  const auto zone = fraction ? parse_zone(text, pos) : std::nullopt;
  if (!zone || pos != text.size()) {
    return std::nullopt;
  }
  const auto local = std::chrono::sys_days{*date} + std::chrono::hours{*hours} +
                     std::chrono::minutes{*minutes} + std::chrono::seconds{*seconds} + *fraction;
  return Timestamp{local - *zone};
}

std::optional<Date> parse_date(std::string_view text) {
  std::size_t pos = 0;
  return parse_date_at(text, pos);
}

SqlValue to_sql(bool value) { return std::int64_t{value ? 1 : 0}; }
SqlValue to_sql(std::int64_t value) { return value; }
SqlValue to_sql(std::string value) { return value; }
SqlValue to_sql(Timestamp value) { return format_timestamp(value); }
SqlValue to_sql(Date value) { return format_date(value); }

const std::optional<std::string>* RowReader::next() {
  if (m_column >= m_row.size()) {
    record("a column", nullptr);
    ++m_column;
    return nullptr;
  }
  return &m_row[m_column++];
}

void RowReader::record(std::string_view expected, const std::optional<std::string>* cell) {
  if (m_problem) {
    return;
  }
  const std::string found = cell == nullptr     ? "nothing"
                            : cell->has_value() ? "'" + **cell + "'"
                                                : "NULL";
  m_problem =
      fmt::format("{} column {}: expected {}, found {}", m_table, m_column, expected, found);
}

std::optional<std::int64_t> RowReader::decode_integer(const std::optional<std::string>* cell) {
  std::int64_t value = 0;
  const std::string& text = **cell;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    record("an integer", cell);
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> RowReader::optional_integer() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    return std::nullopt;
  }
  return decode_integer(cell);
}

std::int64_t RowReader::integer() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    record("an integer", cell);
    return 0;
  }
  return decode_integer(cell).value_or(0);
}

double RowReader::real() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    record("a number", cell);
    return 0.0;
  }
  try {
    return std::stod(**cell);
  } catch (const std::exception&) {
    record("a number", cell);
    return 0.0;
  }
}

std::optional<std::string> RowReader::optional_text() {
  const auto* cell = next();
  if (cell == nullptr) {
    return std::nullopt;
  }
  return *cell;
}

std::string RowReader::text() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    record("text", cell);
    return {};
  }
  return **cell;
}

bool RowReader::boolean() {
  const auto* cell = next();
  if (cell != nullptr && cell->has_value()) {
    const std::string& text = **cell;
    if (text == "1" || text == "t" || text == "true") {
      return true;
    }
    if (text == "0" || text == "f" || text == "false") {
      return false;
    }
  }
  record("a boolean", cell);
  return false;
}

std::optional<Timestamp> RowReader::decode_timestamp(const std::optional<std::string>* cell) {
  const auto value = parse_timestamp(**cell);
  if (!value) {
    record("a timestamp", cell);
  }
  return value;
}

std::optional<Timestamp> RowReader::optional_timestamp() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    return std::nullopt;
  }
  return decode_timestamp(cell);
}

Timestamp RowReader::timestamp() {
  const auto* cell = next();
  if (cell == nullptr || !cell->has_value()) {
    record("a timestamp", cell);
    return Timestamp{};
  }
  return decode_timestamp(cell).value_or(Timestamp{});
}

Date RowReader::date() {
  const auto* cell = next();
  const auto value = cell != nullptr && cell->has_value() ? parse_date(**cell) : std::nullopt;
  if (!value) {
    record("a date", cell);
    return Date{};
  }
  return *value;
}

void RowReader::invalid(std::string message) {
  if (!m_problem) {
    m_problem = fmt::format("{}: {}", m_table, message);
  }
}

Status RowReader::status() const {
  if (m_problem) {
    return fail(ErrorCode::corruption, *m_problem);
  }
  return {};
}

std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    // Count every byte except UTF-8 continuation bytes (10xxxxxx).
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

}  // namespace quire::storage
