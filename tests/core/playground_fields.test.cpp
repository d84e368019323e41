// The playground's settings as catalog() publishes them (core/apps/playground.hpp): one entry per
// setting in the order of a link's keys, each default the shipped scenario's, and each range the
// one the core's own reader keeps to (a value just past it is refused, naming the setting).
#include "apps/catalog.hpp"
#include "apps/playground.hpp"
#include "input/messages.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

TEST_CASE("catalog() publishes every playground setting with its type, range or choices, and default") {
  const json catalog = json::parse(catalog_json());
  const json& fields = catalog["playground"]["fields"];
  std::vector<std::string> keys;
  for (const json& f : fields) keys.push_back(f["key"]);
  CHECK(keys == std::vector<std::string>{"data",      "classes",    "noise",      "test",    "dseed",
                                         "features",  "layers",     "activation", "problem", "loss",
                                         "optimizer", "lr",         "batch",      "reg",     "rate",
                                         "init",      "seed",       "neuron",     "lambda",  "stop",
                                         "showTest",  "discretize", "custom",     "ckpt"});
  const json defaults = json::parse(playground_defaults_json());
  for (const json& f : fields) {
    INFO(f.dump());
    const std::string key = f["key"], type = f["type"];
    if (defaults.contains(key)) CHECK(f["default"] == defaults[key]);
    if (type == "choice" || type == "features") CHECK_FALSE(f["choices"].empty());
    if (type == "choice")
      CHECK(std::find(f["choices"].begin(), f["choices"].end(), f["default"]) != f["choices"].end());
    if (type == "integer" || type == "number") {
      // The reader's range is the published one: its bounds pass, just past them is refused.
      const double hi = f["max"];
      CHECK(playground_scenario_json(json{{key, hi}}.dump()));
      auto past = playground_scenario_json(json{{key, hi + 1}}.dump());
      REQUIRE_FALSE(past);
      CHECK(past.error().rfind(key + ": ", 0) == 0);
      const double lo = f["min"];
      CHECK(bool(playground_scenario_json(json{{key, lo}}.dump())) == !f.value("above_min", false));
    }
  }
  // A menu's labels, for every choice that has one, say what the core does ("random" draws
  // uniform(-0.5, 0.5) weights with biases 0.1, as the scenario it builds says).
  for (const json& f : fields) {
    if (!f.contains("choice_labels")) continue;
    for (auto it = f["choice_labels"].begin(); it != f["choice_labels"].end(); ++it)
      CHECK(std::find(f["choices"].begin(), f["choices"].end(), it.key()) != f["choices"].end());
  }
  const json init = json::parse(*playground_scenario_json("{}"))["scenario"]["model"]["init"];
  CHECK(init == json{{"kind", "uniform"}, {"scale", 0.5}, {"bias", 0.1}});
  CHECK(catalog["playground"]["window"]["plane"] == json::array({-6, 6, -6, 6}));
  // Armijo's line search takes the whole batch too (the page once left its batch field enabled).
  CHECK(catalog["playground"]["full_batch_optimizers"] ==
        json::array({"gd", "armijo", "newton", "saddle_free_newton"}));
}

namespace {
// A link's [key, value] pairs (a list of lists: nlohmann would read {{"lr", 11}} as an object).
json read_link(const std::vector<std::pair<std::string, json>>& pairs) {
  json entries = json::array();
  for (const auto& [key, value] : pairs) entries.push_back(json::array({key, value}));
  auto read = playground_read_settings_json(json{{"entries", entries}}.dump());
  if (!read) FAIL(read.error());
  return json::parse(*read);
}

// The English of a reply's refusals ({field, code, args, message}), each checked against its code's
// template: the page writes the same words from the data.
json messages(const json& reply) {
  json out = json::array();
  for (const json& r : reply["refusals"]) {
    Refusal refusal{r["field"].get<std::string>(), r["code"].get<std::string>(),
                    r["args"].get<std::vector<std::string>>()};
    CHECK(english(refusal) == r["message"]);
    out.push_back(r["message"]);
  }
  return out;
}
} // namespace

