#pragma once

#include "storage/matching_repository.hpp"

namespace quire::storage {

/// Create, get, list and find `StoragePath` rows; see `MatchingRepository`.
using StoragePathRepository = MatchingRepository<StoragePath>;

}  // namespace quire::storage
