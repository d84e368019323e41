// Why this file exists: the saddle explorer's figure is a scenario too: a 2-D surface as the
// objective, a start, an optimizer and named variants to compare (scenarios/saddle-explorer.json).
// The page, the CLI and the tests run its paths from here, so they are the same paths.
#pragma once

#include "input/result.hpp"
#include "input/scenario.hpp"
#include "model/surfaces.hpp"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace landscape {

class SurfaceScenario {
public:
  // Parses and validates the text; refuses network scenarios, naming "surface".
  static Result<std::unique_ptr<SurfaceScenario>> create(const std::string& json_text);

  const Scenario& scenario() const { return scenario_; }
  const Surface& surface() const { return *surface_; }
  // Where the surface's origin lies: the scenario's "surface.center" ([0, 0] when it has none).
  // An exercise's instance moves a student's surface this way.
  const std::array<double, 2>& center() const { return center_; }

  // The path of the variant `name` ("" for the scenario itself): its optimizer (seeded with its
  // seed) for its steps on its surface (a patch may change any of them) from start.
  Result<std::vector<std::array<double, 2>>> path(const std::string& name, std::array<double, 2> start) const;
  // The steps the variant `name` takes: a path with fewer points than steps + 1 stopped early,
  // having left the surface's reach (or met a non-finite value).
  Result<int> steps(const std::string& name) const;

  // surface_info_json() of its surface with scenario_info_json() of the scenario under "scenario".
  std::string info_json() const;
  // {"points": [[x, y], ...], "left_window": bool}: path(name, start), and whether it stopped
  // early, beyond the surface's reach.
  Result<std::string> path_json(const std::string& name, std::array<double, 2> start) const;

private:
  struct Variant {
    std::string name;
    Scenario scenario;
    std::unique_ptr<Surface> surface;
  };
  Scenario scenario_;
  std::unique_ptr<Surface> surface_;
  std::array<double, 2> center_{0.0, 0.0};
  std::vector<Variant> variants_;
};

// The surface `spec` names moved so that what lies at its origin lies at `center`: f(x - cx,
// y - cy), its window and known critical points moved with it.
Result<std::unique_ptr<Surface>> make_centred_surface(const SurfaceSpec& spec, std::array<double, 2> center);

// The surface scenario `json_text` on the core's surface `surface_name` instead (every variant
// too): what the explorer's surface menu shows. Errors name the field.
Result<std::string> scenario_on_surface(const std::string& json_text, const std::string& surface_name);

// The surface scenario `json_text` with its surface's parameters a, b and angle set (the curvature
// primer's sliders: the quadratic's two eigenvalues and the angle of its first eigenvector),
// validated as any scenario: errors name the field.
Result<std::string> scenario_with_surface_parameters(const std::string& json_text, double a, double b,
                                                     double angle);

// One JSON line per point of a path: {"step", "x", "y", "value"} (what `landscape run` prints).
std::vector<std::string> path_records(const Surface& surface, const std::vector<std::array<double, 2>>& path);

} // namespace landscape
