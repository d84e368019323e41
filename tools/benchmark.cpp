// Why this file exists: speed is measured, never asserted in a test. Prints steps per
// second of the native core for the shipped scenarios and a few network sizes.
#include "scenario.hpp"
#include "training.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace landscape;

int main(int argc, char** argv) {
  std::printf("%-40s %12s %14s\n", "scenario", "steps", "steps/s");
  for (int i = 1; i < argc; ++i) {
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
    const auto start = std::chrono::steady_clock::now();
    while ((*training)->state() == TrainingState::running) (*training)->advance(1 << 20);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-40s %12d %14.0f\n", argv[i], (*training)->step(), (*training)->step() / seconds);
  }
  return 0;
}
