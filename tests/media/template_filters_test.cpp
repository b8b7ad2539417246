#include "media/template/filters.hpp"
#include "media/template/template.hpp"
#include "render_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::media::tmpl {
namespace {

using namespace std::chrono;

Object filter_context() {
  Object context;
  context.fields["title"] = Value("Some Title! With @ Special # Characters");
  context.fields["created"] = Value(std::string("2020-06-25"));
  context.fields["created_date"] = Value(Date{year{2020} / June / 25});
  context.fields["added"] =
      Value(Timestamp{sys_days{year{2024} / October / 1} + hours{7} + minutes{36} + seconds{51}});
  context.fields["custom_fields"] = make_object(
      {{"Invoice", make_object({{"type", Value("integer")}, {"value", Value(1234)}})},
       {"Empty", make_object({{"type", Value("string")}, {"value", Value(None{})}})},
       {"Invoice Date",
        make_object({{"type", Value("date")}, {"value", Value(Date{year{2024} / October / 1})}})}});
  context.fields["tags"] =
      Value(List{make_object({{"name", Value("beta")}}), make_object({{"name", Value("Alpha")}})});
  return context;
}

Result<std::string> render(std::string_view source) {
  return test::render(source, filter_context());
}

std::string render_ok(std::string_view source) { return test::render_ok(source, filter_context()); }

TEST(TemplateFiltersTest, AppliesTextFilters) {
  EXPECT_EQ(render_ok("{{ 'MiXed' | lower }} {{ 'straße' | upper }}"), "mixed STRASSE");
  EXPECT_EQ(render_ok("{{ 'hello wORLD-foo (bar' | title }}"), "Hello World-Foo (Bar");
  EXPECT_EQ(render_ok("{{ 'hELLO world' | capitalize }}"), "Hello world");
  EXPECT_EQ(render_ok("{{ 'a-b-c' | replace('-', '/') }} {{ 'aaa' | replace('a', 'b', 2) }}"),
            "a/b/c bba");
  EXPECT_EQ(render_ok("[{{ '  x  ' | trim }}]"), "[x]");
  EXPECT_EQ(render_ok("{{ 'foo bar baz q' | truncate(9) }}"), "foo bar baz q");
  EXPECT_EQ(render_ok("{{ 'foo bar baz qux' | truncate(9) }}"), "foo...");
  EXPECT_EQ(render_ok("{{ 'foo bar baz q' | truncate(9, leeway=0) }}"), "foo...");
  EXPECT_EQ(render_ok("{{ 'foo bar baz qux' | truncate(9, true, '', 0) }}"), "foo bar b");
  EXPECT_EQ(render_ok("{{ 'x' | string }}{{ 42 | string }}"), "x42");
  EXPECT_EQ(render_ok("{{ 'one two  three' | wordcount }}"), "3");
  EXPECT_EQ(render_ok("{{ '%s-%03d' | format('a', 7) }}"), "a-007");
}

TEST(TemplateFiltersTest, AppliesDefault) {
  EXPECT_EQ(render_ok("{{ missing | default('x') }}"), "x");
  EXPECT_EQ(render_ok("{{ missing | d }}"), "");
  EXPECT_EQ(render_ok("{{ '' | default('x') }}|{{ '' | default('x', true) }}"), "|x");
  EXPECT_EQ(render_ok("{{ title | default('x') }}"), "Some Title! With @ Special # Characters");
}

TEST(TemplateFiltersTest, AppliesSequenceFilters) {
  EXPECT_EQ(render_ok("{{ [3, 1, 2] | sort }} {{ ['b', 'A', 'c'] | sort }}"),
            "[1, 2, 3] ['A', 'b', 'c']");
  EXPECT_EQ(render_ok("{{ [3, 1, 2] | sort(reverse=true) | join('-') }}"), "3-2-1");
  EXPECT_EQ(render_ok("{{ tags | map(attribute='name') | join(',') }}"), "beta,Alpha");
  EXPECT_EQ(render_ok("{{ tags | sort(attribute='name') | map(attribute='name') | first }}"),
            "Alpha");
  EXPECT_EQ(render_ok("{{ tags | join(', ', attribute='name') }}"), "beta, Alpha");
  EXPECT_EQ(render_ok("{{ [1, 2, 3] | length }} {{ 'äbc' | length }} {{ [] | count }}"), "3 3 0");
  EXPECT_EQ(render_ok("{{ [1, 2, 3] | first }}{{ [1, 2, 3] | last }}"), "13");
  EXPECT_EQ(render_ok("{{ [1, 1, 2] | unique }} {{ [1, 2] | reverse }} {{ 'ab' | reverse }}"),
            "[1, 2] [2, 1] ba");
  EXPECT_EQ(render_ok("{{ [4, 2, 9] | min }}{{ [4, 2, 9] | max }}"), "29");
  EXPECT_EQ(render_ok("{{ 'ab' | list }}"), "['a', 'b']");
  EXPECT_EQ(render_ok("{{ ['a', 'b'] | map('upper') | join }}"), "AB");
}

TEST(TemplateFiltersTest, AppliesNumberFilters) {
  EXPECT_EQ(render_ok("{{ '42' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }}"),
            "42 0 7 3");
  EXPECT_EQ(render_ok("{{ '2.5' | float }} {{ (-3) | abs }} {{ -3 | abs }} {{ 2.567 | round(2) }}"),
            "2.5 3 -3 2.57");
  EXPECT_EQ(render_ok("{{ 2.1 | round(0, 'ceil') }} {{ 2.9 | round(method='floor') }}"), "3.0 2.0");
}

TEST(TemplateFiltersTest, AppliesGetCfValue) {
  EXPECT_EQ(render_ok("{{ custom_fields | get_cf_value('Invoice') }}"), "1234");
  EXPECT_EQ(render_ok("{{ custom_fields | get_cf_value('Empty', 'Default Value') }}"),
            "Default Value");
  EXPECT_EQ(render_ok("{{ custom_fields | get_cf_value('Nope', 0) }}"), "0");
  EXPECT_EQ(render_ok("{{ custom_fields | get_cf_value('Nope') }}"), "None");
  EXPECT_EQ(render_ok("{{ custom_fields['Invoice'].value }} {{ custom_fields.Invoice.type }}"),
            "1234 integer");
  EXPECT_EQ(render_ok("{% if 'Invoice' in custom_fields %}yes{% endif %}"), "yes");
}

TEST(TemplateFiltersTest, AppliesDatetime) {
  EXPECT_EQ(render_ok("{{ created | datetime('%Y') }}"), "2020");
  EXPECT_EQ(render_ok("{{ created | datetime('%Y-%m-%d %B %b %a') }}"), "2020-06-25 June Jun Thu");
  EXPECT_EQ(render_ok("{{ created_date | datetime('%d.%m.%y') }}"), "25.06.20");
  EXPECT_EQ(render_ok("{{ added | datetime('%H:%M') }}"), "07:36");
  EXPECT_EQ(render_ok("{{ custom_fields | get_cf_value('Invoice Date') | datetime('%Y-%m-%d') }}"),
            "2024-10-01");
  EXPECT_FALSE(render("{{ 'not a date' | datetime('%Y') }}").has_value());
  EXPECT_FALSE(render("{{ '2020-02-30' | datetime('%Y') }}").has_value());
  EXPECT_FALSE(render("{{ none | datetime('%Y') }}").has_value());
}

TEST(TemplateFiltersTest, ExposesDateFieldsAndMethods) {
  EXPECT_EQ(render_ok("{{ created_date.year }}/{{ created_date.month }}/{{ created_date.day }}"),
            "2020/6/25");
  EXPECT_EQ(render_ok("{{ added.hour }}:{{ added.minute }} {{ added.year }}"), "7:36 2024");
  EXPECT_EQ(render_ok("{{ created_date.strftime('%Y_%m') }} {{ created_date.isoformat() }}"),
            "2020_06 2020-06-25");
  EXPECT_EQ(render_ok("{{ added.isoformat() }}"), "2024-10-01T07:36:51+00:00");
  EXPECT_FALSE(render("{{ created_date.hour }}").has_value());
}

TEST(TemplateFiltersTest, AppliesSlugify) {
  EXPECT_EQ(render_ok("{{ title | slugify }}"), "some-title-with-special-characters");
  EXPECT_EQ(slugify("  Crème Brûlée -- à la carte__ "), "creme-brulee-a-la-carte");
  EXPECT_EQ(slugify("_-_"), "");
  EXPECT_EQ(slugify("日本語"), "");
}

TEST(TemplateFiltersTest, AppliesLocalizeDate) {
  EXPECT_EQ(render_ok("{{ created_date | localize_date('yyyy-MM-dd', 'en_US') }}"), "2020-06-25");
  EXPECT_EQ(render_ok("{{ created_date | localize_date('MMMM', 'de_DE') }}"), "Juni");
  EXPECT_EQ(render_ok("{{ created_date | localize_date('long', 'en_US') }}"), "June 25, 2020");
  EXPECT_EQ(render_ok("{{ created_date | localize_date('medium', 'fr_FR') }}"), "25 juin 2020");
  EXPECT_EQ(render_ok("{{ created | localize_date('yyyy MMM d HH:mm', 'en_US') }}"),
            "2020 Jun 25 00:00");
  EXPECT_EQ(render_ok("{{ added | localize_date('HH:mm', 'en_GB') }}"), "07:36");
  auto invalid = render("{{ created_date | localize_date('short', 'xx_YY') }}");
  ASSERT_FALSE(invalid.has_value());
  EXPECT_NE(invalid.error().message.find("Invalid locale identifier: xx_YY"), std::string::npos);
  EXPECT_FALSE(render("{{ 5 | localize_date('short', 'en_US') }}").has_value());
}

TEST(TemplateFiltersTest, AppliesTests) {
  EXPECT_EQ(render_ok("{{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 9 is "
                      "divisibleby(4) }}"),
            "True True True False");
  EXPECT_EQ(render_ok("{{ none is none }} {{ 1 is number }} {{ 'a' is string }} {{ title is "
                      "not mapping }}"),
            "True True True True");
  EXPECT_EQ(render_ok("{{ 1 is eq 1 }} {{ 2 is gt 1 }} {{ 'a' is lower }}"), "True True True");
}

TEST(TemplateFiltersTest, RejectsUnknownFiltersAndBadArguments) {
  auto unknown = render("{{ title | shout }}");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().message, "no filter named 'shout'");
  EXPECT_FALSE(render("{{ title | replace('a') }}").has_value());
  EXPECT_FALSE(render("{{ title | truncate('x') }}").has_value());
  EXPECT_FALSE(render("{{ 1 | length }}").has_value());
  EXPECT_FALSE(render("{{ title | attr('__class__') }}").has_value());
  EXPECT_FALSE(render("{{ '%n' | format(1) }}").has_value());
  EXPECT_FALSE(render("{{ x is bogus }}").has_value());
  EXPECT_FALSE(render("{{ 'a' | replace('', 'x' * 60000) }}").has_value());
}

}  // namespace
}  // namespace quire::media::tmpl
