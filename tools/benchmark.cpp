// Why this file exists: speed is measured, never asserted in a test.
//   landscape_bench SCENARIO...              steps per second of training each scenario to its end,
//                                            its records formatted as JSON (as the wasm binding does)
//   landscape_bench --curvature SCENARIO...  seconds for the dense Hessian + spectrum (up to 2,000
//                                            parameters) and for 40 Lanczos steps, at the start
// tools/benchmark.mjs runs the same in wasm under node and prints both side by side.
#include "curvature.hpp"
#include "scenario.hpp"
#include "training.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace landscape;

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The best of a few runs: the machine's other load only ever adds time.
template <class F> double best_time(F&& run, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, seconds_since(start));
  }
  return best;
}
} // namespace

int main(int argc, char** argv) {
  const bool curvature = argc > 1 && std::strcmp(argv[1], "--curvature") == 0;
  if (curvature)
    std::printf("%-40s %10s %14s %14s\n", "scenario", "params", "spectrum s", "lanczos40 s");
  else
    std::printf("%-40s %12s %14s\n", "scenario", "steps", "steps/s");
  for (int i = curvature ? 2 : 1; i < argc; ++i) {
    std::ifstream file(argv[i]);
    std::stringstream text;
    text << file.rdbuf();
    auto scenario = parse_scenario(text.str());
    if (!scenario) {
      std::fprintf(stderr, "%s: %s\n", argv[i], scenario.error().c_str());
      return 1;
    }
    auto training = Training::create(*scenario);
    if (!training) return 1;
    Training& t = **training;
    if (curvature) {
      const Eigen::Index n = t.parameters().size();
      double spectrum = -1;
      if (n <= 2000)
        spectrum = best_time([&] { hessian_spectrum(t.objective(), t.parameters()); }, n > 500 ? 1 : 3);
      const double lanczos = best_time([&] { lanczos_extremes(t.objective(), t.parameters(), 40); }, 3);
      std::printf("%-40s %10ld %14.4f %14.4f\n", argv[i], long(n), spectrum, lanczos);
      continue;
    }
    // The records as JSON, as the wasm binding hands them to JavaScript: both sides then time
    // the same work (a scenario logging often spends much of its time formatting records).
    std::size_t json_bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    while (t.state() == TrainingState::running)
      for (const LogRecord& record : t.advance(1 << 20)) json_bytes += to_json(record).size();
    if (json_bytes == 0) return 1; // every run logs at least its first and last step
    std::printf("%-40s %12d %14.0f\n", argv[i], t.step(), t.step() / seconds_since(start));
  }
  return 0;
}
