// A seeded mutation fuzzer of the scenario parser and of what the bindings call on a parsed
// scenario (Training: create, advance, current, field, checkpoint, the spectrum; surface paths
// and curvature). The corpus is every shipped scenario, the node tests' scenarios and the
// reproducers; each case mutates one of them (numbers to extremes, wrong types, deleted fields,
// huge arrays, unicode junk, or raw bytes) and asserts the outcome: a result whose every number
// is finite, or a one-line printable message naming a field; no crash (make sanitize runs this
// under AddressSanitizer and UBSan), and each case within a time bound.
// LANDSCAPE_FUZZ_CASES=100000 (and LANDSCAPE_FUZZ_SEED) runs a longer search locally;
// LANDSCAPE_FUZZ_DUMP=DIR writes each case's input there.
#include "apps/exercise.hpp"
#include "curvature/curvature.hpp"
#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/surface_scenario.hpp"
#include "input/text.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

using namespace landscape;
using namespace landscape::testing;
using nlohmann::json;

namespace {
// The CPU time this thread has used, in seconds. A case's bound is on it, not on the wall
// clock: the bound catches a hang or a runaway estimate of a check's work, and a wall clock
// also counts the time other processes took (under `make test` the sanitizer suite runs beside
// four browsers, and a 4-second case once took 11.8 s of wall time).
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

std::vector<std::string> corpus() {
  std::vector<std::string> texts;
  for (const char* dir : {"scenarios", "tests/wasm/scenarios", "tests/fixtures/reproducers"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(LANDSCAPE_SOURCE_DIR) + "/" + dir))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end()); // the same corpus order everywhere: seeds reproduce
    for (const auto& file : files) texts.push_back(read_text(file.string()));
  }
  return texts;
}

// Every value of the document (objects, arrays and leaves), for picking one to mutate.
void collect(json& node, std::vector<json*>& out) {
  out.push_back(&node);
  if (node.is_object() || node.is_array())
    for (auto& child : node) collect(child, out);
}

json junk_value(Random& rng) {
  static const double numbers[] = {0,
                                   -1,
                                   1,
                                   2,
                                   0.5,
                                   1e308,
                                   -1e308,
                                   1e-308,
                                   4.9e-324,
                                   1e154,
                                   2147483648.0,
                                   -2147483649.0,
                                   9007199254740993.0,
                                   1e20,
                                   1e6,
                                   1024,
                                   100000,
                                   1e8,
                                   3.7};
  static const char* strings[] = {"NaN",
                                  "Infinity",
                                  "-inf",
                                  "",
                                  "1e999",
                                  "\x1b[2J\x1b[31mred\n",
                                  "\xc3\xa9t\xc3\xa9",
                                  ("\xe2\x80\xae"
                                   "abc"), // a right-to-left override, then text
                                  "newton",
                                  "saddle_free_newton",
                                  "cross_entropy",
                                  "relu",
                                  "params",
                                  "\xf0\x9f\x92\xa9",
                                  "\t\r\n",
                                  "spiral"};
  switch (rng.below(6)) {
  case 0:
  case 1: return numbers[rng.below(std::size(numbers))];
  case 2: return strings[rng.below(std::size(strings))];
  case 3: return rng.below(2) ? json(nullptr) : json(rng.below(2) == 1);
  case 4: return rng.below(2) ? json::array() : json::object();
  default: return json(double(std::int64_t(rng.below(4000)) - 100));
  }
}

