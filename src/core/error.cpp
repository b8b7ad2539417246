#include "core/error.hpp"

namespace quire {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::not_implemented: return "not_implemented";
    case ErrorCode::internal: return "internal";
    case ErrorCode::corruption: return "corruption";
    case ErrorCode::io: return "io";
  }
  return "unknown";
}

}  // namespace quire
