// Why this file exists: the researcher's entry point. The same scenario file the page
// plays runs here natively and prints the numbers behind every figure as JSON lines.
#include "apps/answer_link.hpp"
#include "apps/exercise.hpp"
#include "curvature/critical_point_survey.hpp"
#include "curvature/curvature.hpp"
#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/scenario.hpp"
#include "input/surface_scenario.hpp"
#include "training/training.hpp"
#include "view_command.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

using namespace landscape;

namespace {

int usage() {
  std::cerr
      << "usage: landscape run|grad|hessian [--variant NAME] SCENARIO.json\n"
         "       landscape critical-points SCENARIO.json\n"
         "       landscape slice|interpolate|connect|sharpness SCENARIO.json\n"
         "       landscape check EXERCISE.json [ANSWER.json]\n"
         "       landscape check-link LINK [EXERCISES-FOLDER]\n"
         "       landscape check-link --lines FILE|- [EXERCISES-FOLDER]\n"
         "  run              JSON lines, one per logged step (a surface scenario: one per point of its "
         "path)\n"
         "  grad             loss, params and grad at the initial parameters\n"
         "  hessian          eigenvalues (ascending), index, kind and grad_norm after the scenario's steps\n"
         "  critical-points  one JSON line per search of the scenario's \"critical_points\" section\n"
         "  slice, ...       the scenario's \"view\" as one JSON line (docs/landscape-views.md)\n"
         "  check            runs an exercise on an answer (default: the exercise's own answer) and prints\n"
         "                   {passed, message, numbers}; exit status 0 passed, 3 not passed, 1 refused\n"
         "  check-link       the same for a handed-in link (exercises.html#exercise=NAME&answer=...), read "
         "as\n"
         "                   the student's and the teacher's pages read it; the exercise is\n"
         "                   EXERCISES-FOLDER/NAME.json (default scenarios/exercises); --lines: a file of\n"
         "                   links, one a line, and one JSON line a link (its verdict, or {\"refused\": "
         "...})\n"
         "  --variant NAME   the scenario's \"compare\" variant NAME instead of the scenario itself\n";
  return 2;
}

int fail(const std::string& message) {
  std::cerr << "landscape: " << message << "\n";
  return 1;
}

// The file's text, at most kMaxScenarioBytes: a scenario is a small JSON file, and reading
// /dev/zero or a huge file by mistake must end with a message, not exhaust the memory.
std::optional<std::string> read_scenario_file(const std::string& path, std::string& error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = path + ": cannot read the file";
    return std::nullopt;
  }
  std::string text(kMaxScenarioBytes + 1, '\0');
  file.read(text.data(), std::streamsize(text.size()));
  if (file.bad() || (file.fail() && !file.eof())) {
    error = path + ": cannot read the file";
    return std::nullopt;
  }
  text.resize(std::size_t(file.gcount()));
  if (text.size() > kMaxScenarioBytes) {
    error =
        path + ": larger than " + std::to_string(kMaxScenarioBytes >> 20) + " MB; a scenario file is smaller";
    return std::nullopt;
  }
  return text;
}

nlohmann::ordered_json vector_json(const Vector& v) {
  return std::vector<double>(v.data(), v.data() + v.size());
}

int run_surface(const std::string& command, const std::string& file, const std::string& text) {
  auto scenario = SurfaceScenario::create(text);
  if (!scenario) return fail(file + ": " + scenario.error());
  const Scenario& s = (*scenario)->scenario();
  const Surface& surface = (*scenario)->surface();
  auto path = (*scenario)->path("", s.start);
  if (!path) return fail(file + ": " + path.error());
  if (command == "run") {
    for (const std::string& line : path_records(surface, *path)) std::cout << line << "\n";
    return 0;
  }
  Vector x(2), gradient;
  const auto& at = command == "grad" ? path->front() : path->back();
  x << at[0], at[1];
  if (command == "grad") {
    nlohmann::ordered_json out;
    out["loss"] = surface.value_and_gradient(x, gradient);
    out["params"] = vector_json(x);
    out["grad"] = vector_json(gradient);
    std::cout << out.dump() << "\n";
    return 0;
  }
  nlohmann::ordered_json out;
  out["step"] = path->size() - 1;
  const double lowest = surface.lowest_value();
  auto spectrum =
      spectrum_json(surface, x, {}, std::isfinite(lowest) ? std::optional<double>(lowest) : std::nullopt);
  if (!spectrum) return fail(file + ": " + spectrum.error());
  out.update(nlohmann::ordered_json::parse(*spectrum));
  std::cout << out.dump() << "\n";
  return 0;
}

