#include "media/template/template.hpp"

#include "render_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::media::tmpl {
namespace {

Object sample_context() {
  Object context;
  context.fields["title"] = Value("Does Matter");
  context.fields["asn"] = Value::placeholder();
  context.fields["number"] = Value(std::int64_t{25});
  context.fields["names"] = Value(List{Value("b"), Value("a"), Value("c")});
  context.fields["document"] =
      make_object({{"checksum", Value("2")},
                   {"archive_serial_number", Value(std::int64_t{301})},
                   {"correspondent", make_object({{"id", Value(3)}, {"name", Value("mi:kochkach")}},
                                                 std::string("mi:kochkach"))}});
  return context;
}

Result<std::string> render(std::string_view source, const Object& context = sample_context(),
                           const TemplateLimits& limits = {}) {
  return test::render(source, context, limits);
}

std::string render_ok(std::string_view source) { return test::render_ok(source, sample_context()); }

void expect_error(std::string_view source, std::string_view fragment) {
  auto result = render(source);
  ASSERT_FALSE(result.has_value()) << source << " rendered " << *result;
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(result.error().message.find(fragment), std::string::npos)
      << source << ": " << result.error().message;
}

TEST(TemplateTest, RendersTextAndVariables) {
  EXPECT_EQ(render_ok("plain text"), "plain text");
  EXPECT_EQ(render_ok("{{ title }}/{{title}}"), "Does Matter/Does Matter");
  EXPECT_EQ(render_ok("{{ document.correspondent }}"), "mi:kochkach");
  EXPECT_EQ(render_ok("{{ document.correspondent.id }}"), "3");
  EXPECT_EQ(render_ok("{{ document['checksum'] }}"), "2");
  EXPECT_EQ(render_ok("{{ names }}"), "['b', 'a', 'c']");
  EXPECT_EQ(render_ok("{{ names[0] }}{{ names[-1] }}{{ names.1 }}"), "bca");
}

TEST(TemplateTest, EvaluatesLiteralsAndArithmetic) {
  EXPECT_EQ(render_ok("{{ 'it''s' }}"), "its");
  EXPECT_EQ(render_ok("{{ \"a\\\"b\" }}"), "a\"b");
  EXPECT_EQ(render_ok("{{ document.archive_serial_number - 2 }}"), "299");
  EXPECT_EQ(render_ok("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }}"),
            "3 -4 1 3.5 1024");
  EXPECT_EQ(render_ok("{{ 1.5 + 1 }} {{ 2.0 * 2 }}"), "2.5 4.0");
  EXPECT_EQ(render_ok("{{ title ~ '-' ~ number }}"), "Does Matter-25");
  EXPECT_EQ(render_ok("{{ 'ab' * 3 }}"), "ababab");
  EXPECT_EQ(render_ok("{{ '%05d' % number }}"), "00025");
  EXPECT_EQ(render_ok("{{ [1, 2] + [3] }}"), "[1, 2, 3]");
  EXPECT_EQ(render_ok("{{ none }} {{ true }} {{ False }}"), "None True False");
}

TEST(TemplateTest, EvaluatesComparisonsAndBooleans) {
  EXPECT_EQ(render_ok("{{ 1 < 2 < 3 }} {{ 3 < 2 }} {{ 'a' == 'a' }} {{ 1 == 1.0 }}"),
            "True False True True");
  EXPECT_EQ(render_ok("{{ 'Does' in title }} {{ 'x' not in names }} {{ 'a' in names }}"),
            "True True True");
  EXPECT_EQ(render_ok("{{ true and 'yes' }} {{ 0 or 'fallback' }} {{ not title }}"),
            "yes fallback False");
  EXPECT_EQ(render_ok("{{ 'big' if number > 10 else 'small' }}"), "big");
}

TEST(TemplateTest, PlaceholderIsFalseAndEqualsNone) {
  EXPECT_EQ(render_ok("{{ asn }}"), "-none-");
  EXPECT_EQ(render_ok("{% if asn %}set{% else %}unset{% endif %}"), "unset");
  EXPECT_EQ(render_ok("{{ asn == 'none' }} {{ asn == '-none-' }} {{ asn != 'x' }}"),
            "True True True");
}

TEST(TemplateTest, RendersIfElifElseWithTrimmedBlocks) {
  const std::string source = R"(
                 somepath/
                 {% if document.archive_serial_number >= 0 and document.archive_serial_number <= 200 %}
                   asn-000-200/{{title}}
                 {% elif document.archive_serial_number >= 201 and document.archive_serial_number <= 400 %}
                   asn-201-400
                   {% if document.archive_serial_number >= 201 and document.archive_serial_number < 300 %}
                     /asn-2xx
                   {% elif document.archive_serial_number >= 300 and document.archive_serial_number < 400 %}
                     /asn-3xx
                   {% endif %}
                 {% endif %}
                 /{{ title }}
                 )";
  EXPECT_EQ(render_ok(source),
            "\n                 somepath/\n                   asn-201-400\n"
            "                     /asn-3xx\n                 /Does Matter\n                 ");
}

TEST(TemplateTest, HonoursWhitespaceControlMarkers) {
  EXPECT_EQ(render_ok("a  {{- title -}}  b"), "aDoes Matterb");
  EXPECT_EQ(render_ok("a\n  {%- if true %}x{% endif %}"), "ax");
  EXPECT_EQ(render_ok("{# a comment #}x\n"), "x");
  EXPECT_EQ(render_ok("line\n"), "line");
}

