// The exercises' rules in the core (core/apps/exercise.hpp): every shipped exercise parses on its
// base scenario, its known answer passes and a known wrong one fails with the message that
// says what is missing; the fields a student may not change, limits, "change one thing", and
// bad exercise files are refused with messages naming the field.
#include "apps/exercise.hpp"
#include "apps/playground.hpp"
#include "input/limits.hpp"
#include "input/scenario.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace landscape;
using nlohmann::json;

namespace {

std::string exercise_text(const std::string& name) {
  return testing::read_source("scenarios/exercises/" + name + ".json");
}

Exercise load_exercise(const std::string& name) {
  const std::string text = exercise_text(name);
  const std::string base = json::parse(text)["scenario"].get<std::string>();
  auto exercise = parse_exercise(text, testing::read_source("scenarios/" + base + ".json"));
  if (!exercise) FAIL(name + ": " + exercise.error());
  return *exercise;
}

std::string answer(const std::string& name, const json& patch, const std::string& note = "") {
  return json{{"exercise", name}, {"patch", patch}, {"note", note}}.dump();
}

json check(const Exercise& exercise, const json& patch, const std::string& note = "") {
  auto result = check_exercise(exercise, answer(exercise.name, patch, note));
  if (!result) FAIL(result.error());
  return json::parse(*result);
}

} // namespace

TEST_CASE("every shipped exercise parses on its base scenario and names a known chapter") {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/exercises")) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().stem().string();
    INFO(name);
    const Exercise exercise = load_exercise(name);
    CHECK(exercise.name == name);
    CHECK(!exercise.check.empty());
    const json info = json::parse(exercise_info_json(exercise));
    CHECK(info["allowed"].size() == exercise.allowed.size());
    CHECK(info["base_values"].size() == exercise.allowed.size());
    ++count;
  }
  CHECK(count >= 10);
}

TEST_CASE("Newton's saddle: the known answer passes, a start near the hyperbola says where Newton ended") {
  const Exercise newton = load_exercise("newton-saddle");
  const json right = check(newton, json::parse(newton.answer_patch));
  CHECK(right["passed"] == true);
  CHECK(right["message"] == "passed");
  CHECK(right["numbers"]["final.kind"] == "saddle");
  const json wrong = check(newton, {{"start", {1.0, 0.5}}});
  CHECK(wrong["passed"] == false);
  CHECK(wrong["numbers"]["final.kind"] == "global minimum");
  CHECK(wrong["message"].get<std::string>().rfind(
            "Newton ended at a global minimum (negative eigenvalues: 0) at (", 0) == 0);
  CHECK(wrong["message"].get<std::string>().find("start it where it ends at the saddle") !=
        std::string::npos);
}

TEST_CASE(
    "the slow escape counts the steps to leave the saddle, and a start on the stable line never leaves") {
  const Exercise escape = load_exercise("slow-escape");
  CHECK(check(escape, {{"start", {0.3, -0.2997}}})["numbers"]["escape_step"] == 199);
  const json fast = check(escape, {{"start", {0.3, -0.2}}});
  CHECK(fast["passed"] == false);
  CHECK(fast["numbers"]["escape_step"] == 51);
  const json trapped = check(escape, {{"start", {0.3, -0.3}}});
  CHECK(trapped["passed"] == false);
  CHECK(trapped["message"].get<std::string>().find("never left the saddle in 1000 steps") !=
        std::string::npos);
}

