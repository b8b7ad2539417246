#pragma once

#include <cstdint>

namespace quire {

/// Primary keys are the auto-increment integers paperless-ngx uses, so exported ids survive a
/// round trip. Distinct aliases keep signatures readable; they do not prevent mix-ups.
using Id = std::int64_t;
using DocumentId = Id;
using TagId = Id;
using CorrespondentId = Id;
using DocumentTypeId = Id;
using StoragePathId = Id;
using UserId = Id;
using GroupId = Id;
using CustomFieldId = Id;

}  // namespace quire
