#include "parsing/pdf/xmp.hpp"

#include "util/strings.hpp"

#include <climits>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <memory>
#include <optional>
#include <string>

namespace quire::parsing {
namespace {

constexpr std::string_view k_rdf_namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct DocumentDeleter {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
// xmlFree is a function pointer variable, so it cannot be a unique_ptr deleter type itself.
struct XmlStringDeleter {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

std::string_view as_view(const xmlChar* text) {
  return text == nullptr ? std::string_view() : reinterpret_cast<const char*>(text);
}

bool in_rdf(const xmlNode* node) {
  return node->ns != nullptr && as_view(node->ns->href) == k_rdf_namespace;
}

bool is_rdf_element(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && in_rdf(node) && as_view(node->name) == name;
}

std::string text_of(const xmlNode* node) {
  const std::unique_ptr<xmlChar, XmlStringDeleter> content(xmlNodeGetContent(node));
  return std::string(util::trim(as_view(content.get())));
}

MetadataEntry make_entry(const xmlNs* ns, const xmlChar* name, std::string value) {
  return MetadataEntry{std::string(as_view(ns->href)), std::string(as_view(ns->prefix)),
                       std::string(as_view(name)), std::move(value)};
}

// The value of a property element, or nothing for a structure we do not flatten.
std::optional<std::string> property_value(const xmlNode* property) {
  const xmlNode* child = property->children;
  while (child != nullptr && child->type != XML_ELEMENT_NODE) child = child->next;
  if (child == nullptr) return text_of(property);

  const bool is_list = is_rdf_element(child, "Seq") || is_rdf_element(child, "Bag");
  if (!is_list && !is_rdf_element(child, "Alt")) return std::nullopt;
  std::string joined;
  for (const xmlNode* item = child->children; item != nullptr; item = item->next) {
    if (!is_rdf_element(item, "li")) continue;
    if (!is_list) return text_of(item);
    if (!joined.empty()) joined.push_back(' ');
    joined += text_of(item);
  }
  return joined;
}

void read_description(const xmlNode* description, std::vector<MetadataEntry>& entries) {
  for (const xmlAttr* attribute = description->properties; attribute != nullptr;
       attribute = attribute->next) {
    if (attribute->ns == nullptr || as_view(attribute->ns->href) == k_rdf_namespace) continue;
    entries.push_back(make_entry(attribute->ns, attribute->name, text_of(attribute->children)));
  }
  for (const xmlNode* property = description->children; property != nullptr;
       property = property->next) {
    if (property->type != XML_ELEMENT_NODE || property->ns == nullptr) continue;
    if (auto value = property_value(property)) {
      entries.push_back(make_entry(property->ns, property->name, std::move(*value)));
    }
  }
}

void collect_descriptions(const xmlNode* node, std::vector<MetadataEntry>& entries) {
  for (; node != nullptr; node = node->next) {
    if (is_rdf_element(node, "Description")) {
      read_description(node, entries);
    } else if (node->type == XML_ELEMENT_NODE) {
      collect_descriptions(node->children, entries);
    }
  }
}

}  // namespace

std::vector<MetadataEntry> parse_xmp(std::string_view packet) {
  std::vector<MetadataEntry> entries;
  if (packet.empty() || packet.size() > INT_MAX) return entries;
  // NONET and no NOENT: entities stay unexpanded and nothing is fetched, whatever the PDF says.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_RECOVER | XML_PARSE_NOBLANKS;
  const std::unique_ptr<xmlDoc, DocumentDeleter> document(
      xmlReadMemory(packet.data(), static_cast<int>(packet.size()), "xmp.xml", nullptr, options));
  if (document == nullptr) return entries;
  collect_descriptions(xmlDocGetRootElement(document.get()), entries);
  return entries;
}

}  // namespace quire::parsing