void mutate(json& document, Random& rng) {
  std::vector<json*> nodes;
  collect(document, nodes);
  // Half the time a number alone, moved to an edge: the structure stays valid, so the case
  // reaches training, curvature and the limits rather than stopping at the parser.
  std::vector<json*> numbers;
  for (json* node : nodes)
    if (node->is_number()) numbers.push_back(node);
  if (!numbers.empty() && rng.below(2) == 0) {
    json& number = *numbers[rng.below(numbers.size())];
    static const double edges[] = {0, -1, 1, 2, 1e308, -1e308, 1e-308, 1e154, 1e100, 1e-100, 1e6, 0.5};
    const double x = number.get<double>();
    switch (rng.below(3)) {
    case 0: number = edges[rng.below(std::size(edges))]; break;
    case 1: number = x * edges[rng.below(std::size(edges))]; break;
    default: number = x + double(int(rng.below(7)) - 3); break;
    }
    return;
  }
  json& node = *nodes[rng.below(nodes.size())];
  switch (rng.below(8)) {
  case 0: // delete a field or an element
    if (node.is_object() && !node.empty()) {
      auto it = node.begin();
      std::advance(it, std::ptrdiff_t(rng.below(node.size())));
      node.erase(it);
      return;
    }
    if (node.is_array() && !node.empty()) {
      node.erase(std::size_t(rng.below(node.size())));
      return;
    }
    [[fallthrough]];
  case 1:
  case 2: node = junk_value(rng); return;
  case 3: // a number scaled or nudged
    if (node.is_number()) {
      const double x = node.get<double>();
      static const double factors[] = {-1, 0, 10, 1000, 1e100, 1e-100, 1e300};
      node = rng.below(2) ? x * factors[rng.below(std::size(factors))] : x + double(int(rng.below(5)) - 2);
      return;
    }
    node = junk_value(rng);
    return;
  case 4: // a huge array
    node = json::array();
    for (int i = 0, n = 200 + int(rng.below(3000)); i < n; ++i)
      node.push_back(rng.below(3) ? json(double(i % 7)) : json::array({1.0, -1.0}));
    return;
  case 5: // unicode junk as a key
    if (node.is_object()) {
      node["\x1b]0;title\x07k\xc3\xa9y"] = 1;
      return;
    }
    node = "\xe2\x80\x8b\xc2\x85\x1b[0m";
    return;
  case 6: // an element duplicated (layers, rows, compare entries)
    if (node.is_array() && !node.empty()) {
      const json copy = node[std::size_t(rng.below(node.size()))];
      for (int i = 0, n = 1 + int(rng.below(20)); i < n; ++i) node.push_back(copy);
      return;
    }
    node = junk_value(rng);
    return;
  default: // a field of the schema set on this object, to reach deeper rules
    if (node.is_object()) {
      static const char* keys[] = {"units",   "kind", "points",  "steps",      "learning_rate", "batch_size",
                                   "classes", "skip", "enabled", "start_step", "lambda",        "features"};
      node[keys[rng.below(std::size(keys))]] = junk_value(rng);
      return;
    }
    node = junk_value(rng);
  }
}

// Round two's kinds, which a JSON document cannot hold and so are written into the text: a value
// replaced by deep nesting (around the reader's limit, or thousands deep), by a number out of
// double's range ("1e400", 400 digits), or by null (in an answer: a deletion in a merge patch).
const char* const kMarker = "\"@@round-two@@\"";
std::string round_two_value(Random& rng) {
  switch (rng.below(4)) {
  case 0: {
    static const int depths[] = {63, 64, 65, 1000, 10000};
    const int depth = depths[rng.below(std::size(depths))];
    return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
  }
  case 1: {
    static const char* numbers[] = {"1e400",
                                    "-1e999",
                                    "2e308",
                                    "1e-400",
                                    "18446744073709551616",
                                    "-0",
                                    "4.9e-324",
                                    "1.7976931348623157e308"};
    return numbers[rng.below(std::size(numbers))];
  }
  case 2: return "1" + std::string(400, '0');
  default: return "null";
  }
}

// The document's text with one of its values (or, with `inside`, a value under `inside`)
// replaced by a round-two value.
std::string inject_round_two(json document, Random& rng, const char* inside = nullptr) {
  json* root = &document;
  if (inside && document.is_object() && document.contains(inside) && document[inside].is_object() &&
      !document[inside].empty())
    root = &document[inside];
  std::vector<json*> nodes;
  collect(*root, nodes);
  json* node = nodes[rng.below(nodes.size())];
  if (node == root && root->is_object()) node = &(*root)["@@key"]; // a new field rather than the whole
  *node = "@@round-two@@";
  std::string text = document.dump(-1, ' ', false, json::error_handler_t::replace);
  const std::size_t at = text.find(kMarker);
  if (at != std::string::npos) text.replace(at, std::strlen(kMarker), round_two_value(rng));
  return text;
}