TEST_CASE("fields the exercise does not allow are refused, naming the field") {
  const Exercise newton = load_exercise("newton-saddle");
  auto refused = check_exercise(newton, answer("newton-saddle", {{"optimizer", {{"kind", "gd"}}}}));
  REQUIRE(!refused);
  CHECK(refused.error() ==
        "answer.patch.optimizer: not a field you may change in this exercise (you may change: start)");
  auto steps = check_exercise(newton, answer("newton-saddle", {{"steps", 5}}));
  REQUIRE(!steps);
  CHECK(steps.error().rfind("answer.patch.steps: not a field you may change", 0) == 0);
  auto limit = check_exercise(newton, answer("newton-saddle", {{"start", {1e6, 0}}}));
  REQUIRE(!limit);
  CHECK(limit.error() == "answer.patch.start.0: must be from -3 to 3 in this exercise (got 1000000)");
  auto other = check_exercise(newton, answer("slow-escape", {{"start", {0, 0}}}));
  REQUIRE(!other);
  CHECK(other.error() ==
        "answer.exercise: this answer is for the exercise 'slow-escape', not 'newton-saddle'");
  auto invalid = check_exercise(newton, answer("newton-saddle", {{"start", "here"}}));
  REQUIRE(!invalid);
  CHECK(invalid.error() == "answer.patch.start: must be a list, as the exercise's [1.2,0.8] (got a string)");
  auto element = check_exercise(newton, answer("newton-saddle", {{"start", {0.3, "x"}}}));
  REQUIRE(!element);
  CHECK(element.error().rfind("answer.patch.start", 0) == 0);
  auto syntax = check_exercise(newton, "{\"exercise\": ");
  REQUIRE(!syntax);
  CHECK(syntax.error().rfind("answer: invalid JSON", 0) == 0);
  auto extra = check_exercise(newton, R"({"exercise": "newton-saddle", "grade": "A"})");
  REQUIRE(!extra);
  CHECK(extra.error() == "answer.grade: unknown field (known: exercise, patch, note, name, class, instance)");
  auto note = check_exercise(newton, answer("newton-saddle", json::object(), std::string(3000, 'x')));
  REQUIRE(!note);
  CHECK(note.error().rfind("answer.note: longer than 2000 bytes", 0) == 0);
}

TEST_CASE("the blind spot: one change escapes, two changes are refused by the check") {
  const Exercise blind = load_exercise("blind-spot-escape");
  const json right = check(blind, json::parse(blind.answer_patch));
  CHECK(right["passed"] == true);
  CHECK(right["numbers"]["final.original_loss"].get<double>() < 1e-20);
  const json stuck = check(blind, {{"optimizer", {{"kind", "gd"}, {"learning_rate", 0.05}}}});
  CHECK(stuck["passed"] == false);
  CHECK(stuck["message"].get<std::string>().rfind("the network's own loss is 0.3333 after 5000 steps", 0) ==
        0);
  const json tanh_layers = {{{"units", 2}, {"activation", "tanh"}, {"bias", true}},
                            {{"units", 1}, {"activation", "linear"}, {"bias", false}}};
  CHECK(check(blind, {{"model", {{"layers", tanh_layers}}}})["passed"] == true);
  const json two = check(
      blind, {{"model", {{"layers", tanh_layers}, {"init", {{"params", {1.0, -0.5, 0.5, 0.2, 0.5, 0.3}}}}}}});
  CHECK(two["passed"] == false);
  CHECK(two["message"].get<std::string>().rfind(
            "you changed 2 things (model.init, model.layers); change at most 1", 0) == 0);
  // The same verdict as data, for a page to word: its code and args, then each failed condition's.
  CHECK(two["verdict"][0] ==
        json{{"field", ""},
             {"code", "too_many_changes"},
             {"args", {"2", "model.init, model.layers", "1"}},
             {"message", "you changed 2 things (model.init, model.layers); change at most 1"}});
  CHECK(stuck["verdict"][0]["code"] == "blind-spot-escape.check[0]");
  CHECK(stuck["verdict"][0]["message"] == stuck["failed"][0]);
}

TEST_CASE(
    "the rescue: a small lambda rescues and lets a vanish, a large one switches the neuron off too early") {
  const Exercise rescue = load_exercise("rescue-lambda");
  const json right = check(rescue, {{"added_neuron", {{"lambda", 0.1}}}});
  CHECK(right["passed"] == true);
  const json strong = check(rescue, {{"added_neuron", {{"lambda", 50}}}});
  CHECK(strong["passed"] == false);
  CHECK(strong["message"].get<std::string>().rfind("the network's own loss is 0.43", 0) == 0);
}

