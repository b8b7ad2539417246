#pragma once

#include "parsing/parser.hpp"

#include <string_view>
#include <vector>

namespace quire::parsing {

/// The properties of an XMP packet, one entry per `{namespace}key`, in document order
/// (pipeline.md §6.7). Simple values are taken as text; `rdf:Seq`/`rdf:Bag` lists are joined
/// with single spaces and an `rdf:Alt` gives its first item, as pikepdf does. Structured
/// values (nested resources) are left out. The prefix is the one the packet declares.
///
/// Never fails: a malformed packet yields the entries read before the damage, or none. No
/// entity or external resource is ever loaded.
[[nodiscard]] std::vector<MetadataEntry> parse_xmp(std::string_view packet);

}  // namespace quire::parsing