// An answer within an exercise's limits whose check would run long (a wide network for every
// allowed step, a Newton-type optimizer on hundreds of parameters): the budget must refuse it
// before it runs, or it is cheap enough to run.
json long_running_patch(const json& allowed, Random& rng) {
  json patch = json::object();
  auto allows = [&](const char* field) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const json& a) { return a == field; });
  };
  if (allows("model.layers")) {
    const int units = std::array<int, 4>{64, 256, 512, 1024}[rng.below(4)];
    patch["model"]["layers"] = {{{"units", units}}, {{"units", units}}, {{"units", 1}}};
  }
  if (allows("optimizer"))
    patch["optimizer"] = rng.below(2) ? json{{"kind", "newton"}, {"learning_rate", 0.5}}
                                      : json{{"kind", "gd"}, {"learning_rate", 0.1}, {"batch_size", 0}};
  if (allows("steps")) patch["steps"] = 1 + rng.below(3000);
  if (allows("added_neuron.lambda")) patch["added_neuron"]["lambda"] = 0.5;
  if (allows("seed")) patch["seed"] = rng.below(1000000);
  return patch;
}

// Raw bytes: flips, insertions, deletions, a cut.
std::string mutate_bytes(std::string text, Random& rng) {
  for (int i = 0, n = 1 + int(rng.below(4)); i < n && !text.empty(); ++i) {
    const std::size_t at = rng.below(text.size());
    switch (rng.below(4)) {
    case 0: text[at] = char(rng.below(256)); break;
    case 1: text.insert(at, 1, char(rng.below(256))); break;
    case 2: text.erase(at, 1 + rng.below(8)); break;
    default: text.resize(at); break;
    }
  }
  return text;
}

struct Figures {
  long cases = 0, refused_parse = 0, refused_create = 0, trained = 0, diverged = 0, surfaces = 0, spectra = 0,
       skipped_heavy = 0, records = 0, round_two = 0;
  double slowest = 0.0;
};

// A message of the core: one printable line that names a field ("field.path: what").
void check_message(const std::string& message, const std::string& text) {
  INFO("input: " << printable(text, 600));
  INFO("message: " << printable(message, 600));
  REQUIRE(!message.empty());
  REQUIRE(printable(message, message.size() + 1) == message);
  const auto colon = message.find(": ");
  REQUIRE(colon != std::string::npos);
  REQUIRE(colon > 0);
}

void check_record(const LogRecord& r) {
  REQUIRE(std::isfinite(r.loss));
  REQUIRE(std::isfinite(r.grad_norm));
  REQUIRE(std::isfinite(r.original_loss));
  REQUIRE(std::isfinite(r.step_size));
  REQUIRE(std::isfinite(r.elapsed_time));
  REQUIRE(r.params.allFinite());
  REQUIRE(r.network_output.allFinite());
  REQUIRE(r.neuron_output.allFinite());
  REQUIRE(r.a.allFinite());
  REQUIRE(r.w.allFinite());
  REQUIRE(to_json(r).find("null") == std::string::npos);
}

// Inside the limits a case can still take seconds under AddressSanitizer: keep each small
// (whole_run: the case runs all the scenario's steps, as an exercise's check does).
bool heavy(const Scenario& s, bool whole_run) {
  const double points = s.data.kind == "inline" ? double(s.data.x.rows()) : double(s.data.points);
  const double work = points * network_work_per_point(s.network);
  const bool hessian = find_optimizer_kind(s.optimizer.kind)->hessian;
  const long long n = s.network.parameter_count();
  return work > 3e6 || (hessian && double(n) * work > 3e6) ||
         (whole_run && double(s.steps) * work * (hessian ? double(n) : 1.0) > 3e8);
}

