#include "util/uuid.hpp"

#include <fmt/core.h>

#include <array>
#include <cstdint>
#include <random>

namespace quire::util {

std::string random_uuid() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t idx = 0; idx < bytes.size(); idx += 8) {
    const std::uint64_t word = generator();
    for (std::size_t shift = 0; shift < 8; ++shift) {
      bytes[idx + shift] = static_cast<std::uint8_t>(word >> (8 * shift));
    }
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string text;
  for (std::size_t idx = 0; idx < bytes.size(); ++idx) {
    if (idx == 4 || idx == 6 || idx == 8 || idx == 10) text += '-';
    text += fmt::format("{:02x}", bytes[idx]);
  }
  return text;
}

}  // namespace quire::util
