#include "landscape/landscape_view.hpp"

#include "input/json_text.hpp"
#include "input/limits.hpp"
#include "input/messages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace landscape {

using ojson = nlohmann::ordered_json;

namespace {

ojson vector_json(const Vector& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

ojson rows_json(const Matrix& m, int r0, int r1) {
  ojson out = ojson::array();
  for (int r = r0; r < r1; ++r) out.push_back(std::vector<double>(m.row(r).begin(), m.row(r).end()));
  return out;
}

// NaN and infinities are not JSON: a diverged corner of a slice is written as null.
ojson number_json(double x) { return std::isfinite(x) ? ojson(x) : ojson(nullptr); }

ojson line_json(const LineSlice& line) {
  ojson loss = ojson::array();
  for (Eigen::Index i = 0; i < line.loss.size(); ++i) loss.push_back(number_json(line.loss[i]));
  return {{"t", vector_json(line.t)}, {"loss", loss}};
}

ojson monotony_json(const LineMonotony& m) {
  return {{"decreasing", m.decreasing},
          {"largest_rise", number_json(m.largest_rise)},
          {"rise_at", number_json(m.rise_at)},
          {"positions", m.positions}};
}

ojson record_json(Training& t) {
  const LogRecord r = t.current(false);
  ojson j;
  j["loss"] = r.loss;
  j["test_loss"] = number_json(r.test_loss);
  j["accuracy"] = number_json(r.accuracy);
  j["test_accuracy"] = number_json(r.test_accuracy);
  return j;
}

} // namespace

Result<std::string> scenario_with_view(const std::string& json_text, const std::string& view_patch) {
  auto scenario = parse_scenario(json_text);
  if (!scenario) return scenario.failure();
  if (!scenario->view) return refused({"view", "no_view_to_change", {}});
  auto document = nlohmann::json::parse(json_text, nullptr, false); // read above: valid and shallow
  // The reader's change comes from a page: read with the core's limits (core/input/json_text.hpp).
  auto patch = parse_json_text(view_patch, "view", "view");
  if (!patch) return patch.failure();
  if (!patch->is_object()) return refused({"view", "view_change_not_object", {}});
  document["view"].merge_patch(*patch);
  auto checked = parse_scenario(document.dump());
  if (!checked) return checked.failure();
  return document.dump(2);
}

Result<std::string> slice_scenario_here(const std::string& json_text, const Training& training) {
  auto checkpoint = checkpoint_scenario(json_text, training);
  if (!checkpoint) return checkpoint.failure();
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(*checkpoint);
  document["steps"] = 0;
  if (!training.neuron_on()) document.erase("added_neuron");
  const ViewSpec defaults;
  document["view"] = {
      {"kind", "slice"},
      {"directions", defaults.directions},
      {"resolution", defaults.resolution},
      {"range", defaults.range},
      {"seed", defaults.seed},
      {"convexity",
       {{"resolution", defaults.convexity_resolution}, {"lanczos_steps", defaults.lanczos_steps}}}};
  const std::string name = training.scenario().name.empty() ? "scenario" : training.scenario().name;
  document["description"] = "The loss of " + name + " around its parameters at step " +
                            std::to_string(training.step()) +
                            " (exact float64 parameters): a slice along two filter-normalised random "
                            "directions, its centre the current point.";
  const std::string text = document.dump(1);
  // The view's own checks, the size limit among them (kMaxSliceWork), before anything is trained.
  auto view = LandscapeView::create(text);
  if (!view) return view.failure();
  return text;
}

Result<std::unique_ptr<LandscapeView>> LandscapeView::create(const std::string& scenario_json) {
  auto scenario = parse_scenario(scenario_json);
  if (!scenario) return scenario.failure();
  if (!scenario->view) return refused({"view", "missing_view", {}});
  std::unique_ptr<LandscapeView> view(new LandscapeView());
  view->spec_ = *scenario->view;
  const ViewSpec& spec = view->spec_;
  // The principal directions of a path need a path: a scenario of fixed weights (steps 0, as
  // "show the landscape here" writes) has none.
  if (spec.kind == ViewKind::slice && spec.directions == "pca" && scenario->steps == 0)
    return refused({"view.directions", "pca_needs_path", {}});
  // The runs: the scenario itself, or the two variants the view is between.
  std::vector<std::pair<std::string, std::string>> names; // name, label
  if (spec.between.empty()) {
    names.push_back({"", scenario->name});
  } else {
    for (const std::string& name : spec.between)
      for (const ScenarioVariant& v : scenario->compare)
        if (v.name == name) names.push_back({v.name, v.label});
  }
  for (const auto& [name, label] : names) {
    Scenario run_scenario;
    if (name.empty()) {
      run_scenario = *scenario;
    } else {
      auto text = scenario_variant(scenario_json, name);
      if (!text) return text.failure();
      auto parsed = parse_scenario(*text);
      if (!parsed) return parsed.failure();
      run_scenario = std::move(*parsed);
    }
    // An added neuron on from the start (a checkpoint of a run where it was on) keeps the
    // parameter vector's size fixed, so a slice or a line through it is defined; switched on
    // later, the runs' points would differ in size.
    const bool neuron_from_start = run_scenario.added_neuron.start_step == 0 &&
                                   (spec.kind == ViewKind::slice || spec.kind == ViewKind::interpolate);
    if (run_scenario.added_neuron.spec.enabled && !neuron_from_start)
      return refused({"added_neuron", "view_with_neuron", {}});
    auto training = Training::create(std::move(run_scenario));
    if (!training) return training.failure();
    if (spec.kind == ViewKind::slice) {
      const double pass =
          double((*training)->data().x.rows()) * network_work_per_point((*training)->scenario().network);
      const double work = double(spec.resolution) * spec.resolution * pass;
      if (work > kMaxSliceWork)
        return refused({"view.resolution",
                        "slice_too_costly",
                        {std::to_string(spec.resolution), with_thousands((long long)work),
                         with_thousands((long long)kMaxSliceWork)}});
      // A Lanczos step is a Hessian-vector product: about four passes.
      const double c = spec.convexity_resolution;
      const double convexity_work = c * c * spec.lanczos_steps * 4.0 * pass;
      if (spec.convexity && convexity_work > kMaxSliceWork)
        return refused(
            {"view.convexity.resolution",
             "convexity_too_costly",
             {with_thousands((long long)convexity_work), with_thousands((long long)kMaxSliceWork)}});
      if (view->runs_.empty()) view->replay_scenario_ = (*training)->scenario();
    }
    Run run{name, label, std::move(*training), {}, {}};
    run.initial = run.training->parameters();
    if (spec.kind == ViewKind::slice && spec.directions == "pca") run.trajectory.push_back(run.initial);
    view->runs_.push_back(std::move(run));
  }
  // Rescaling needs a relu or linear layer followed by another, neither residual: check now,
  // naming the field, rather than after training.
  if (spec.kind == ViewKind::sharpness && !spec.rescale_alphas.empty()) {
    const Training& t = *view->runs_[0].training;
    auto probe = rescale_layers(t.scenario().network, false, t.parameters(), spec.rescale_layer, 1.0);
    // Its refusal names "layer" (out of range) or nothing (a layer that cannot be rescaled).
    if (!probe)
      return inside(probe.failure().field == "layer" ? "view.rescale" : "view.rescale.layer",
                    probe.failure());
  }
  if (spec.kind == ViewKind::connect &&
      view->runs_[0].training->parameters().size() != view->runs_[1].training->parameters().size())
    return refused({"view.between", "variants_differ_in_size", {}});
  return view;
}

Result<bool> LandscapeView::train_for(long long chunk, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    auto done = train(chunk);
    if (!done || *done) return done;
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds)
      return false;
  }
}