void run_case(const std::string& text, Random& rng, Figures& figures) {
  auto parsed = parse_scenario(text);
  if (!parsed) {
    ++figures.refused_parse;
    return check_message(parsed.error(), text);
  }
  INFO("input: " << printable(text, 600));
  if (parsed->surface) {
    ++figures.surfaces;
    auto scenario = SurfaceScenario::create(text);
    if (!scenario) return check_message(scenario.error(), text);
    const std::array<double, 2> start = {rng.uniform(-3, 3), rng.uniform(-3, 3)};
    auto path = (*scenario)->path("", start);
    if (!path) return check_message(path.error(), text);
    for (const auto& p : *path) REQUIRE((std::isfinite(p[0]) && std::isfinite(p[1])));
    auto curvature = surface_curvature_json((*scenario)->surface(), path->back()[0], path->back()[1]);
    if (curvature) REQUIRE(curvature->find("null") == std::string::npos);
    return;
  }
  const Scenario& s = *parsed;
  const double points = s.data.kind == "inline" ? double(s.data.x.rows()) : double(s.data.points);
  if (heavy(s, false)) {
    ++figures.skipped_heavy;
    return;
  }
  auto created = Training::create(*parsed);
  if (!created) {
    ++figures.refused_create;
    return check_message(created.error(), text);
  }
  ++figures.trained;
  Training& t = **created;
  for (int call = 0; call < 3 && t.state() == TrainingState::running; ++call) {
    for (const LogRecord& r : t.advance(1 + long(rng.below(40)))) {
      ++figures.records;
      check_record(r);
    }
  }
  check_record(t.current());
  if (t.state() == TrainingState::diverged) {
    ++figures.diverged;
    REQUIRE(t.message().rfind("training diverged", 0) == 0);
    REQUIRE(printable(t.message()) == t.message());
  }
  auto field = input_plane_field(t, 4, {-6, 6, -6, 6}, true);
  if (!field) check_message(field.error(), text);
  auto checkpoint = checkpoint_scenario(text, t);
  if (!checkpoint) check_message(checkpoint.error(), text);
  if (t.parameters().size() <= 40 && points <= 500) {
    ++figures.spectra;
    auto spectrum = spectrum_json(t.objective(), t.parameters(), {}, loss_floor(t.scenario()));
    if (spectrum)
      REQUIRE(spectrum->find("null") == std::string::npos);
    else
      check_message(spectrum.error(), text);
  }
}

long environment_number(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::strtol(value, nullptr, 10) : fallback;
}

} // namespace

