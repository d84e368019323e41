#include "input/field_reader.hpp"
#include "apps/answer_link.hpp"
#include "apps/exercise.hpp"
#include "apps/playground.hpp"
#include "input/json_text.hpp"
#include "input/messages.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "landscape/landscape_view.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <limits>
#include <set>

using namespace landscape;
using nlohmann::json;

namespace field_reader_test {

// The first failure of reading `text` at `path` with `read` (a FieldReader's calls).
template <class Read> Error read_one(const std::string& text, const std::string& path, Read read) {
  const json object = json::parse(text);
  FirstFailure failure;
  FieldReader reader(object, path, failure);
  read(reader);
  return failure.error();
}

} // namespace field_reader_test

using field_reader_test::read_one;

TEST_CASE("FieldReader refuses each kind of bad value with its code, args and the English") {
  struct Case {
    const char* text;
    const char* code;
    std::vector<std::string> args;
    const char* message;
  };
  double number = 0;
  long long whole = 0;
  std::string text;
  bool flag = false;
  std::vector<double> numbers;
  Matrix rows;
  const auto read_all = [&](FieldReader& r) {
    r.known({"a", "s", "c", "f", "n", "o", "i", "l", "r"});
    r.text("s", text);
    r.choice("c", text, {"red", "green"});
    r.flag("f", flag);
    r.number("n", number, 0, 10);
    r.number("o", number, 0, 1e6, true);
    r.integer("i", whole, 1, 5);
    r.numbers("l", numbers);
    r.rows("r", rows);
  };
  const std::vector<Case> cases = {
      {R"({"b": 1})",
       "unknown_field",
       {"a, s, c, f, n, o, i, l, r"},
       "p.b: unknown field (known: a, s, c, f, n, o, i, l, r)"},
      {R"({"": 1})",
       "unknown_field",
       {"a, s, c, f, n, o, i, l, r"},
       "p.\"\": unknown field (known: a, s, c, f, n, o, i, l, r)"},
      {R"({"s": 1})", "not_string", {}, "p.s: must be a string"},
      {R"({"c": "blue"})",
       "unknown_choice",
       {"blue", "red, green"},
       "p.c: unknown kind 'blue' (known: red, green)"},
      {R"({"c": 2})", "not_string", {}, "p.c: must be a string"},
      {R"({"f": 1})", "not_flag", {}, "p.f: must be true or false"},
      {R"({"n": "1"})", "not_number", {}, "p.n: must be a number"},
      {R"({"n": 11})", "out_of_range", {"0", "10", "11"}, "p.n: must be >= 0 and <= 10 (got 11)"},
      {R"({"n": -0.5})", "out_of_range", {"0", "10", "-0.5"}, "p.n: must be >= 0 and <= 10 (got -0.5)"},
      {R"({"o": 0})", "out_of_open_range", {"0", "1000000", "0"}, "p.o: must be > 0 and <= 1000000 (got 0)"},
      {R"({"i": 2.5})", "not_integer", {}, "p.i: must be an integer"},
      {R"({"i": true})", "not_integer", {}, "p.i: must be an integer"},
      {R"({"i": 6})", "integer_out_of_range", {"1", "5", "6"}, "p.i: must be an integer from 1 to 5 (got 6)"},
      {R"({"i": 1e10})",
       "integer_out_of_range",
       {"1", "5", "10000000000"},
       "p.i: must be an integer from 1 to 5 (got 10000000000)"},
      {R"({"l": 1})", "not_number_list", {}, "p.l: must be an array of numbers"},
      {R"({"l": [1, "x"]})", "not_finite_item", {}, "p.l[1]: must be a finite number"},
      {R"({"r": []})", "not_rows", {}, "p.r: must be a non-empty array of rows"},
      {R"({"r": ["x"]})", "not_row", {}, "p.r[0]: must be a number or a non-empty array of numbers"},
      {R"({"r": [[1, 2], [3]]})", "ragged_row", {"2"}, "p.r[1]: must be an array of 2 numbers like row 0"},
      {R"({"r": [[1, 2], [3, null]]})", "not_finite_item", {}, "p.r[1][1]: must be a finite number"},
      {R"({"r": [1, null]})", "not_finite_item", {}, "p.r[1]: must be a finite number"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Error error = read_one(c.text, "p", read_all);
    CHECK(error.code == c.code);
    CHECK(error.args == c.args);
    CHECK(error.message == c.message);
    CHECK(error.message == english(Refusal{error.field, error.code, error.args}));
  }
  // JSON text holds no infinity (the parser refuses 1e999); a document built in C++ may.
  {
    const json infinite = {{"n", std::numeric_limits<double>::infinity()}};
    FirstFailure failure;
    FieldReader reader(infinite, "p", failure);
    reader.number("n", number, 0, 10);
    CHECK(failure.error().message == "p.n: must be finite");
    CHECK(failure.error().code == "not_finite");
  }
  // An object expected, something else given; a required field absent.
  const Error not_object = read_one("[1]", "model", [](FieldReader&) {});
  CHECK(not_object.message == "model: must be an object");
  CHECK(not_object.code == "not_object");
  const Error missing = read_one("{}", "model", [](FieldReader& r) { CHECK_FALSE(r.required("layers")); });
  CHECK(missing.message == "model.layers: missing");
  CHECK(missing.code == "missing");
  // Good values are read; nothing refused.
  const Error none =
      read_one(R"({"s": "x", "c": "red", "f": true, "n": 10, "o": 1e6, "i": 5.0, "l": [1, 2], "r": [3, 4]})",
               "", read_all);
  CHECK(none.message.empty());
  CHECK(none.code.empty());
  CHECK(text == "red");
  CHECK(flag);
  CHECK(whole == 5);
  CHECK(numbers == std::vector<double>{1, 2});
  CHECK(rows.rows() == 2);
  CHECK(rows.cols() == 1);
}

TEST_CASE("FieldReader names nested fields by their path and keeps the first failure") {
  const json object =
      json::parse(R"({"model": {"layers": [{"units": 2}, {"units": 0, "bias": 1}]}, "steps": -1})");
  FirstFailure failure;
  FieldReader top(object, "", failure);
  FieldReader model(top.child("model"), top.at("model"), failure);
  const json& layers = model.child("layers");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    FieldReader layer(layers[i], model.at("layers") + "[" + std::to_string(i) + "]", failure);
    int units = 1;
    bool bias = true;
    layer.integer("units", units, 1, 1024);
    layer.flag("bias", bias);
  }
  long long steps = 0;
  top.integer("steps", steps, 0, 100);          // a second failure: dropped
  top.fail("steps", "a failure not yet coded"); // a third
  const Error& error = failure.error();
  CHECK(error.field == "model.layers[1].units");
  CHECK(error.code == "integer_out_of_range");
  CHECK(error.args == std::vector<std::string>{"1", "1024", "0"});
  CHECK(error.message == "model.layers[1].units: must be an integer from 1 to 1024 (got 0)");
  CHECK_FALSE(top.ok());
}

