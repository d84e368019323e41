// The one JSON reader (core/input/json_text.hpp): nesting beyond kMaxJsonDepth and numbers beyond
// double's range are refused where the text is read, naming the field, for every kind of
// document (scenario, optimizer, exercise, answer, view change, playground settings); the text
// of a syntax error is unchanged; messages escape invisible and bidirectional characters.
#include "input/json_text.hpp"
#include "apps/exercise.hpp"
#include "apps/playground.hpp"
#include "input/scenario.hpp"
#include "input/text.hpp"
#include "landscape/landscape_view.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace landscape;

namespace {
std::string nested(int depth) {
  return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
}
} // namespace

TEST_CASE(
    "nesting is limited where JSON is read: 64 levels pass the reader, 65 and 10,000 are refused by field") {
  CHECK(parse_json_text(nested(kMaxJsonDepth), "scenario"));
  auto deep = parse_json_text(nested(kMaxJsonDepth + 1), "scenario");
  REQUIRE_FALSE(deep);
  CHECK_THAT(deep.error(), Catch::Contains(": nested deeper than 64 lists and objects"));
  auto in_field = parse_json_text("{\"model\": {\"layers\": " + nested(10000) + "}}", "scenario");
  REQUIRE_FALSE(in_field);
  CHECK(in_field.error() == "model.layers[0][0][0][0][0][0][0][0][0][0]...: nested deeper than 64 lists and "
                            "objects; a scenario, an exercise or an answer needs a few");
  // The reproducer: 10,000 nested arrays in a compare variant's patch (20 kB) overflowed the wasm
  // stack after reading; natively the same refusal, naming the field.
  auto scenario = parse_scenario(
      testing::read_source("tests/fixtures/reproducers/deep-nesting-10000-arrays-in-compare.json"));
  REQUIRE_FALSE(scenario);
  CHECK_THAT(scenario.error(), Catch::StartsWith("compare[0].patch."));
  CHECK_THAT(scenario.error(), Catch::Contains("nested deeper than 64"));
  // Objects count as well as lists.
  std::string objects;
  for (int i = 0; i < 100; ++i) objects += "{\"a\": ";
  objects += "1" + std::string(100, '}');
  CHECK_THAT(parse_json_text(objects, "exercise").error(),
             Catch::StartsWith("a.a.a.a.a.a.a.a.a.a.a.a...: nested deeper than 64"));
}

TEST_CASE(
    "a number out of double's range is refused where it is read, naming the field, not read as infinity") {
  auto big = parse_json_text("{\"added_neuron\": {\"lambda\": 1e400}}", "answer", "answer.patch");
  REQUIRE_FALSE(big);
  CHECK(big.error() ==
        "answer.patch.added_neuron.lambda: 1e400 is not a finite number (numbers must lie within "
        "about +-1.8e308)");
  CHECK(parse_json_text("{\"start\": [0.3, -1e999]}", "scenario").error() ==
        "start[1]: -1e999 is not a finite number (numbers must lie within about +-1.8e308)");
  // 400 digits: too large for an integer, and for a double.
  CHECK_THAT(parse_json_text("{\"seed\": 1" + std::string(400, '0') + "}", "scenario").error(),
             Catch::StartsWith("seed: 1000000000000000000000"));
  // What a double holds is read as it is: the largest, the smallest, 2^64 (as a double).
  auto edge = parse_json_text("[1.7976931348623157e308, 4.9e-324, 18446744073709551616, 1e-400]", "x");
  REQUIRE(edge);
  CHECK((*edge)[0].get<double>() == 1.7976931348623157e308);
  CHECK((*edge)[3].get<double>() == 0.0);
  // Every document the core reads goes through the reader.
  CHECK_THAT(parse_scenario("{\"steps\": 1e400}").error(),
             Catch::StartsWith("steps: 1e400 is not a finite number"));
  CHECK_THAT(parse_optimizer("{\"kind\": \"gd\", \"learning_rate\": 1e309}").error(),
             Catch::StartsWith("optimizer.learning_rate: 1e309 is not a finite number"));
  CHECK_THAT(playground_scenario_json("{\"lr\": 1e400}").error(),
             Catch::StartsWith("lr: 1e400 is not a finite"));
  CHECK_THAT(
      scenario_with_view(testing::read_source("scenarios/landscape-slice.json"), "{\"range\": [1e400, 1]}")
          .error(),
      Catch::StartsWith("view.range[0]: 1e400 is not a finite number"));
}

TEST_CASE("the reader's other refusals: syntax near a byte, the size of a text") {
  CHECK(parse_json_text("{\"a\": [1, 2}", "scenario").error() ==
        "scenario: invalid JSON near byte 12 (at '2}')");
  CHECK_THAT(parse_json_text(std::string(kMaxJsonBytes + 1, ' '), "scenario").error(),
             Catch::StartsWith("scenario: larger than 16 MB"));
}

TEST_CASE("invisible and bidirectional characters from input are escaped in messages") {
  CHECK(printable("u\xef\xbb\xbfnits") == "u\\u{FEFF}nits"); // U+FEFF
  CHECK(printable("\xe2\x80\xae"
                  "evil") == "\\u{202E}evil"); // U+202E
  CHECK(printable("a\xe2\x80\x8b"
                  "b") == "a\\u{200B}b");                                             // zero-width space
  CHECK(printable("\xf3\xa0\x80\x81") == "\\u{E0001}");                               // a tag
  CHECK(printable("caf\xc3\xa9 \xf0\x9f\x98\x80") == "caf\xc3\xa9 \xf0\x9f\x98\x80"); // visible: kept
  auto invisible =
      parse_scenario(testing::read_source("tests/fixtures/reproducers/invisible-char-in-field-name.json"));
  REQUIRE_FALSE(invisible);
  CHECK_THAT(invisible.error(), Catch::StartsWith("model.layers[0].u\\u{FEFF}nits: unknown field"));
  auto bidi =
      parse_scenario(testing::read_source("tests/fixtures/reproducers/bidi-override-in-field-name.json"));
  REQUIRE_FALSE(bidi);
  CHECK_THAT(bidi.error(), Catch::StartsWith("model.layers[0].\\u{202E}evil\\u{202C}: unknown field"));
  // The ranges are ascending and disjoint (the pages hold the same list, compared by a node test).
  const auto& ranges = escaped_characters();
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    CHECK(ranges[i][0] <= ranges[i][1]);
    if (i > 0) CHECK(ranges[i - 1][1] < ranges[i][0]);
  }
}