Result<bool> LandscapeView::train(long long steps) {
  if (prepared_) return true;
  for (Run& run : runs_) {
    Training& t = *run.training;
    const int every = t.scenario().log_every;
    while (steps > 0 && t.state() == TrainingState::running) {
      // Stop at every recording boundary, so the trajectory does not depend on how a page
      // splits the training into requests.
      const long long to_boundary = every - t.step() % every;
      const long long k = std::min(steps, to_boundary);
      const int before = t.step();
      t.advance(k);
      steps -= std::max<long long>(1, t.step() - before);
      if (!run.trajectory.empty() && (t.step() % every == 0 || t.state() != TrainingState::running) &&
          t.step() != before)
        run.trajectory.push_back(t.parameters());
    }
    if (t.state() == TrainingState::diverged) {
      const MessagePart head = run.name.empty() ? MessagePart{"training_diverged", {}}
                                                : MessagePart{"variant_diverged", {run.name}};
      return nested(run.name.empty() ? "scenario" : "", {head}, t.outcome());
    }
    if (t.state() == TrainingState::running) return false;
  }
  auto ready = prepare();
  if (!ready) return ready.failure();
  return true;
}

std::string LandscapeView::progress_json() const {
  ojson j;
  j["trained"] = prepared_;
  ojson runs = ojson::array();
  for (const Run& run : runs_) {
    const Training& t = *run.training;
    runs.push_back({{"name", run.name},
                    {"label", run.label},
                    {"step", t.step()},
                    {"steps", t.scenario().steps},
                    {"loss", number_json(t.objective().value(t.parameters()))},
                    {"state", to_string(t.state())}});
  }
  j["runs"] = runs;
  return j.dump();
}

