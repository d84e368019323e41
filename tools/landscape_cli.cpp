// Why this file exists: the researcher's entry point. The same scenario file the page
// plays runs here natively and prints the numbers behind every figure as JSON lines.
#include "curvature.hpp"
#include "scenario.hpp"
#include "training.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace landscape;

namespace {

int usage() {
  std::cerr << "usage: landscape run|grad|hessian SCENARIO.json\n"
               "  run      JSON lines, one per logged step\n"
               "  grad     loss, params and grad at the initial parameters\n"
               "  hessian  eigenvalues (ascending), index, kind and grad_norm after the scenario's steps\n";
  return 2;
}

int fail(const std::string& message) {
  std::cerr << "landscape: " << message << "\n";
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) return usage();
  const std::string command = argv[1];
  if (command != "run" && command != "grad" && command != "hessian") return usage();

  std::ifstream file(argv[2]);
  if (!file) return fail(std::string(argv[2]) + ": cannot read the file");
  std::stringstream text;
  text << file.rdbuf();

  auto scenario = parse_scenario(text.str());
  if (!scenario) return fail(std::string(argv[2]) + ": " + scenario.error());
  auto training = Training::create(std::move(*scenario));
  if (!training) return fail(std::string(argv[2]) + ": " + training.error());
  Training& t = **training;

  if (command == "grad") {
    Vector gradient;
    const double loss = t.objective().value_and_gradient(t.parameters(), gradient);
    nlohmann::ordered_json out;
    out["loss"] = loss;
    out["params"] = std::vector<double>(t.parameters().data(), t.parameters().data() + t.parameters().size());
    out["grad"] = std::vector<double>(gradient.data(), gradient.data() + gradient.size());
    std::cout << out.dump() << "\n";
    return 0;
  }

  if (command == "hessian") {
    while (t.state() == TrainingState::running) t.advance(1 << 20);
    if (t.state() == TrainingState::diverged) return fail(t.message());
    if (t.parameters().size() > 4000)
      return fail("hessian: the model has more than 4000 parameters; a dense Hessian would be too large");
    // The step first, then the spectrum's fields.
    nlohmann::ordered_json out;
    out["step"] = t.step();
    out.update(nlohmann::ordered_json::parse(spectrum_json(t.objective(), t.parameters())));
    std::cout << out.dump() << "\n";
    return 0;
  }

  std::ios::sync_with_stdio(false);
  if (t.state() == TrainingState::finished) std::cout << to_json(t.current()) << "\n";
  while (t.state() == TrainingState::running) {
    for (const LogRecord& record : t.advance(100000)) std::cout << to_json(record) << "\n";
  }
  std::cout.flush();
  if (t.state() == TrainingState::diverged) return fail(t.message());
  return 0;
}
