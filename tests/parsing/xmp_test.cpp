#include "parsing/pdf/xmp.hpp"

#include <gtest/gtest.h>

namespace quire::parsing {
namespace {

constexpr std::string_view k_packet = R"(<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
      pdf:Producer="Quire &amp; friends">
   <pdf:Keywords>invoice, tax</pdf:Keywords>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:creator><rdf:Seq><rdf:li>Ann</rdf:li><rdf:li>Bob</rdf:li></rdf:Seq></dc:creator>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Report</rdf:li>
     <rdf:li xml:lang="de">Bericht</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>)";

TEST(XmpTest, ReadsAttributesElementsAndCollections) {
  const auto entries = parse_xmp(k_packet);
  const std::vector<MetadataEntry> expected{
      {"http://ns.adobe.com/pdf/1.3/", "pdf", "Producer", "Quire & friends"},
      {"http://ns.adobe.com/pdf/1.3/", "pdf", "Keywords", "invoice, tax"},
      {"http://purl.org/dc/elements/1.1/", "dc", "creator", "Ann Bob"},
      {"http://purl.org/dc/elements/1.1/", "dc", "title", "Report"},
  };
  EXPECT_EQ(entries, expected);
}

TEST(XmpTest, ToleratesGarbage) {
  EXPECT_TRUE(parse_xmp("").empty());
  EXPECT_TRUE(parse_xmp("not xml at all <<<").empty());
}

TEST(XmpTest, DoesNotExpandExternalEntities) {
  const std::string hostile = R"(<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
 <rdf:Description><pdf:Producer>&secret;</pdf:Producer></rdf:Description>
</rdf:RDF>)";
  for (const auto& entry : parse_xmp(hostile)) {
    EXPECT_EQ(entry.value.find("root:"), std::string::npos);
  }
}

}  // namespace
}  // namespace quire::parsing