Result<bool> LandscapeView::prepare() {
  const Training& t0 = *runs_[0].training;
  const NetworkObjective& f = t0.objective();
  const Vector& theta = t0.parameters();
  ojson j;
  j["kind"] = to_string(spec_.kind);
  j["parameter_count"] = theta.size();
  j["has_path"] = t0.scenario().steps > 0; // "pca" directions can be offered
  ojson ends = ojson::array();
  for (const Run& run : runs_) {
    ojson end = record_json(*run.training);
    end["name"] = run.name;
    end["label"] = run.label;
    end["step"] = run.training->step();
    ends.push_back(end);
  }
  j["runs"] = ends;
  switch (spec_.kind) {
  case ViewKind::slice: {
    const double r = spec_.range;
    if (spec_.directions == "pca") {
      auto pca = trajectory_pca(runs_[0].trajectory);
      if (!pca) return nested("view.directions", {{"pca_failed", {}}}, pca.failure());
      pca_ = std::move(*pca);
      plane_ = pca_->plane(theta);
      // Orthonormal directions have no natural scale: range 1 is the path's extent, with a margin.
      const double extent = 1.25 * pca_->coordinates.cwiseAbs().maxCoeff();
      grid_ = SliceGrid{spec_.resolution, spec_.resolution, -r * extent, r * extent, -r * extent, r * extent};
      j["explained"] = {pca_->explained1, pca_->explained2};
      ojson path = ojson::array();
      for (Eigen::Index i = 0; i < pca_->coordinates.rows(); ++i)
        path.push_back({pca_->coordinates(i, 0), pca_->coordinates(i, 1)});
      j["path"] = path;
    } else {
      plane_ = spec_.directions == "filter" ? filter_normalized_plane(f, theta, spec_.seed)
                                            : gaussian_plane(theta, spec_.seed);
      grid_ = SliceGrid{spec_.resolution, spec_.resolution, -r, r, -r, r};
    }
    j["directions"] = spec_.directions;
    j["alphas"] = vector_json(grid_.alphas());
    j["betas"] = vector_json(grid_.betas());
    values_ = Matrix::Constant(grid_.rows, grid_.columns, std::nan(""));
    rows_done_.assign(std::size_t(grid_.rows), false);
    if (spec_.convexity) {
      const int c = spec_.convexity_resolution;
      convexity_grid_ = SliceGrid{c, c, grid_.alpha0, grid_.alpha1, grid_.beta0, grid_.beta1};
      convexity_ = make_convexity_map(convexity_grid_);
      convexity_rows_done_.assign(std::size_t(c), false);
      j["convexity"] = {{"alphas", vector_json(convexity_grid_.alphas())},
                        {"betas", vector_json(convexity_grid_.betas())},
                        {"lanczos_steps", spec_.lanczos_steps}};
    }
    break;
  }
  case ViewKind::interpolate: {
    const Vector& from = runs_.size() == 1 ? runs_[0].initial : runs_[0].training->parameters();
    const Vector& to = runs_.size() == 1 ? theta : runs_[1].training->parameters();
    j["from"] = runs_.size() == 1 ? "initial" : runs_[0].name;
    j["to"] = runs_.size() == 1 ? "trained" : runs_[1].name;
    const LineSlice line = interpolate(f, from, to, spec_.points, spec_.t0, spec_.t1);
    ojson line_out = line_json(line);
    j["ends"] = {{"loss", {f.value(from), f.value(to)}}};
    const LineMonotony monotony = monotony_between(line, 0.0, 1.0);
    j["monotone"] = monotony_json(monotony);
    const Dataset& test_data = t0.test_data();
    if (test_data.size() > 0) {
      const NetworkObjective test(t0.scenario().network, t0.scenario().loss, test_data, f.neuron());
      const LineSlice test_line = interpolate_data_loss(test, from, to, spec_.points, spec_.t0, spec_.t1);
      line_out["test_loss"] = line_json(test_line)["loss"];
      j["ends"]["test_loss"] = {number_json(test.data_loss(from)), number_json(test.data_loss(to))};
      j["test_monotone"] = monotony_json(monotony_between(test_line, 0.0, 1.0));
    }
    j["line"] = line_out;
    break;
  }
  case ViewKind::connect: {
    CurveTrainingOptions options;
    options.kind = spec_.curve == "bezier" ? CurveKind::bezier : CurveKind::polychain;
    options.method =
        spec_.method == "adam" ? CurveTrainingOptions::Method::adam : CurveTrainingOptions::Method::sgd;
    options.learning_rate = spec_.learning_rate;
    options.samples_per_step = spec_.samples_per_step;
    options.seed = spec_.seed;
    const std::string bad = check_curve_options(options);
    if (!bad.empty()) return Error{"view." + bad};
    trainer_ = std::make_unique<CurveTrainer>(f, theta, runs_[1].training->parameters(), options);
    j["curve"] = spec_.curve;
    j["steps"] = spec_.steps;
    j["straight"] = line_json(interpolate(f, theta, runs_[1].training->parameters(), spec_.points, 0.0, 1.0));
    break;
  }
  case ViewKind::sharpness: {
    for (std::size_t e = 0; e < runs_.size(); ++e) {
      const ExtremeEigenvalues s =
          sharpness(f, runs_[e].training->parameters(), spec_.lanczos_steps, spec_.seed);
      j["runs"][e]["sharpness"] = s.largest;
      j["runs"][e]["sharpness_residual"] = s.largest_residual;
    }
    j["line"] =
        line_json(interpolate(f, theta, runs_[1].training->parameters(), spec_.points, spec_.t0, spec_.t1));
    if (!spec_.rescale_alphas.empty())
      j["rescale"] = {{"layer", spec_.rescale_layer}, {"alphas", spec_.rescale_alphas}};
    break;
  }
  }
  prepared_json_ = j.dump();
  prepared_ = true;
  return true;
}