TEST_CASE("the deep linear network's origin is a saddle with zero gradient") {
  const Exercise linear = load_exercise("deep-linear-saddle");
  const json right = check(linear, json::parse(linear.answer_patch));
  CHECK(right["passed"] == true);
  CHECK(right["numbers"]["initial.kind"] == "saddle");
  const json wrong = check(linear, json::object());
  CHECK(wrong["passed"] == false);
  CHECK(wrong["message"].get<std::string>().rfind("the gradient at the start is", 0) == 0);
}

TEST_CASE("a variant of the base is reached by name in an answer's patch") {
  const Exercise barrier = load_exercise("barrier");
  auto text = exercise_scenario(barrier, answer("barrier", json::parse(barrier.answer_patch)));
  REQUIRE(text);
  const json scenario = json::parse(*text);
  REQUIRE(scenario["compare"].is_array());
  CHECK(scenario["compare"][0]["name"] == "seed-a");
  CHECK(scenario["compare"][0]["patch"]["seed"] == 3);
  CHECK(scenario["compare"][1]["patch"]["seed"] == 4);
  CHECK(scenario["view"]["kind"] == "interpolate");
  auto label =
      exercise_scenario(barrier, answer("barrier", {{"compare", {{"seed-a", {{"label", "mine"}}}}}}));
  REQUIRE(!label);
  CHECK(label.error().rfind("answer.patch.compare.seed-a.label: not a field you may change", 0) == 0);
}

TEST_CASE("bad exercise files are refused naming the field") {
  const std::string base = testing::read_source("scenarios/saddle-explorer.json");
  json good = json::parse(exercise_text("newton-saddle"));
  auto refuse = [&](json exercise) {
    auto parsed = parse_exercise(exercise.dump(), base);
    REQUIRE(!parsed);
    return parsed.error();
  };
  json bad = good;
  bad["check"][0]["quantity"] = "final.colour";
  CHECK(refuse(bad).rfind("check[0].quantity: unknown quantity 'final.colour' for a surface scenario", 0) ==
        0);
  bad = good;
  bad["check"][0]["op"] = "roughly";
  CHECK(refuse(bad).rfind("check[0].op: unknown op 'roughly'", 0) == 0);
  bad = good;
  bad["scenario"] = "rescue";
  CHECK(refuse(bad) ==
        "scenario: the exercise is on the scenario 'rescue', but the scenario given is 'saddle-explorer'");
  bad = good;
  bad["answer"] = {{"optimizer", {{"kind", "gd"}}}};
  CHECK(refuse(bad).rfind("answer.optimizer: not a field you may change", 0) == 0);
  bad = good;
  bad["difficulty"] = 3;
  CHECK(refuse(bad).rfind("difficulty: unknown field (known: name, title, chapter, ", 0) == 0);
  bad = good;
  bad.erase("allowed");
  CHECK(refuse(bad).rfind("allowed: missing", 0) == 0);
  CHECK(!parse_exercise("{", base));
}

// Found by the exercise fuzzer: a line whose range leaves out an end reported a null loss and
// the message "ends at loss none".
TEST_CASE("a line check whose range leaves out an end is refused naming view.range") {
  json barrier = json::parse(exercise_text("barrier"));
  barrier["patch"]["view"]["range"] = json::array({0.0, 0.5});
  auto parsed = parse_exercise(barrier.dump(), testing::read_source("scenarios/connect-minima.json"));
  REQUIRE(parsed);
  auto result = check_exercise(*parsed, answer("barrier", barrier["answer"]));
  REQUIRE(!result);
  CHECK(result.error().rfind("view.range: the line must include both of its ends", 0) == 0);
}

static std::string reproducer_answer(const std::string& name) {
  return testing::read_source("tests/fixtures/reproducers/answers/" + name + ".json");
}