TEST_CASE("a link's settings are read by the core one by one: a refused value is named, its default kept") {
  const json catalog = json::parse(catalog_json());
  // Every setting in the catalog's order, view-only ones too; nothing given: every default.
  const json none = read_link({});
  CHECK(messages(none).empty());
  for (const json& f : catalog["playground"]["fields"])
    CHECK(none["settings"][f["key"].get<std::string>()] == f["default"]);

  // The two wordings of one rule the page and the core once had are now the core's one, naming the setting;
  // the page adds its label ("learning rate (lr): ...").
  const json read = read_link({{"lr", 11},
                               {"layers", json::array({1, 1, 1, 1, 1, 1, 1, 1, 1})},
                               {"seed", 3},
                               {"stop", -1},
                               {"showTest", true},
                               {"features", {"x2", "x1", "x2"}}});
  CHECK(messages(read) == json::array({"lr: must be > 0 and <= 10 (got 11)", "layers: at most 8 (got 9)",
                                       "stop: must be >= 0 and <= 1000000 (got -1)"}));
  CHECK(read["settings"]["lr"] == none["settings"]["lr"]);
  CHECK(read["settings"]["layers"] == none["settings"]["layers"]);
  CHECK(read["settings"]["seed"] == 3);
  CHECK(read["settings"]["showTest"] == true);
  CHECK(read["settings"]["features"] == json::array({"x1", "x2"})); // the catalog's order, once each

  // Own points must fit the classes, whichever comes first in the link.
  const json points = json::array({{1, 1, 0}, {2, 2, 2}, {-1, 0, 1}});
  CHECK(messages(read_link({{"custom", points}, {"classes", 3}, {"data", "custom"}})).empty());
  const json two = read_link({{"custom", points}, {"data", "custom"}});
  CHECK(messages(two) == json::array({"custom: point 1 has label 0; labels must be +1 or -1 (two classes)"}));
  CHECK(two["settings"]["custom"].empty());

  // A value of the wrong type is the core's to refuse too (the page passes text it cannot read as a number).
  CHECK(messages(read_link({{"batch", "abc"}}))[0] == "batch: must be an integer");
  CHECK(messages(read_link({{"batch", 0}}))[0] == "batch: must be an integer from 1 to 500 (got 0)");
  CHECK_FALSE(playground_read_settings_json("{\"entries\": 1}"));
}

namespace {
// A reader's change [[key, value], ...] over the current settings `base` (a reply's "settings").
json read_change(const json& base, const std::vector<std::pair<std::string, json>>& pairs) {
  json entries = json::array();
  for (const auto& [key, value] : pairs) entries.push_back(json::array({key, value}));
  auto read = playground_read_settings_json(json{{"entries", entries}, {"base", base}}.dump());
  if (!read) FAIL(read.error());
  return json::parse(*read);
}
} // namespace

TEST_CASE("a change over the current settings brings what follows from it: relabelled points, the data set's "
          "problem") {
  const json three = read_link(
      {{"data", "custom"}, {"classes", 3}, {"custom", json::array({{1, 1, 0}, {2, 2, 1}, {-1, 0, 2}})}});
  REQUIRE(messages(three).empty());
  // Fewer classes than a point uses: refused while the points are the data, the classes kept.
  const json refused = read_change(three["settings"], {{"classes", 2}});
  CHECK(messages(refused) == json::array({"classes: your points use a class above 1; clear them first"}));
  CHECK(refused["settings"]["classes"] == 3);
  CHECK(refused["settings"]["custom"] == three["settings"]["custom"]);
  // More classes: the points keep their classes. Two classes' -1/+1 are classes 0/1, and back.
  const json four = read_change(three["settings"], {{"classes", 4}});
  CHECK(messages(four).empty());
  CHECK(four["settings"]["custom"] == three["settings"]["custom"]);
  const json two = read_link({{"data", "custom"}, {"custom", json::array({{1, 1, -1}, {2, 2, 1}})}});
  const json up = read_change(two["settings"], {{"classes", 3}});
  CHECK(up["settings"]["custom"] == json::array({{1, 1, 0}, {2, 2, 1}}));
  CHECK(read_change(up["settings"], {{"classes", 2}})["settings"]["custom"] == two["settings"]["custom"]);
  // Points that are not the data are dropped instead of refusing the change.
  const json kept = read_change(three["settings"], {{"data", "spiral"}});
  CHECK(read_change(kept["settings"], {{"classes", 2}})["settings"]["custom"].empty());
  // A problem the data set does not serve takes the first set that serves it, and back.
  const json circle = read_link({});
  const json regression = read_change(circle["settings"], {{"problem", "regression"}});
  CHECK(regression["settings"]["data"] == "plane");
  CHECK(read_change(regression["settings"], {{"problem", "classification"}})["settings"]["data"] == "circle");
  // A data set of the other problem brings its problem; own points are classified.
  CHECK(read_change(circle["settings"], {{"data", "sine"}})["settings"]["problem"] == "regression");
  CHECK(read_change(regression["settings"], {{"data", "custom"}})["settings"]["problem"] == "classification");
  // Without a base, a link's entries are read as they are: no consequence is drawn.
  CHECK(read_link({{"problem", "regression"}})["settings"]["data"] == "circle");
  CHECK_FALSE(playground_read_settings_json("{\"entries\": [], \"base\": 1}"));
}