TEST_CASE("a failure not yet coded keeps its words and field, with no code") {
  FirstFailure failure;
  failure.fail("view.between", "must name two different variants");
  failure.refuse(Refusal{"x", "missing", {}});
  CHECK(failure.error().message == "view.between: must name two different variants");
  CHECK(failure.error().field == "view.between");
  CHECK(failure.error().code.empty());
  FirstFailure whole;
  whole.fail(Error{"scenario: must be a JSON object"});
  CHECK(whole.error().message == "scenario: must be a JSON object");
  CHECK(whole.error().field.empty());
}

TEST_CASE("a refusal echoes the input printable: field names and args escaped") {
  const json object = json::parse("{\"u\\ufeffnits\": 1, \"c\": \"a\\nb\"}");
  FirstFailure failure;
  FieldReader reader(object, "", failure);
  reader.known({"units", "c"});
  CHECK(failure.error().field == "u\\u{FEFF}nits");
  CHECK(failure.error().message == "u\\u{FEFF}nits: unknown field (known: units, c)");
  FirstFailure second;
  FieldReader choice(object, "", second);
  std::string out;
  choice.choice("c", out, {"a"});
  CHECK(second.error().args[0] == "a\\u000Ab");
  CHECK(second.error().message ==
        english(Refusal{second.error().field, second.error().code, second.error().args}));
}