// An answer is applied as a JSON merge patch, where null deletes: {"start": null} deleted the
// exercise's own start (the check ran on the base's, and passed), {"steps": null} its step limit.
TEST_CASE("an answer's null is refused by name: no answer removes a field the exercise sets") {
  for (const auto& [exercise, file, field] :
       {std::tuple{"newton-saddle", "null-start-newton-saddle", "answer.patch.start"},
        std::tuple{"monkey-flat", "null-start-monkey-flat", "answer.patch.start"},
        std::tuple{"rescue-lambda", "null-lambda-rescue-lambda", "answer.patch.added_neuron.lambda"},
        std::tuple{"spiral-fewest", "null-steps-spiral-fewest", "answer.patch.steps"}}) {
    INFO(file);
    auto refused = check_exercise(load_exercise(exercise), reproducer_answer(file));
    REQUIRE(!refused);
    CHECK(refused.error() ==
          std::string(field) +
              ": null is not a value; an answer gives the value of each field it changes and "
              "cannot remove the exercise's own (leave a field out to keep its value)");
  }
  const Exercise blind = load_exercise("blind-spot-escape");
  auto inner = check_exercise(blind, answer("blind-spot-escape", {{"optimizer", {{"batch_size", nullptr}}}}));
  REQUIRE(!inner);
  CHECK(inner.error().rfind("answer.patch.optimizer.batch_size: null is not a value", 0) == 0);
  auto in_list =
      check_exercise(load_exercise("newton-saddle"), answer("newton-saddle", {{"start", {0.3, nullptr}}}));
  REQUIRE(!in_list);
  CHECK(in_list.error().rfind("answer.patch.start[1]: null is not a value", 0) == 0);
  // A value of another kind than the exercise's is refused naming the kind.
  auto object = check_exercise(blind, answer("blind-spot-escape", {{"optimizer", 5}}));
  REQUIRE(!object);
  CHECK(object.error().rfind("answer.patch.optimizer: must be an object, as the exercise's", 0) == 0);
}

TEST_CASE(
    "a limited field holds a number in range after the answer, and an exercise's limit names a number") {
  const Exercise spiral = load_exercise("spiral-fewest");
  auto text = check_exercise(spiral, answer("spiral-fewest", {{"steps", "3000"}}));
  REQUIRE(!text);
  CHECK(text.error() == "answer.patch.steps: must be a number, as the exercise's 3000 (got a string)");
  json bad = json::parse(exercise_text("newton-saddle"));
  bad["limits"]["start.2"] = {0, 1};
  auto parsed = parse_exercise(bad.dump(), testing::read_source("scenarios/saddle-explorer.json"));
  REQUIRE(!parsed);
  CHECK(parsed.error() == "limits.start.2: the exercise's scenario has no number there");
}

// Within an exercise's limits an answer could run for hours (Newton on 1,981 parameters for
// 3,000 steps) or minutes (a 2-1024-1024-1 network): the check's work is counted first.
TEST_CASE("an answer over the budget of a check is refused before it runs, with the limit in the message") {
  const Exercise spiral = load_exercise("spiral-fewest");
  auto newton = check_exercise(spiral, reproducer_answer("newton-1981-params-3000-steps-spiral-fewest"));
  REQUIRE(!newton);
  CHECK(
      newton.error() ==
      "answer.patch: 3,000 newton steps of a 2-30-30-30-1 network on 20 training points (each a dense "
      "Hessian "
      "of 1,981 parameters and its eigen-decomposition) needs about 2.1e+14 multiply-adds, more than the "
      "4e+09 "
      "one check may take (the same budget on every machine); use fewer steps, fewer units or a first-order "
      "optimizer");
  auto wide = check_exercise(spiral, reproducer_answer("wide-2-1024-1024-1-3000-steps-spiral-fewest"));
  REQUIRE(!wide);
  CHECK_THAT(wide.error(),
             Catch::StartsWith("answer.patch: 3,000 adam steps of a 2-1024-1024-1 network on 20 "
                               "training points needs about"));
  CHECK_THAT(wide.error(), Catch::Contains("more than the 4e+09 one check may take"));
  // The same network for fewer steps fits: the budget is in work, not a rule about sizes.
  auto short_run = exercise_scenario(
      spiral, answer("spiral-fewest",
                     {{"model", {{"layers", {{{"units", 1024}}, {{"units", 1024}}, {{"units", 1}}}}}},
                      {"steps", 10}}));
  REQUIRE(short_run);
}

