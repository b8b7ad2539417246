#include "util/utf8.hpp"

namespace quire::util {
namespace {

constexpr char32_t k_replacement = 0xFFFD;

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// The number of bytes a sequence led by `lead` has, or 0 for a byte that cannot start one
// (continuation bytes, the overlong leads C0/C1 and F5..FF).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80U) return 1;
  if (lead >= 0xC2U && lead <= 0xDFU) return 2;
  if (lead >= 0xE0U && lead <= 0xEFU) return 3;
  if (lead >= 0xF0U && lead <= 0xF4U) return 4;
  return 0;
}

// The second byte has a narrower range after some leads; this rules out overlong forms,
// UTF-16 surrogates and code points beyond U+10FFFF without decoding first.
bool second_byte_valid(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0U:
      return second >= 0xA0U && second <= 0xBFU;
    case 0xEDU:
      return second >= 0x80U && second <= 0x9FU;
    case 0xF0U:
      return second >= 0x90U && second <= 0xBFU;
    case 0xF4U:
      return second >= 0x80U && second <= 0x8FU;
    default:
      return is_continuation(second);
  }
}

// How many bytes from `pos` form a valid sequence (its full length), or, when invalid, the
// negated length of the maximal invalid subpart (at least 1).
long valid_prefix(std::string_view bytes, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(bytes[pos]);
  const std::size_t length = sequence_length(lead);
  if (length == 0) return -1;
  for (std::size_t offset = 1; offset < length; ++offset) {
    if (pos + offset >= bytes.size()) return -static_cast<long>(offset);
    const auto byte = static_cast<unsigned char>(bytes[pos + offset]);
    const bool ok = offset == 1 ? second_byte_valid(lead, byte) : is_continuation(byte);
    if (!ok) return -static_cast<long>(offset);
  }
  return static_cast<long>(length);
}

}  // namespace

LossyUtf8 decode_utf8_lossy(std::string_view bytes) {
  LossyUtf8 result;
  result.text.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const long prefix = valid_prefix(bytes, pos);
    if (prefix > 0) {
      result.text.append(bytes.substr(pos, static_cast<std::size_t>(prefix)));
      pos += static_cast<std::size_t>(prefix);
      continue;
    }
    append_utf8(result.text, k_replacement);
    ++result.replaced_count;
    pos += static_cast<std::size_t>(-prefix);
  }
  return result;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const long prefix = valid_prefix(text, pos);
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (prefix <= 0) {
    ++pos;
    return lead;
  }
  const auto length = static_cast<std::size_t>(prefix);
  static constexpr unsigned char k_lead_mask[] = {0, 0x7FU, 0x1FU, 0x0FU, 0x07U};
  char32_t code_point = lead & k_lead_mask[length];
  for (std::size_t offset = 1; offset < length; ++offset) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[pos + offset]) & 0x3FU);
  }
  pos += length;
  return code_point;
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace quire::util
