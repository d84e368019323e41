// Why this file exists: a scenario with a "view" section, computed the same way by the CLI,
// the wasm module and the tests: first its run(s) are trained step by step (a page shows the
// progress and can stop between requests), then the view is computed in pieces (a few slice
// rows, a few curve steps, one rescaling) that a page draws as they come. Every number comes
// from core/landscape/landscape.hpp; this class only orders the work and writes the JSON, so the CLI's
// output and the page's pieces are the same bits.
#pragma once

#include "input/result.hpp"
#include "input/scenario.hpp"
#include "landscape/landscape.hpp"
#include "training/training.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace landscape {

// The scenario `json_text` with `view_patch` (a JSON object) merged into its "view" section
// (RFC 7386, as compare patches), validated: what a page sends when the reader picks other
// directions, a resolution or a range. Errors name the field ("view.resolution: ...").
Result<std::string> scenario_with_view(const std::string& json_text, const std::string& view_patch);

// Multiply-adds a slice (or its convexity map) may cost: grid points x passes x the pass's
// work. 1e11 is about a minute in wasm; a page fills a slice row by row and can stop it, but a
// bigger one would never finish for a reader. Checked by LandscapeView::create.
inline constexpr double kMaxSliceWork = 1e11;

// "Show the landscape here": the scenario `json_text` (the one `training` was created from)
// at the training's current parameters (checkpoint_scenario) with nothing left to train
// (steps 0, no compare list) and a slice view of the core's defaults (ViewSpec: filter-
// normalised directions, its resolution, range and convexity map), so the slice's centre is
// the current point and its value there is the loss the training reports. An added neuron
// that is on stays (its parameters are part of the point); one not yet on is dropped (it
// would never switch on). Errors: the checkpoint's, and a slice above kMaxSliceWork, naming
// the limit.
Result<std::string> slice_scenario_here(const std::string& json_text, const Training& training);

// The loss level below which a point of a slice counts as "in the basin": a tenth of the loss
// of predicting 0 for +-1 labels with half_squared (0.5), an absolute level, so slices of
// different networks are measured alike.
inline constexpr double kSliceBasinLevel = 0.05;

class LandscapeView {
public:
  // Errors: no "view" section, a variant that cannot be trained, a rescaling of a layer that
  // does not exist or is not relu/linear, naming the field.
  static Result<std::unique_ptr<LandscapeView>> create(const std::string& scenario_json);

  const ViewSpec& spec() const { return spec_; }

  // Training phase: up to `steps` more steps over the run(s), one after the other. Records
  // the trajectory at every log_every steps (for pca). When the last run ends, the view is
  // prepared (directions, curve trainer). Errors: a run diverged.
  Result<bool> train(long long steps); // true once every run has finished
  // train() in chunks of `chunk` steps until every run has finished or `seconds` of wall time
  // have passed (read between chunks): a reply a frame. The runs do not depend on the chunking.
  Result<bool> train_for(long long chunk, double seconds);
  bool trained() const { return prepared_; }
  // {"trained": bool, "runs": [{"name", "label", "step", "steps", "loss", "state"}]}
  std::string progress_json() const;

  // {"kind", ... sizes and axes}: after training, what a page needs to lay out the view
  // (slice: alphas, betas, directions, explained, path; lines: t; sharpness: alphas).
  std::string info_json() const;

  // slice: rows [r0, r1) of the loss grid (resolution x resolution, row r is beta_r).
  Result<bool> fill_rows(int r0, int r1);
  const Matrix& values() const { return values_; }
  // slice: figures of the rows filled so far (every value of them, sorted): {"centre" (the loss
  // at the trained point, null until its row is filled), "largest", "median" (the value at
  // floor(count / 2)), "level" (kSliceBasinLevel), "share_below" (of the values below it: a crude
  // width of the basin), "count"}. Errors: not a trained slice view.
  Result<std::string> summary_json() const;
  // slice with convexity: rows of the (coarser) convexity map.
  Result<bool> fill_convexity_rows(int r0, int r1);
  const ConvexityMap& convexity() const { return convexity_; }

  // connect: k more curve-training steps; returns the mean loss of the last step's samples.
  Result<double> curve_step(int k);
  int curve_steps() const { return trainer_ ? trainer_->steps() : 0; }
  // connect: the loss along the curve as trained so far, at view.points values of t in [0, 1].
  LineSlice curve_losses() const;

  // slice: the live path. The slice's run trained again from its start, up to `steps` more
  // steps per call (restart: from the start again), its parameters projected on the slice's
  // plane (project_onto_plane) at every log_every steps and where it stops. The same scenario
  // and seed give the same steps, so the path ends at the plane's origin (0, 0) exactly.
  // {"step", "steps", "state", "done", "points": [[alpha, beta, step, loss, distance], ...]
  // (this call's new points; the first call starts with step 0), "current": the same for
  // where it stopped}. Errors: not a trained slice view, steps < 1, the run diverged.
  Result<std::string> replay(long long steps, bool restart);

  // sharpness: the rescaling by alpha number i of view.rescale.alphas, as JSON
  // {alpha, sharpness: [end 0, end 1], loss: [...], max_output_change, raw: [...], filter: [...]}
  Result<std::string> rescaled_json(int i) const;

  // Everything, computing what is still missing (the CLI's output; a page's export).
  // connect: trains the curve up to view.steps first.
  Result<std::string> result_json();

private:
  LandscapeView() = default;
  Result<bool> prepare();

  ViewSpec spec_;
  struct Run {
    std::string name, label;
    std::unique_ptr<Training> training;
    Vector initial;
    std::vector<Vector> trajectory; // every log_every steps (slice with pca only)
  };
  std::vector<Run> runs_;
  bool prepared_ = false;
  Plane plane_;
  SliceGrid grid_, convexity_grid_;
  std::optional<TrajectoryPca> pca_;
  Matrix values_;
  std::vector<bool> rows_done_, convexity_rows_done_;
  ConvexityMap convexity_;
  std::unique_ptr<CurveTrainer> trainer_;
  std::unique_ptr<Training> replay_; // the live path's run (slice)
  bool replay_started_ = false;
  Scenario replay_scenario_;
  std::string prepared_json_; // info_json(): computed once when training ends
};

} // namespace landscape