TEST_CASE("own points from CSV text: three numbers a line, labels to +-1, errors name the line") {
  const auto csv = [](const std::string& text, int classes = 2) {
    return playground_points_csv_json(json{{"text", text}, {"classes", classes}}.dump());
  };
  const auto points = [&](const std::string& text, int classes = 2) {
    auto read = csv(text, classes);
    if (!read) FAIL(read.error());
    return json::parse(*read)["points"];
  };
  const auto error = [&](const std::string& text, int classes = 2) {
    auto read = csv(text, classes);
    return read ? std::string("accepted: ") + *read : read.error();
  };
  CHECK(points("x1,x2,label\n1,2,1\n-3, 0.5, 0\n") == json::array({{1, 2, 1}, {-3, 0.5, -1}}));
  CHECK(points("# own points\r\n1;2;1\r\n\r\n3\t4 -1\n") == json::array({{1, 2, 1}, {3, 4, -1}}));
  CHECK(error("1,2,1\n3,4") == "CSV line 2: expected three numbers x1, x2, label (got \"3,4\")");
  CHECK(error("1,2,1\n3,4,1abc") == "CSV line 2: expected three numbers x1, x2, label (got \"3,4,1abc\")");
  CHECK(error("1,2,1\n3,inf,1") == "CSV line 2: expected three numbers x1, x2, label (got \"3,inf,1\")");
  CHECK(error("1,2,1\n30,4,1") == "CSV line 2: x1 and x2 must lie in [-6, 6]");
  CHECK(error("1,2,1") == "CSV: at least two points are needed");
  CHECK(error("1,2,1\n3,4,2") == "CSV line 2: with 2 classes the label must be 1 or -1 (0 also means -1; got "
                                 "2); for more classes choose them first");
  CHECK(error("1,2,0.5\n3,4,1").rfind("CSV line 1: with 2 classes the label must be 1 or -1", 0) == 0);
  // k classes: labels 0..k-1 as they are.
  CHECK(points("x1,x2,label\n1,2,0\n-3,0.5,2\n0,0,1\n", 3) ==
        json::array({{1, 2, 0}, {-3, 0.5, 2}, {0, 0, 1}}));
  CHECK(error("1,2,0\n3,4,3", 3) ==
        "CSV line 2: with 3 classes the label must be a whole number from 0 to 2 (got 3)");
  CHECK(error("1,2,-1\n3,4,1", 5) ==
        "CSV line 1: with 5 classes the label must be a whole number from 0 to 4 (got -1)");
  // No more points than the playground holds; a control character in a bad line is shown escaped.
  long long most = 0;
  const json catalog = json::parse(catalog_json());
  for (const json& f : catalog["playground"]["fields"])
    if (f["key"] == "custom") most = f["max_count"];
  REQUIRE(most > 2);
  std::string many;
  for (long long i = 0; i <= most; ++i) many += "0,0,1\n";
  CHECK(error(many) == "CSV: at most " + std::to_string(most) + " points");
  CHECK(error("1,2,1\n\x1b[2J,4,1") ==
        "CSV line 2: expected three numbers x1, x2, label (got \"\\u001B[2J,4,1\")");
  CHECK(error("1,2,1", 6) == "classes: must be a whole number from 2 to 5");
  CHECK_FALSE(playground_points_csv_json("{\"text\": 1, \"classes\": 2}"));
}

TEST_CASE("a weight the reader types in: a number within the playground's limit, or a message naming it") {
  CHECK(*playground_edited_weight(" -2.5 ", "output bias") == -2.5);
  CHECK(*playground_edited_weight("100", "output bias") == 100);
  CHECK(playground_edited_weight("abc", "output bias").error() ==
        "output bias: \"abc\" must be a number from -100 to 100");
  CHECK(playground_edited_weight("", "output bias").error() ==
        "output bias: \"\" must be a number from -100 to 100");
  CHECK(playground_edited_weight("100.5", "output bias").error() ==
        "output bias: \"100.5\" must be a number from -100 to 100");
  CHECK(playground_edited_weight("nan", "output bias").error() ==
        "output bias: \"nan\" must be a number from -100 to 100");
  CHECK(playground_edited_weight("1e999", "output bias").error() ==
        "output bias: \"1e999\" must be a number from -100 to 100");
}

TEST_CASE("the learning rates offered to pick from lie in the learning rate's range, ascending") {
  const json catalog = json::parse(catalog_json());
  for (const json& f : catalog["playground"]["fields"]) {
    if (f["key"] != "lr") continue;
    REQUIRE(f["suggested"].size() >= 5);
    double previous = 0;
    for (const json& rate : f["suggested"]) {
      CHECK(rate.get<double>() > previous);
      CHECK(rate.get<double>() <= f["max"].get<double>());
      previous = rate.get<double>();
    }
  }
}