TEST_CASE("fuzz: mutated scenarios give a finite result or a message naming a field, never a crash",
          "[slow]") {
  const std::vector<std::string> texts = corpus();
  REQUIRE(texts.size() > 20);
  // 3,000 cases take a few seconds natively, well under a minute under AddressSanitizer; a local
  // search sets more.
  const long cases = environment_number("LANDSCAPE_FUZZ_CASES", 3000);
  const long first_seed = environment_number("LANDSCAPE_FUZZ_SEED", 1);
  Figures figures;
  const auto begin = std::chrono::steady_clock::now();
  for (long c = 0; c < cases; ++c) {
    const std::uint64_t seed = std::uint64_t(first_seed + c);
    INFO("case seed " << seed << " (LANDSCAPE_FUZZ_SEED=" << seed << " LANDSCAPE_FUZZ_CASES=1 repeats it)");
    Random rng(seed);
    const std::string& base = texts[rng.below(texts.size())];
    std::string text;
    // Read with the core's reader: a reproducer nested 10,000 deep is not a document to mutate
    // (nlohmann's dump and copies recurse per level), only bytes.
    auto read = parse_json_text(base, "scenario");
    json document = read ? *read : json(json::value_t::discarded);
    if (rng.below(8) == 0 || document.is_discarded()) { // a reproducer is not JSON at all
      text = mutate_bytes(base, rng);
    } else if (rng.below(8) == 0) { // round two: deep nesting, numbers out of range, null
      ++figures.round_two;
      text = inject_round_two(document, rng);
    } else {
      for (int m = 0, count = 1 + int(rng.below(3)); m < count; ++m) mutate(document, rng);
      text = document.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    // LANDSCAPE_FUZZ_DUMP=DIR writes each case's input to DIR/fuzz-SEED.json (reproducers are
    // made this way: the corpus, and with it every case, changes when a file is added to it).
    if (const char* dump = std::getenv("LANDSCAPE_FUZZ_DUMP"); dump && *dump) {
      if (std::FILE* out =
              std::fopen((std::string(dump) + "/fuzz-" + std::to_string(seed) + ".json").c_str(), "wb")) {
        std::fwrite(text.data(), 1, text.size(), out);
        std::fclose(out);
      }
    }
    const double start = thread_cpu_seconds();
    run_case(text, rng, figures);
    const double seconds = thread_cpu_seconds() - start;
    figures.slowest = std::max(figures.slowest, seconds);
    ++figures.cases;
    REQUIRE(seconds < 10.0); // a hang or a runaway estimate shows here
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::printf(
      "fuzz: %ld cases from seed %ld in %.1f s (slowest %.2f s of CPU): %ld refused by the parser, %ld at "
      "creation, %ld trained (%ld records, %ld diverged with a message, %ld spectra), %ld surfaces, "
      "%ld skipped as heavy; %ld of round two's kinds (deep nesting, numbers out of range, null)\n",
      figures.cases, first_seed, total, figures.slowest, figures.refused_parse, figures.refused_create,
      figures.trained, figures.records, figures.diverged, figures.spectra, figures.surfaces,
      figures.skipped_heavy, figures.round_two);
}

// Exercises: a teacher's file (scenarios/exercises/*.json, or one mutated) on its base, and a
// student's answer (the exercise's own, or one mutated: junk values in allowed fields, fields
// that may not change, a wrong exercise name, a huge note). The outcome is a verdict whose every
// number is finite, or one printable message naming a field.
TEST_CASE("fuzz: mutated exercises and answers give a verdict or a message naming a field", "[slow]") {
  struct Entry {
    std::string exercise, base;
  };
  std::vector<Entry> entries;
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/exercises"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string text = read_text(file.string());
    const std::string base = json::parse(text)["scenario"].get<std::string>();
    entries.push_back({text, read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/" + base + ".json")});
  }
  REQUIRE(entries.size() >= 10);
  const long cases = environment_number("LANDSCAPE_FUZZ_EXERCISE_CASES", 600);
  const long first_seed = environment_number("LANDSCAPE_FUZZ_SEED", 1);
  long refused_exercise = 0, refused_answer = 0, passed = 0, failed = 0, skipped_heavy = 0, round_two = 0,
       long_running = 0, over_budget = 0;
  double slowest = 0.0;
  const auto begin = std::chrono::steady_clock::now();
  for (long c = 0; c < cases; ++c) {
    const std::uint64_t seed = std::uint64_t(first_seed + c);
    INFO("exercise case seed " << seed << " (LANDSCAPE_FUZZ_SEED=" << seed
                               << " LANDSCAPE_FUZZ_EXERCISE_CASES=1 repeats it)");
    Random rng(seed);
    const Entry& entry = entries[rng.below(entries.size())];
    json exercise = json::parse(entry.exercise);
    json answer = {{"exercise", exercise["name"]}, {"patch", exercise["answer"]}};
    if (exercise.contains("answer_note")) answer["note"] = exercise["answer_note"];
    std::string exercise_text = entry.exercise, answer_text;
    switch (rng.below(7)) {
    case 0: // the teacher's file mutated
      mutate(exercise, rng);
      exercise_text = exercise.dump(-1, ' ', false, json::error_handler_t::replace);
      break;
    case 1: // raw bytes of the answer
      answer_text = mutate_bytes(answer.dump(), rng);
      break;
    case 2: // round two: deep nesting, a number out of range or null in the answer's patch
      ++round_two;
      answer_text = inject_round_two(answer, rng, "patch");
      break;
    case 3: // round two: an answer within the limits that would run long
      ++long_running;
      answer["patch"] = long_running_patch(exercise["allowed"], rng);
      break;
    default: // the answer's values, fields and note mutated
      for (int m = 0, count = 1 + int(rng.below(3)); m < count; ++m) mutate(answer, rng);
      break;
    }
    if (answer_text.empty()) answer_text = answer.dump(-1, ' ', false, json::error_handler_t::replace);
    // LANDSCAPE_FUZZ_DUMP=DIR: the case's exercise and answer as DIR/exercise-SEED.json and
    // DIR/answer-SEED.json (`landscape check` runs them).
    if (const char* dump = std::getenv("LANDSCAPE_FUZZ_DUMP"); dump && *dump) {
      for (const auto& [prefix, content] :
           {std::pair{"exercise", &exercise_text}, std::pair{"answer", &answer_text}}) {
        if (std::FILE* out = std::fopen(
                (std::string(dump) + "/" + prefix + "-" + std::to_string(seed) + ".json").c_str(), "wb")) {
          std::fwrite(content->data(), 1, content->size(), out);
          std::fclose(out);
        }
      }
    }
    INFO("exercise: " << printable(exercise_text, 400));
    INFO("answer: " << printable(answer_text, 400));
    const double start = thread_cpu_seconds();
    auto parsed = parse_exercise(exercise_text, entry.base);
    if (!parsed) {
      ++refused_exercise;
      check_message(parsed.error(), exercise_text);
      continue;
    }
    auto scenario = exercise_scenario(*parsed, answer_text);
    if (!scenario) {
      ++refused_answer;
      check_message(scenario.error(), answer_text);
      continue;
    }
    // Over the budget of a check: refused before it runs, with the limit in the message (and
    // at once: the time bound below holds for it as for any case).
    auto work = exercise_check_work(*parsed, answer_text);
    REQUIRE(work);
    if (*work > kMaxRequestWork) {
      ++over_budget;
      auto refused = check_exercise(*parsed, answer_text);
      REQUIRE(!refused);
      check_message(refused.error(), answer_text);
      REQUIRE(refused.error().find("one check may take") != std::string::npos);
      const double seconds = thread_cpu_seconds() - start;
      REQUIRE(seconds < 10.0);
      continue;
    }
    if (auto s = parse_scenario(*scenario); s && !s->surface && heavy(*s, true)) {
      ++skipped_heavy;
      continue;
    }
    auto verdict = check_exercise(*parsed, answer_text);
    if (!verdict) {
      ++refused_answer;
      check_message(verdict.error(), answer_text);
      continue;
    }
    const json result = json::parse(*verdict);
    // A non-finite number would print as null; and no answer holds null (a merge patch's way of
    // deleting a field the exercise sets).
    REQUIRE(result["patch"].dump().find("null") == std::string::npos);
    for (const auto& [quantity, value] : result["numbers"].items()) {
      INFO("quantity " << quantity);
      REQUIRE((value.is_string() || value.is_boolean() ||
               (value.is_number() && std::isfinite(value.get<double>()))));
    }
    REQUIRE(result["message"].is_string());
    REQUIRE(printable(result["message"].get<std::string>(), 100000) == result["message"].get<std::string>());
    ++(result["passed"].get<bool>() ? passed : failed);
    const double seconds = thread_cpu_seconds() - start;
    slowest = std::max(slowest, seconds);
    REQUIRE(seconds < 10.0);
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::printf(
      "fuzz: %ld exercise cases from seed %ld in %.1f s (slowest %.2f s of CPU): %ld exercises refused, %ld "
      "answers refused, %ld passed, %ld failed with a message, %ld skipped as heavy; round two: %ld "
      "answers with deep nesting, numbers out of range or null, %ld long-running answers (%ld over the "
      "budget of a check, refused before running)\n",
      cases, first_seed, total, slowest, refused_exercise, refused_answer, passed, failed, skipped_heavy,
      round_two, long_running, over_budget);
}