TEST(TemplateTest, RendersForLoopsWithLoopVariableAndControl) {
  EXPECT_EQ(render_ok("{% for n in names %}{{ loop.index }}{{ n }}{% if not loop.last %},"
                      "{% endif %}{% endfor %}"),
            "1b,2a,3c");
  EXPECT_EQ(render_ok("{% for n in names %}{% if n == 'a' %}{% break %}{% endif %}{{ n }}"
                      "{% endfor %}"),
            "b");
  EXPECT_EQ(render_ok("{% for n in names %}{% if n == 'a' %}{% continue %}{% endif %}{{ n }}"
                      "{% endfor %}"),
            "bc");
  EXPECT_EQ(render_ok("{% for n in [] %}x{% else %}empty{% endfor %}"), "empty");
  EXPECT_EQ(render_ok("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}"), "a=1");
  EXPECT_EQ(render_ok("{% for i in range(3) %}{{ i }}{% endfor %}"), "012");
}

TEST(TemplateTest, SetAssignsVariables) {
  EXPECT_EQ(render_ok("{% set x = title | lower %}{{ x }}"), "does matter");
}

TEST(TemplateTest, SlicesAndMethods) {
  EXPECT_EQ(render_ok("{{ title[:4] }}|{{ title[-6:] }}|{{ names[1:] }}"),
            "Does|Matter|['a', 'c']");
  EXPECT_EQ(render_ok("{{ title.upper() }} {{ title.replace('Does', 'It') }}"),
            "DOES MATTER It Matter");
  EXPECT_EQ(render_ok("{{ ' x '.strip() }}{{ 'a-b'.split('-') }}{{ '7'.zfill(3) }}"),
            "x['a', 'b']007");
  EXPECT_EQ(render_ok("{{ document.get('missing', 'dflt') }}"), "dflt");
}

TEST(TemplateTest, UndefinedNamesAreStrict) {
  expect_error("{{ creation_date }}", "'creation_date' is undefined");
  expect_error("{% if nothing %}x{% endif %}", "'nothing' is undefined");
  expect_error("{{ nothing.attribute }}", "'nothing' is undefined");
  expect_error("{{ document.missing }}", "has no attribute 'missing'");
  EXPECT_EQ(render_ok("{{ nothing is defined }} {{ nothing is undefined }}"), "False True");
  EXPECT_EQ(render_ok("{{ nothing | default('d') }}"), "d");
}

TEST(TemplateTest, SandboxRefusesPrivateAttributesAndCalls) {
  expect_error("{{ ''.__class__ }}", "unsafe");
  expect_error("{{ title.__class__.__mro__ }}", "unsafe");
  expect_error("{{ document._meta }}", "unsafe");
  expect_error("{{ document['__dict__'] }}", "unsafe");
  expect_error("{{ document.save() }}", "save");
  expect_error("{{ document.delete() }}", "delete");
  expect_error("{{ title.format(1) }}", "format");
  expect_error("{{ cycler() }}", "'cycler' is undefined");
  expect_error("{{ range(3).__class__ }}", "unsafe");
}

TEST(TemplateTest, RejectsSyntaxErrors) {
  expect_error("{{ title", "unclosed '{{' tag");
  expect_error("{% if title %}x", "unexpected end of template");
  expect_error("{% endif %}", "unknown or misplaced tag 'endif'");
  expect_error("{% macro m() %}{% endmacro %}", "unknown or misplaced tag 'macro'");
  expect_error("{{ }}", "unexpected 'end of tag'");
  expect_error("{{ title | }}", "expected a name");
  expect_error("{{ 'unterminated }}", "unclosed");
  expect_error("{% break %}", "outside of a loop");
  expect_error("{{ title $ }}", "unexpected character");
  expect_error("{% if x is None %}/{title]", "unexpected end of template");
}

TEST(TemplateTest, BoundsLoopsOutputAndNesting) {
  expect_error("{% for i in range(100000000) %}x{% endfor %}", "exceeds the limit");
  expect_error("{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
               "iterations");
  expect_error("{{ 'x' * 100000000 }}", "exceeds");
  expect_error("{% for i in range(10000) %}{{ title * 100 }}{% endfor %}", "exceeds");
  expect_error("{{ 2 ** 200 }}", "overflow");
  expect_error("{{ 9223372036854775807 + 1 }}", "overflow");
  expect_error("{{ 1 // 0 }}", "division by zero");

  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "(";
  deep += "1";
  for (int i = 0; i < 200; ++i) deep += ")";
  expect_error("{{ " + deep + " }}", "nested too deeply");

  std::string nested_ifs;
  for (int i = 0; i < 100; ++i) nested_ifs += "{% if true %}";
  expect_error(nested_ifs, "nested too deeply");

  std::string long_chain = "{{ 1";
  for (int i = 0; i < 5000; ++i) long_chain += " + 1";
  expect_error(long_chain + " }}", "too many tokens");

  TemplateLimits small;
  small.max_source_bytes = 10;
  EXPECT_FALSE(render("{{ title }} and more", sample_context(), small).has_value());
}

TEST(TemplateTest, SurvivesHostileBytes) {
  const std::string with_nul("{{ title }}\0{{ title }}", 23);
  EXPECT_EQ(render_ok(with_nul), std::string("Does Matter\0Does Matter", 23));
  auto invalid_utf8 = render("{{ '\xff\xfe' | upper }}");
  EXPECT_TRUE(invalid_utf8.has_value());
  expect_error("{{ '\xff' $ }}", "unexpected character");
}

}  // namespace
}  // namespace quire::media::tmpl