TEST_CASE("every shipped exercise's known answer is well within the budget of a check") {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/exercises")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().stem().string());
    // (parse_exercise also refuses an exercise whose own answer is over the budget.)
    const Exercise exercise = load_exercise(entry.path().stem().string());
    auto work = exercise_check_work(
        exercise, answer(exercise.name, json::parse(exercise.answer_patch), exercise.answer_note));
    REQUIRE(work);
    CHECK(*work <= kMaxRequestWork / 3);
  }
}

TEST_CASE("a student's fields are read by the core from their texts, as typed") {
  const Exercise rescue = load_exercise("rescue-lambda");
  auto huge =
      exercise_answer_from_fields(rescue, R"({"fields": {"added_neuron.lambda": "1e400"}, "note": ""})");
  REQUIRE(!huge);
  CHECK(huge.error() == "answer.patch.added_neuron.lambda: 1e400 is not a finite number (numbers must lie "
                        "within about +-1.8e308)");
  auto right =
      exercise_answer_from_fields(rescue, R"({"fields": {"added_neuron.lambda": " 0.1 "}, "note": "n"})");
  REQUIRE(right);
  CHECK(json::parse(*right) ==
        json::parse(
            R"({"exercise": "rescue-lambda", "patch": {"added_neuron": {"lambda": 0.1}}, "note": "n"})"));
  // Empty keeps the exercise's value; a value equal to it is no change.
  const Exercise newton = load_exercise("newton-saddle");
  CHECK(json::parse(*exercise_answer_from_fields(newton, R"({"fields": {"start": ""}})"))["patch"] ==
        json::object());
  CHECK(json::parse(*exercise_answer_from_fields(
            newton, R"({"fields": {"start": "[1.2, 0.8]"}})"))["patch"] == json::object());
  CHECK(exercise_answer_from_fields(newton, R"({"fields": {"start": "here"}})").error() ==
        "answer.patch.start: \"here\" is not a value (a number, a list such as [0.3, -0.2], or JSON)");
  CHECK(exercise_answer_from_fields(newton, R"({"fields": {"start": "null"}})")
            .error()
            .rfind("answer.patch.start: null is not a value", 0) == 0);
  CHECK(exercise_answer_from_fields(newton, R"({"fields": {"steps": "5"}})")
            .error()
            .rfind("answer.patch.steps: not a field you may change", 0) == 0);
  // A text where the exercise has a string (an optimizer's kind): the text itself.
  const Exercise blind = load_exercise("blind-spot-escape");
  auto kind = exercise_answer_from_fields(blind, R"({"fields": {"optimizer": "{\"kind\": \"adam\"}"}})");
  REQUIRE(kind);
  CHECK(json::parse(*kind)["patch"]["optimizer"]["kind"] == "adam");
}

