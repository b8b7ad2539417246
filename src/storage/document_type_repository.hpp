#pragma once

#include "storage/matching_repository.hpp"

namespace quire::storage {

/// Create, get, list and find `DocumentType` rows; see `MatchingRepository`.
using DocumentTypeRepository = MatchingRepository<DocumentType>;

}  // namespace quire::storage