std::string LandscapeView::info_json() const { return prepared_ ? prepared_json_ : "null"; }

// The checks of the requests below (which rows, which curve step or rescaling, a request before
// the view is trained) are of arguments only the page's own code passes, never a reader's input:
// they stay plain English (no code), as a programming error's message.
Result<bool> LandscapeView::fill_rows(int r0, int r1) {
  if (!prepared_ || spec_.kind != ViewKind::slice) return Error{"sliceRows: not a trained slice view"};
  if (r0 < 0 || r1 > grid_.rows || r0 > r1)
    return Error{"rows: must be 0 <= r0 <= r1 <= " + std::to_string(grid_.rows)};
  fill_slice_rows(runs_[0].training->objective(), plane_, grid_, r0, r1, values_);
  for (int r = r0; r < r1; ++r) rows_done_[std::size_t(r)] = true;
  return true;
}

Result<std::string> LandscapeView::summary_json() const {
  if (!prepared_ || spec_.kind != ViewKind::slice) return Error{"summary: not a trained slice view"};
  std::vector<double> all;
  for (Eigen::Index r = 0; r < values_.rows(); ++r)
    if (rows_done_[std::size_t(r)])
      for (Eigen::Index c = 0; c < values_.cols(); ++c)
        if (!std::isnan(values_(r, c))) all.push_back(values_(r, c));
  std::sort(all.begin(), all.end());
  const Eigen::Index centre_row = (values_.rows() - 1) / 2, centre_col = (values_.cols() - 1) / 2;
  const auto below = std::lower_bound(all.begin(), all.end(), kSliceBasinLevel) - all.begin();
  nlohmann::ordered_json j;
  j["centre"] = values_.rows() && rows_done_[std::size_t(centre_row)]
                    ? nlohmann::ordered_json(values_(centre_row, centre_col))
                    : nlohmann::ordered_json(nullptr);
  j["largest"] = all.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(all.back());
  j["median"] = all.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(all[all.size() / 2]);
  j["level"] = kSliceBasinLevel;
  j["share_below"] = all.empty() ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(double(below) / double(all.size()));
  j["count"] = all.size();
  return j.dump();
}