TEST_CASE("a network's answer is read from its controls' texts: features, layers, an optimizer's settings") {
  // spiral-fewest keeps the inputs x1 and x2; the same exercise with the features and the
  // number of inputs open to the student, as the playground's controls hold them.
  json open = json::parse(exercise_text("spiral-fewest"));
  open["allowed"] = {"data.features", "model.inputs", "model.layers", "optimizer"};
  open["field_labels"] = {{"data.features", "input features"}, {"model.inputs", "number of inputs"}};
  open["check"][1]["value"] = 150;
  open["answer"] = {{"data", {{"features", {"x1", "x2", "sin(x1)", "sin(x2)"}}}},
                    {"model",
                     {{"inputs", 4},
                      {"layers",
                       {{{"units", 8}, {"activation", "tanh"}},
                        {{"units", 8}, {"activation", "tanh"}},
                        {{"units", 1}, {"activation", "tanh"}}}}}},
                    {"optimizer", {{"kind", "gd"}, {"learning_rate", 0.3}, {"batch_size", 0}}}};
  auto parsed = parse_exercise(open.dump(), testing::read_source("scenarios/playground.json"));
  REQUIRE(parsed);
  const Exercise& spiral = *parsed;
  const json fields = json::parse(exercise_fields_json(spiral));
  std::map<std::string, json> by_path;
  for (const json& f : fields) by_path[f["path"]] = f;
  CHECK(by_path["data.features"]["kind"] == "features");
  CHECK(by_path["data.features"]["choice_labels"]["x1*x2"] == "x₁x₂");
  CHECK(by_path["model.inputs"]["kind"] == "count");
  CHECK(by_path["model.layers"]["kind"] == "layers");
  CHECK(by_path["model.layers"]["units"] == json{{"min", 1}, {"max", kMaxUnits}});
  CHECK(by_path["optimizer"]["kind"] == "group");
  // The exercise's answer as ticked and typed: exactly its patch, the inputs counted.
  auto answer = exercise_answer_from_fields(spiral, R"J({"fields": {
      "data.features": ["x1", "x2", "sin(x1)", "sin(x2)"], "model.inputs": "",
      "model.layers": [{"units": "8", "activation": "tanh"}, {"units": " 8 ", "activation": "tanh"},
                       {"units": "1", "activation": "tanh"}],
      "optimizer": {"kind": "gd", "learning_rate": "0.3", "batch_size": "0"}}})J");
  REQUIRE(answer);
  CHECK(json::parse(*answer)["patch"] == json::parse(spiral.answer_patch));
  CHECK(exercise_answer_from_fields(spiral,
                                    R"({"fields": {"model.layers": [{"units": "x", "activation": "tanh"}]}})")
            .error() == "answer.patch.model.layers[0].units: \"x\" is not a number");
  CHECK(exercise_answer_from_fields(spiral, R"({"fields": {"data.features": []}})").error() ==
        "answer.patch.data.features: choose at least one input feature");
  // The base as the controls show it (the playground's layers, the exercise's optimizer): no change.
  auto unchanged = exercise_answer_from_fields(spiral, R"({"fields": {
      "data.features": ["x1", "x2"], "model.inputs": "",
      "model.layers": [{"units": "4", "activation": "tanh"}, {"units": "2", "activation": "tanh"},
                       {"units": "1", "activation": "tanh"}],
      "optimizer": {"kind": "adam", "learning_rate": "0.03", "batch_size": "0"}}})");
  REQUIRE(unchanged);
  CHECK(json::parse(*unchanged)["patch"] == json::object());
}

// The width comes from the theorem (m - 1 units for m distinct points), not from a search:
// the known answer fits every point, two units do not, one unit more than the theorem's width
// is over the parameter count, and the inputs are x1 and x2 for everyone.
TEST_CASE("the small spiral: m - 1 hidden units fit all 20 points, 2 units do not, the features stay fixed") {
  const Exercise spiral = load_exercise("spiral-fewest");
  const json right = check(spiral, json::parse(spiral.answer_patch));
  CHECK(right["passed"] == true);
  CHECK(right["numbers"]["parameters"] == 77);
  CHECK(right["numbers"]["final.accuracy"] == 1);
  const json layers2 = {
      {"model",
       {{"layers", {{{"units", 2}, {"activation", "tanh"}}, {{"units", 1}, {"activation", "tanh"}}}}}}};
  const json narrow = check(spiral, layers2);
  CHECK(narrow["passed"] == false);
  CHECK(narrow["message"] ==
        "training accuracy 0.8 after 3000 steps; every training point must be on its side "
        "(accuracy 1)");
  const json layers20 = {
      {"model",
       {{"layers", {{{"units", 20}, {"activation", "tanh"}}, {{"units", 1}, {"activation", "tanh"}}}}}}};
  const json wide = check(spiral, layers20);
  CHECK(wide["passed"] == false);
  CHECK(wide["message"] == "the network has 81 parameters; use at most 77");
  auto features =
      check_exercise(spiral, answer("spiral-fewest", {{"data", {{"features", {"x1", "sin(x1)"}}}}}));
  REQUIRE(!features);
  CHECK_THAT(features.error(), Catch::StartsWith("answer.patch.data: not a field you may change"));
}