TEST_CASE("a reader of links quotes a value short") {
  const json object = {{"c", std::string(100, 'x')}};
  FirstFailure failure;
  FieldReader reader(object, "", failure);
  reader.quote_at_most(40);
  std::string out;
  reader.choice("c", out, {"a"});
  REQUIRE(failure.error().args.size() == 2);
  // At most 40 bytes of it, then "..." (printable()).
  CHECK(failure.error().args[0].find(std::string(41, 'x')) == std::string::npos);
  CHECK(failure.error().args[0].rfind("xxxx", 0) == 0);
  CHECK(failure.error().args[0].size() <= 43);
  CHECK(failure.error().message == english(Refusal{"c", "unknown_choice", failure.error().args}));
}

TEST_CASE("the English templates: one table of distinct snake_case codes, args filled by number") {
  std::set<std::string> codes;
  for (const MessageCode& entry : message_codes()) {
    INFO(entry.code);
    CHECK(codes.insert(entry.code).second);
    const std::string code = entry.code;
    CHECK(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
    CHECK(message_template(code) == entry.english);
  }
  CHECK(message_template("no_such_code") == nullptr);
  CHECK(fill_template("must be >= {0} and <= {1} (got {2})", {"0", "10", "11"}) ==
        "must be >= 0 and <= 10 (got 11)");
  CHECK(fill_template("{1} before {0}", {"a", "b"}) == "b before a");
  CHECK(fill_template("{0} and {3}, {x} and {}", {"a"}) == "a and {3}, {x} and {}");
  CHECK(fill_template("{{0}}", {"a"}) == "{a}");
  CHECK(english(Refusal{"data.noise", "out_of_range", {"0", "10", "11"}}) ==
        "data.noise: must be >= 0 and <= 10 (got 11)");
  CHECK(english(Refusal{"model.layers[0].units", "missing", {}}) == "model.layers[0].units: missing");
  const Error error = refused(Refusal{"lr", "out_of_open_range", {"0", "10", "11"}});
  CHECK(error.message == "lr: must be > 0 and <= 10 (got 11)");
  CHECK(error.field == "lr");
  CHECK(error.code == "out_of_open_range");
}

TEST_CASE("a scenario's refusal carries its field, code and args, and a variant's is named in the document") {
  const std::string base = R"({"data": {"kind": "inline", "x": [[0.5], [1.0]], "y": [[0.1], [0.2]]},
    "model": {"inputs": 1, "layers": [{"units": 1, "activation": "sine", "bias": false}]})";
  auto refused_scenario = parse_scenario(base + R"(, "optimizer": {"kind": "gd", "learning_rate": 0}})");
  REQUIRE_FALSE(refused_scenario);
  CHECK(refused_scenario.failure().field == "optimizer.learning_rate");
  CHECK(refused_scenario.failure().code == "out_of_open_range");
  CHECK(refused_scenario.error() == "optimizer.learning_rate: must be > 0 and <= 1000000 (got 0)");
  auto variant = parse_scenario(base + R"(, "compare": [{"name": "a", "patch": {"data": {"noise": 11}}}]})");
  REQUIRE_FALSE(variant);
  CHECK(variant.failure().field == "compare[0].patch.data.noise");
  CHECK(variant.failure().code == "out_of_range");
  CHECK(variant.error() ==
        english(Refusal{variant.failure().field, variant.failure().code, variant.failure().args}));
}