Result<bool> LandscapeView::fill_convexity_rows(int r0, int r1) {
  if (!prepared_ || spec_.kind != ViewKind::slice || !spec_.convexity)
    return Error{"convexityRows: the view has no \"convexity\" section"};
  if (r0 < 0 || r1 > convexity_grid_.rows || r0 > r1)
    return Error{"rows: must be 0 <= r0 <= r1 <= " + std::to_string(convexity_grid_.rows)};
  landscape::fill_convexity_rows(runs_[0].training->objective(), plane_, convexity_grid_, r0, r1, convexity_,
                                 spec_.lanczos_steps, spec_.seed);
  for (int r = r0; r < r1; ++r) convexity_rows_done_[std::size_t(r)] = true;
  return true;
}

Result<double> LandscapeView::curve_step(int k) {
  if (!prepared_ || !trainer_) return Error{"curveStep: not a trained connect view"};
  if (k < 1 || k > kMaxCurveSteps) return Error{"k: must be from 1 to " + std::to_string(kMaxCurveSteps)};
  return trainer_->step(k);
}

LineSlice LandscapeView::curve_losses() const {
  return trainer_ ? trainer_->losses(spec_.points) : LineSlice{};
}

Result<std::string> LandscapeView::replay(long long steps, bool restart) {
  if (!prepared_ || spec_.kind != ViewKind::slice) return Error{"replay: not a trained slice view"};
  if (steps < 1) return Error{"steps: must be at least 1"};
  if (restart || !replay_) {
    auto training = Training::create(replay_scenario_);
    if (!training) return training.failure();
    replay_ = std::move(*training);
    replay_started_ = false;
  }
  Training& t = *replay_;
  auto point = [&] {
    const PlaneCoordinates c = project_onto_plane(plane_, t.parameters());
    return ojson::array(
        {c.alpha, c.beta, t.step(), number_json(t.objective().value(t.parameters())), c.distance});
  };
  ojson points = ojson::array();
  if (!replay_started_) {
    points.push_back(point());
    replay_started_ = true;
  }
  const int every = t.scenario().log_every;
  while (steps > 0 && t.state() == TrainingState::running) {
    // As train(): stop at every recording boundary, so the points do not depend on how a
    // page splits the run into requests.
    const long long k = std::min<long long>(steps, every - t.step() % every);
    const int before = t.step();
    t.advance(k);
    steps -= std::max<long long>(1, t.step() - before);
    if (t.step() != before && (t.step() % every == 0 || t.state() != TrainingState::running))
      points.push_back(point());
  }
  if (t.state() == TrainingState::diverged) return nested("replay", {{"training_diverged", {}}}, t.outcome());
  ojson j;
  j["step"] = t.step();
  j["steps"] = t.scenario().steps;
  j["state"] = to_string(t.state());
  j["done"] = t.state() != TrainingState::running;
  j["points"] = points;
  j["current"] = point();
  return j.dump();
}