TEST_CASE("a class's students get instances of their own: reproducible, each with its reference answer") {
  const Exercise monkey = load_exercise("monkey-flat");
  const long long anna = exercise_instance_number(monkey, "PHY-101", "Anna Berg");
  CHECK(anna >= 10000);
  CHECK(anna <= 99999);
  CHECK(exercise_instance_number(monkey, "PHY-101", "  anna   BERG ") == anna);
  CHECK(exercise_instance_number(monkey, "PHY-101", "Ben Okafor") != anna);
  CHECK(exercise_instance_number(monkey, "", "Anna Berg") == 0);
  auto instance = exercise_instance(monkey, anna);
  REQUIRE(instance);
  CHECK(instance->instance == anna);
  // The monkey saddle's flat point is the surface's moved origin: the instance's answer.
  const json centre = json::parse(instance->base_text)["surface"]["center"];
  CHECK(json::parse(instance->answer_patch)["start"] == centre);
  CHECK(instance->instance_text.rfind("the surface's origin moved to (", 0) == 0);
  const json own = {{"exercise", "monkey-flat"},
                    {"patch", json::parse(instance->answer_patch)},
                    {"note", ""},
                    {"class", "PHY-101"},
                    {"name", "Anna Berg"},
                    {"instance", anna}};
  auto passed = check_exercise(monkey, own.dump());
  REQUIRE(passed);
  CHECK(json::parse(*passed)["passed"] == true);
  CHECK(json::parse(*passed)["summary"].get<std::string>().rfind("largest |eigenvalue| at the start ", 0) ==
        0);
  // The origin's answer, which passes the exercise as written, fails on Anna's surface.
  json plain = own;
  plain["patch"] = {{"start", {0, 0}}};
  CHECK(json::parse(*check_exercise(monkey, plain.dump()))["passed"] == false);
  // Her answer handed in as Ben's: computed for another instance, and said so.
  json ben = own;
  ben["name"] = "Ben Okafor";
  const std::string message = json::parse(*check_exercise(monkey, ben.dump()))["message"];
  CHECK(message.rfind("instance: this answer was computed for instance " + std::to_string(anna), 0) == 0);
}

TEST_CASE("an exercise's vary and labels are checked, naming the field") {
  const std::string base = testing::read_source("scenarios/saddle-explorer.json");
  json good = json::parse(exercise_text("monkey-flat"));
  auto refuse = [&](json exercise) {
    auto parsed = parse_exercise(exercise.dump(), base);
    REQUIRE(!parsed);
    return parsed.error();
  };
  json bad = good;
  bad["labels"].erase("start.largest_abs_eigenvalue");
  CHECK(refuse(bad) ==
        "labels.start.largest_abs_eigenvalue: missing (the words the teacher's table shows for it)");
  bad = good;
  bad["vary"][0]["field"] = "start";
  CHECK(refuse(bad).rfind("vary[0].field: start is a field the student changes", 0) == 0);
  bad = good;
  bad["vary"][0]["step"] = 0.3;
  CHECK(refuse(bad).rfind("vary[0].step: must be 1/n", 0) == 0);
  bad = good;
  bad["vary"][0]["field"] = "surface.colour";
  CHECK(refuse(bad) == "vary[0].field: the exercise's scenario has no field surface.colour");
}

namespace {
// A link's text as [key, value] pairs in its order (the link writes only letters, digits, -._~
// and the separators , : ; unescaped; nothing here needs decoding).
std::vector<std::pair<std::string, std::string>> link_pairs(const std::string& link) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t start = 0; start < link.size();) {
    std::size_t end = link.find('&', start);
    if (end == std::string::npos) end = link.size();
    const std::string item = link.substr(start, end - start);
    const std::size_t equals = item.find('=');
    pairs.emplace_back(item.substr(0, equals), equals == std::string::npos ? "" : item.substr(equals + 1));
    start = end + 1;
  }
  return pairs;
}
} // namespace