TEST_CASE("every refusal of bad input is coded: its code is in the table and its English is the template's") {
  const std::string rescue = landscape::testing::read_source("scenarios/rescue.json");
  const std::string slice = landscape::testing::read_source("scenarios/landscape-slice.json");
  const std::string saddle = landscape::testing::read_source("scenarios/saddle-explorer.json");
  const std::string connect = landscape::testing::read_source("scenarios/connect-minima.json");
  const json barrier = json::parse(landscape::testing::read_source("scenarios/exercises/barrier.json"));
  // `text` with `change` merged into it (a JSON merge patch).
  const auto with = [](const std::string& text, const std::string& change) {
    json document = json::parse(text);
    document.merge_patch(json::parse(change));
    return document.dump();
  };
  const auto exercise = [&](const std::string& change) {
    json document = barrier;
    document.merge_patch(json::parse(change));
    return parse_exercise(document.dump(), connect);
  };
  const auto scenario_error = [](const std::string& text) { return parse_scenario(text).failure(); };
  const std::vector<std::pair<std::string, Error>> corpus = {
      {"a feature twice", scenario_error(with(rescue, R"({"data": {"features": ["x1", "x1"]}})"))},
      {"no layers", scenario_error(with(rescue, R"({"model": {"layers": []}})"))},
      {"inline data without y", scenario_error(with(rescue, R"({"data": {"y": null}})"))},
      {"points of generated data", scenario_error(with(rescue, R"({"data": {"kind": "sine", "y": null}})"))},
      {"sgd without a batch",
       scenario_error(with(rescue, R"({"optimizer": {"kind": "sgd", "batch_size": 0}})"))},
      {"two inputs of one column", scenario_error(with(rescue, R"({"model": {"inputs": 2}})"))},
      {"cross-entropy with one output", scenario_error(with(rescue, R"({"loss": "cross_entropy"})"))},
      {"a start of a network", scenario_error(with(rescue, R"({"start": [0, 0]})"))},
      {"a variant's refusal",
       scenario_error(with(rescue, R"({"compare": [{"name": "a", "patch": {"model": {"layers": []}}}]})"))},
      {"a variant without a patch", scenario_error(with(rescue, R"({"compare": [{"name": "a"}]})"))},
      {"a view between unknown variants",
       scenario_error(with(slice, R"({"view": {"kind": "interpolate", "between": ["a", "b"]}})"))},
      {"a network field on a surface", scenario_error(with(saddle, R"({"loss": "squared"})"))},
      {"an angle of the product", scenario_error(with(saddle, R"({"surface": {"angle": 30}})"))},
      {"a saddle with a < 0", scenario_error(with(saddle, R"({"surface": {"name": "saddle", "a": -1}})"))},
      {"JSON syntax", parse_scenario(R"({"steps": 1,)").failure()},
      {"JSON too deep", parse_scenario(std::string(100, '[')).failure()},
      {"JSON out of range", parse_scenario(R"({"steps": 1e400})").failure()},
      {"not an object", parse_scenario("[]").failure()},
      {"an unknown variant", scenario_variant(rescue, "nope").failure()},
      {"a view change of no view", scenario_with_view(rescue, "{}").failure()},
      {"a view change not an object", scenario_with_view(slice, "[1]").failure()},
      {"another surface for a network", scenario_on_surface(rescue, "saddle").failure()},
      {"no features", playground_scenario_json(R"({"features": []})").failure()},
      {"a layer of 0 units", playground_scenario_json(R"({"layers": [0]})").failure()},
      {"an own point of two numbers",
       playground_scenario_json(R"({"data": "custom", "custom": [[1, 2]]})").failure()},
      {"a weight not a number", playground_scenario_json(R"({"ckpt": [1, "a"]})").failure()},
      {"a link request of the wrong shape", playground_read_settings_json(R"({"entries": 3})").failure()},
      {"a CSV line of two numbers",
       playground_points_csv_json(R"({"text": "0,0,1\n5,5", "classes": 2})").failure()},
      {"a CSV label 2", playground_points_csv_json(R"({"text": "0,0,1\n1,1,2", "classes": 2})").failure()},
      {"an edited weight", playground_edited_weight("abc", "w1").failure()},
      {"text that is no link", refused(read_answer_link("not a link").refusal)},
      {"a bad class code", refused(read_answer_link("https://x.example/#exercise=a&class=a%20b").refusal)},
      {"a link's answer not JSON",
       refused(read_answer_link("https://x.example/#exercise=a&answer=%7B").refusal)},
      {"an answer not an object", write_answer_link("page.html", "3", "").failure()},
      {"an exercise without a check", exercise(R"({"check": null})").failure()},
      {"an unknown quantity",
       exercise(R"({"check": [{"quantity": "x", "op": "<", "value": 1, "fail": "f"}]})").failure()},
      {"an exercise patch refused", exercise(R"({"patch": {"model": {"layers": []}}})").failure()},
      {"limits of no number", exercise(R"({"limits": {"name": [0, 1]}})").failure()},
      {"an exercise of minutes 0", exercise(R"({"minutes": 0})").failure()},
  };
  for (const auto& [what, error] : corpus) {
    INFO(what << ": " << error.message);
    CHECK_FALSE(error.code.empty());
    CHECK(message_template(error.code) != nullptr);
    CHECK_FALSE(error.field.empty());
    CHECK(error.message == english(Refusal{error.field, error.code, error.args}));
  }
}