Result<std::string> LandscapeView::rescaled_json(int i) const {
  if (!prepared_ || spec_.kind != ViewKind::sharpness) return Error{"rescaled: not a trained sharpness view"};
  if (i < 0 || i >= int(spec_.rescale_alphas.size()))
    return Error{"i: must be from 0 to " + std::to_string(int(spec_.rescale_alphas.size()) - 1)};
  const double alpha = spec_.rescale_alphas[std::size_t(i)];
  const NetworkObjective& f = runs_[0].training->objective();
  const NetworkSpec& network = runs_[0].training->scenario().network;
  ojson j;
  j["alpha"] = alpha;
  ojson sharp = ojson::array(), loss = ojson::array();
  double change = 0.0;
  Vector first;
  for (const Run& run : runs_) {
    const Vector& theta = run.training->parameters();
    auto scaled = rescale_layers(network, false, theta, spec_.rescale_layer, alpha);
    if (!scaled) return Error{"view.rescale: " + scaled.error()};
    if (first.size() == 0) first = *scaled;
    sharp.push_back(sharpness(f, *scaled, spec_.lanczos_steps, spec_.seed).largest);
    loss.push_back(f.value(*scaled));
    const Matrix before = f.predict(theta, f.data().x), after = f.predict(*scaled, f.data().x);
    change = std::max(change, (after - before).cwiseAbs().maxCoeff());
  }
  j["sharpness"] = sharp;
  j["loss"] = loss;
  j["max_output_change"] = change; // the function is the same: rounding only
  // 1-D slices through the first end point, rescaled, along one Gaussian draw: raw, and
  // filter-normalised against the rescaled point (which rescales with it).
  Random rng(spec_.seed);
  const Vector raw = gaussian_direction(first.size(), rng);
  const Vector filtered = filter_normalize(raw, first, filter_blocks(network, false));
  const LineSlice raw_line = direction_slice(f, first, raw, spec_.points);
  const LineSlice filter_line = direction_slice(f, first, filtered, spec_.points);
  j["s"] = vector_json(raw_line.t);
  j["raw"] = line_json(raw_line)["loss"];
  j["filter"] = line_json(filter_line)["loss"];
  return j.dump();
}

Result<std::string> LandscapeView::result_json() {
  while (!prepared_) {
    auto done = train(1 << 20);
    if (!done) return done.failure();
  }
  ojson j = ojson::parse(prepared_json_);
  switch (spec_.kind) {
  case ViewKind::slice: {
    for (int r = 0; r < grid_.rows; ++r)
      if (!rows_done_[std::size_t(r)]) fill_rows(r, r + 1);
    ojson loss = ojson::array();
    for (int r = 0; r < grid_.rows; ++r) {
      ojson row = ojson::array();
      for (int c = 0; c < grid_.columns; ++c) row.push_back(number_json(values_(r, c)));
      loss.push_back(row);
    }
    j["loss"] = loss;
    if (spec_.convexity) {
      for (int r = 0; r < convexity_grid_.rows; ++r)
        if (!convexity_rows_done_[std::size_t(r)]) fill_convexity_rows(r, r + 1);
      const int n = convexity_grid_.rows;
      j["convexity"]["ratio"] = rows_json(convexity_.ratio, 0, n);
      j["convexity"]["smallest"] = rows_json(convexity_.smallest, 0, n);
      j["convexity"]["largest"] = rows_json(convexity_.largest, 0, n);
    }
    break;
  }
  case ViewKind::interpolate: break;
  case ViewKind::connect: {
    if (trainer_->steps() < spec_.steps) trainer_->step(spec_.steps - trainer_->steps());
    j["trained_steps"] = trainer_->steps();
    j["curve_line"] = line_json(curve_losses());
    break;
  }
  case ViewKind::sharpness: {
    ojson list = ojson::array();
    for (int i = 0; i < int(spec_.rescale_alphas.size()); ++i) {
      auto one = rescaled_json(i);
      if (!one) return one.failure();
      list.push_back(ojson::parse(*one));
    }
    j["rescaled"] = list;
    break;
  }
  }
  return j.dump();
}

} // namespace landscape
