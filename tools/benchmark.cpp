// Why this file exists: speed is measured, never asserted in a test.
//   landscape_bench SCENARIO...              steps per second of training each scenario to its end,
//                                            its records formatted as JSON (as the wasm binding does)
//   landscape_bench --curvature SCENARIO...  seconds for the dense Hessian + spectrum (up to 2,000
//                                            parameters) and for 40 Lanczos steps, at the start
//   landscape_bench --landscape              landscape views of the 1,000-parameter tanh network of
//                                            --curvature (2-30-28-1, 200 circle points): a 51 x 51
//                                            filter-normalised slice (seconds, GFLOP/s of its forward
//                                            passes), the 21 x 21 convexity map, a Bezier curve's training
// tools/benchmark.mjs runs them in wasm under node and prints both side by side (for
// --landscape: the slice, through the LandscapeView binding).
#include "curvature/curvature.hpp"
#include "input/scenario.hpp"
#include "landscape/landscape.hpp"
#include "training/optimizer.hpp"
#include "training/training.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

using namespace landscape;

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Processor time of this process (std::clock): on a machine shared with other builds it is
// closer to the unloaded wall time than the wall time is.
template <class F> double cpu_time(F&& run) {
  const std::clock_t start = std::clock();
  run();
  return double(std::clock() - start) / CLOCKS_PER_SEC;
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

// Multiply-adds of one forward pass through the layers, 2 flops each (biases, activations
// and the loss not counted): the work a slice's value() does per grid point.
double forward_flops(const NetworkObjective& f) {
  double multiply_adds = 0.0, fan_in = f.network().inputs;
  for (const LayerSpec& layer : f.network().layers) {
    multiply_adds += double(layer.units) * fan_in;
    fan_in = layer.units;
  }
  return 2.0 * multiply_adds * double(f.data().size());
}

int landscape_benchmark() {
  // The same network and data as tools/curvature-nets.mjs's 1,000-parameter case.
  const std::string text = R"({"seed": 1, "data": {"kind": "circle", "points": 200, "noise": 0.1},
    "model": {"inputs": 2, "layers": [{"units": 30, "activation": "tanh"}, {"units": 28, "activation": "tanh"},
                                      {"units": 1, "activation": "tanh"}]},
    "loss": "half_squared", "steps": 0})";
  auto scenario = parse_scenario(text);
  if (!scenario) return std::fprintf(stderr, "%s\n", scenario.error().c_str()), 1;
  auto training = Training::create(*scenario);
  if (!training) return 1;
  const NetworkObjective& f = (**training).objective();
  const Vector& theta = (**training).parameters();
  std::printf("network 2-30-28-1 tanh, %ld parameters, %ld points\n", long(f.dimension()),
              long(f.data().size()));

  const Plane plane = filter_normalized_plane(f, theta, 1);
  SliceGrid grid; // 51 x 51 on [-1, 1]^2
  Matrix values;
  double slice_cpu = 1e300;
  const double slice_seconds = best_time(
      [&] { slice_cpu = std::min(slice_cpu, cpu_time([&] { values = slice(f, plane, grid); })); }, 3);
  const double points = double(grid.rows) * grid.columns;
  // Every unit's activation is a tanh: at these widths they take about half the time (with
  // linear units the slice took 0.15 s instead of 0.30 s), so their rate is printed too.
  double activations = 0.0;
  for (const LayerSpec& layer : f.network().layers)
    activations += double(layer.units) * double(f.data().size());
  std::printf(
      "slice 51x51 filter-normalised: %.4f s (cpu %.4f s, %.1f ms a row), %.0f points/s, %.2f GFLOP/s "
      "(forward passes), %.0f M tanh/s (by cpu time: %.2f GFLOP/s, %.0f M tanh/s), loss %.4f..%.4f\n",
      slice_seconds, slice_cpu, slice_cpu / grid.rows * 1e3, points / slice_seconds,
      points * forward_flops(f) / slice_seconds * 1e-9, points * activations / slice_seconds * 1e-6,
      points * forward_flops(f) / slice_cpu * 1e-9, points * activations / slice_cpu * 1e-6,
      values.minCoeff(), values.maxCoeff());

  SliceGrid coarse;
  coarse.rows = coarse.columns = 21;
  ConvexityMap map = make_convexity_map(coarse);
  const auto convexity_start = std::chrono::steady_clock::now();
  const double convexity_cpu =
      cpu_time([&] { fill_convexity_rows(f, plane, coarse, 0, coarse.rows, map, 20); });
  const double convexity_seconds = seconds_since(convexity_start);
  std::printf("convexity map 21x21, 20 Lanczos steps a point: %.3f s (cpu %.3f s, %.2f ms a point), ratio "
              "%.3g..%.3g\n",
              convexity_seconds, convexity_cpu, convexity_cpu / (21.0 * 21.0) * 1e3, map.ratio.minCoeff(),
              map.ratio.maxCoeff());

  // Two minima (Adam from two seeds' weights), then the bend of a Bezier curve between them.
  Vector minima[2];
  for (int k = 0; k < 2; ++k) {
    Random rng(std::uint64_t(k + 1));
    minima[k] = gaussian_direction(f.dimension(), rng) * 0.3;
    Adam adam(0.01, 0.9, 0.999, 1e-8);
    for (int s = 0; s < 500; ++s) adam.step(f, minima[k]);
  }
  CurveTrainingOptions options;
  CurveTrainer trainer(f, minima[0], minima[1], options);
  const int steps = 200;
  const auto start = std::chrono::steady_clock::now();
  const double curve_cpu = cpu_time([&] { trainer.step(steps); });
  const double curve_seconds = seconds_since(start);
  const double line_max = interpolate(f, minima[0], minima[1], 41, 0.0, 1.0).loss.maxCoeff();
  std::printf("bezier training: %d steps of %d samples in %.3f s (cpu %.3f s, %.0f steps/s); end points "
              "%.4f, %.4f; max loss on the line %.4f, on the curve %.4f\n",
              steps, options.samples_per_step, curve_seconds, curve_cpu, steps / curve_cpu,
              f.value(minima[0]), f.value(minima[1]), line_max, trainer.losses(41).loss.maxCoeff());
  return 0;
}
} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--landscape") == 0) return landscape_benchmark();
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
