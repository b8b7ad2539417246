#pragma once

#include "storage/matching_repository.hpp"

namespace quire::storage {

/// Create, get, list and find `Correspondent` rows; see `MatchingRepository`.
using CorrespondentRepository = MatchingRepository<Correspondent>;

}  // namespace quire::storage