// The exercise in `exercise_file` on its base scenario, the file scenarios/<scenario>.json one
// folder above scenarios/exercises/; or the message.
std::optional<Exercise> load_exercise(const std::string& exercise_file, std::string& error) {
  auto exercise_text = read_scenario_file(exercise_file, error);
  if (!exercise_text) return std::nullopt;
  auto about = parse_json_text(*exercise_text, "exercise");
  if (!about) {
    error = exercise_file + ": " + about.error();
    return std::nullopt;
  }
  auto name = about->is_object() ? about->find("scenario") : about->end();
  if (!about->is_object() || name == about->end() || !name->is_string()) {
    error = exercise_file + ": scenario: missing (the name of the base scenario)";
    return std::nullopt;
  }
  const std::string folder = exercise_file.find('/') == std::string::npos
                                 ? std::string(".")
                                 : exercise_file.substr(0, exercise_file.rfind('/'));
  const std::string base_file = folder + "/../" + name->get<std::string>() + ".json";
  auto base_text = read_scenario_file(base_file, error);
  if (!base_text) return std::nullopt;
  auto exercise = parse_exercise(*exercise_text, *base_text);
  if (!exercise) {
    error = exercise_file + ": " + exercise.error();
    return std::nullopt;
  }
  return *exercise;
}

// The verdict as JSON on stdout; exit status 0 passed, 3 not passed.
int print_verdict(const std::string& result) {
  std::cout << result << "\n";
  return nlohmann::json::parse(result)["passed"].get<bool>() ? 0 : 3;
}

// The verdict of one link (core/apps/answer_link.hpp, as the pages read it), its exercise
// FOLDER/NAME.json (loaded once per name into `loaded`); or the refusal.
Result<std::string> link_verdict(const std::string& link, const std::string& folder,
                                 std::map<std::string, Exercise>& loaded) {
  const AnswerLink read = read_answer_link(link);
  if (read.exercise.empty()) return Error{read.error};
  auto known = loaded.find(read.exercise);
  if (known == loaded.end()) {
    std::string error;
    auto exercise = load_exercise(folder + "/" + read.exercise + ".json", error);
    if (!exercise) return Error{error};
    known = loaded.emplace(read.exercise, std::move(*exercise)).first;
  }
  return check_answer_link(known->second, link);
}

// `landscape check-link LINK [FOLDER]`: one link; exit status 0 passed, 3 not passed, 1 refused.
// `landscape check-link --lines FILE [FOLDER]` (FILE "-": standard input): one link a line, as a
// teacher collects them, and one JSON line a link: its verdict, or {"refused": message}.
int run_check_link(const std::string& link, const std::string& folder) {
  std::map<std::string, Exercise> loaded;
  auto result = link_verdict(link, folder, loaded);
  if (!result) return fail(result.error());
  return print_verdict(*result);
}

int run_check_lines(const std::string& file, const std::string& folder) {
  std::string text;
  if (file == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else {
    std::string error;
    auto read = read_scenario_file(file, error);
    if (!read) return fail(error);
    text = *read;
  }
  std::map<std::string, Exercise> loaded;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto result = link_verdict(line, folder, loaded);
    std::cout << (result ? *result : nlohmann::json{{"refused", result.error()}}.dump()) << "\n";
  }
  return 0;
}