TEST_CASE("an exercise's playground starts on the network its check trains: own points, a full batch of all "
          "of them") {
  // Inline data: the exercise's 20 points become the playground's own points, and its full batch
  // (batch_size 0) with Adam a batch of all 20 (the playground's Adam otherwise takes 10).
  const Exercise spiral = load_exercise("spiral-fewest");
  auto state = exercise_playground_state(spiral);
  REQUIRE(state);
  const auto pairs = link_pairs(*state);
  std::vector<std::string> keys;
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : pairs) {
    keys.push_back(key);
    values[key] = value;
  }
  // Only what differs from the playground's defaults (its learning rate 0.03 is the default), in the links'
  // order.
  CHECK(keys == std::vector<std::string>{"data", "optimizer", "batch", "custom"});
  CHECK(values["data"] == "custom");
  CHECK(values["optimizer"] == "adam");
  CHECK(values["batch"] == "20");
  const json patch = json::parse(exercise_text("spiral-fewest"))["patch"];
  std::string points;
  for (std::size_t i = 0; i < patch["data"]["x"].size(); ++i) {
    std::ostringstream point;
    point << patch["data"]["x"][i][0].get<double>() << ":" << patch["data"]["x"][i][1].get<double>() << ":"
          << patch["data"]["y"][i][0].get<double>();
    if (i) points += ';';
    points += point.str();
  }
  CHECK(values["custom"] == points);
  CHECK(values["custom"].substr(0, 20) == "0.446:0.227:1;0.809:");

  // Named data: the set, its noise and test share in the playground's percent, and a full batch
  // of the points not held out (500 points, 20% held out: 400).
  json named = json::parse(exercise_text("playground-diverge"));
  named["patch"] = {{"steps", 500},
                    {"data", {{"kind", "xor"}, {"noise", 0.1}, {"test_fraction", 0.2}}},
                    {"optimizer", {{"kind", "adam"}, {"learning_rate", 0.01}, {"batch_size", 0}}}};
  auto xor_exercise = parse_exercise(named.dump(), testing::read_source("scenarios/playground.json"));
  REQUIRE(xor_exercise);
  CHECK(*exercise_playground_state(*xor_exercise) ==
        "data=xor&noise=10&test=20&optimizer=adam&lr=0.01&batch=400");
  // Gradient descent takes the full batch whatever the setting: no batch is written.
  named["patch"]["optimizer"] = {{"kind", "gd"}, {"learning_rate", 0.01}, {"batch_size", 0}};
  CHECK(*exercise_playground_state(
            *parse_exercise(named.dump(), testing::read_source("scenarios/playground.json"))) ==
        "data=xor&noise=10&test=20&optimizer=gd&lr=0.01");
  // The shipped playground exercise on the default network: nothing to write.
  CHECK(*exercise_playground_state(load_exercise("playground-diverge")) == "");

  // The settings the link holds build the scenario the check trains: the same points, every one
  // in each step.
  json settings = {{"data", "custom"}, {"optimizer", "adam"}, {"batch", 20}, {"custom", json::array()}};
  for (std::size_t i = 0; i < patch["data"]["x"].size(); ++i)
    settings["custom"].push_back(
        {patch["data"]["x"][i][0], patch["data"]["x"][i][1], patch["data"]["y"][i][0]});
  const json built = json::parse(*playground_scenario_json(settings.dump()))["scenario"];
  CHECK(built["data"]["x"] == patch["data"]["x"]);
  CHECK(built["data"]["y"] == patch["data"]["y"]);
  CHECK(built["optimizer"]["batch_size"] == 20);

  // Another widget's exercise has no playground: refused, naming the field.
  CHECK(exercise_playground_state(load_exercise("newton-saddle")).error() ==
        "widget: the exercise's widget is the saddle-explorer, not the playground");
}