// `landscape check EXERCISE.json [ANSWER.json]`.
int run_check(const std::string& exercise_file, const std::string& answer_file) {
  std::string error;
  auto exercise = load_exercise(exercise_file, error);
  if (!exercise) return fail(error);
  std::string answer_text;
  if (answer_file.empty()) {
    answer_text = "{\"exercise\": " + nlohmann::json(exercise->name).dump() +
                  ", \"patch\": " + exercise->answer_patch +
                  ", \"note\": " + nlohmann::json(exercise->answer_note).dump() + "}";
  } else {
    auto read = read_scenario_file(answer_file, error);
    if (!read) return fail(error);
    answer_text = *read;
  }
  auto result = check_exercise(*exercise, answer_text);
  if (!result) return fail((answer_file.empty() ? exercise_file : answer_file) + ": " + result.error());
  return print_verdict(*result);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string command = argv[1];
  if (command == "check")
    return argc == 3 || argc == 4 ? run_check(argv[2], argc == 4 ? argv[3] : "") : usage();
  if (command == "check-link" && argc >= 4 && std::string(argv[2]) == "--lines")
    return argc == 4 || argc == 5 ? run_check_lines(argv[3], argc == 5 ? argv[4] : "scenarios/exercises")
                                  : usage();
  if (command == "check-link")
    return argc == 3 || argc == 4 ? run_check_link(argv[2], argc == 4 ? argv[3] : "scenarios/exercises")
                                  : usage();
  if (command != "run" && command != "grad" && command != "hessian" && command != "critical-points" &&
      !is_view_command(command))
    return usage();
  std::string variant;
  int next = 2;
  if (std::string(argv[next]) == "--variant") {
    if (argc != 5 || command == "critical-points") return usage();
    variant = argv[3];
    next = 4;
  }
  if (argc != next + 1) return usage();
  const std::string file = argv[next];

  std::string error;
  auto text = read_scenario_file(file, error);
  if (!text) return fail(error);
  if (is_view_command(command)) return variant.empty() ? run_view_command(command, file, *text) : usage();
  if (!variant.empty()) {
    auto patched = scenario_variant(*text, variant);
    if (!patched) return fail(file + ": " + patched.error());
    text = std::move(*patched);
  }

  auto scenario = parse_scenario(*text);
  if (!scenario) return fail(file + ": " + scenario.error());
  std::ios::sync_with_stdio(false);

  if (command == "critical-points") {
    auto survey = CriticalPointSurvey::create(std::move(*scenario));
    if (!survey) return fail(file + ": " + survey.error());
    for (int i = 0; i < (*survey)->count(); ++i) {
      auto line = (*survey)->run(i);
      if (!line) return fail(file + ": " + line.error());
      std::cout << *line << "\n" << std::flush;
    }
    return 0;
  }
  if (scenario->surface) return run_surface(command, file, *text);

  auto training = Training::create(std::move(*scenario));
  if (!training) return fail(file + ": " + training.error());
  Training& t = **training;

  if (command == "grad") {
    Vector gradient;
    const double loss = t.objective().value_and_gradient(t.parameters(), gradient);
    // Training::create refuses a start whose loss or gradient is not finite; never print null.
    if (!std::isfinite(loss) || !gradient.allFinite())
      return fail(file + ": grad: the loss or the gradient is not finite at the initial parameters");
    nlohmann::ordered_json out;
    out["loss"] = loss;
    out["params"] = vector_json(t.parameters());
    out["grad"] = vector_json(gradient);
    std::cout << out.dump() << "\n";
    return 0;
  }

  if (command == "hessian") {
    while (t.state() == TrainingState::running) t.advance(1 << 20);
    if (t.state() == TrainingState::diverged) return fail(file + ": " + t.message());
    // Memory and time of the dense Hessian, estimated before it is built (core/input/limits.hpp).
    const Refusal limit = check_dense_hessian(t.scenario(), t.parameters().size(), DenseHessianUse::command);
    if (!limit.code.empty()) return fail(file + ": " + english(limit));
    auto spectrum = spectrum_json(t.objective(), t.parameters(), {}, loss_floor(t.scenario()));
    if (!spectrum) return fail(file + ": " + spectrum.error());
    // The step first, then the spectrum's fields.
    nlohmann::ordered_json out;
    out["step"] = t.step();
    out.update(nlohmann::ordered_json::parse(*spectrum));
    std::cout << out.dump() << "\n";
    return 0;
  }

  if (t.state() == TrainingState::finished) std::cout << to_json(t.current()) << "\n";
  while (t.state() == TrainingState::running) {
    for (const LogRecord& record : t.advance(100000)) std::cout << to_json(record) << "\n";
  }
  std::cout.flush();
  if (t.state() == TrainingState::diverged) return fail(file + ": " + t.message());
  return 0;
}
