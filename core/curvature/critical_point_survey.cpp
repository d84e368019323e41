#include "curvature/critical_point_survey.hpp"

#include "input/limits.hpp"
#include "input/messages.hpp"
#include "training/optimizer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace landscape {

Result<std::unique_ptr<CriticalPointSurvey>> CriticalPointSurvey::create(Scenario scenario) {
  if (!scenario.critical_points) return refused({"critical_points", "missing_critical_points", {}});
  std::unique_ptr<CriticalPointSurvey> survey(new CriticalPointSurvey(std::move(scenario)));
  auto base = Training::create(survey->scenario_);
  if (!base) return base.failure();
  survey->base_ = std::move(*base);
  return survey;
}

CriticalPointSurvey::CriticalPointSurvey(Scenario scenario)
    : scenario_(std::move(scenario)), spec_(*scenario_.critical_points) {}

Result<std::string> CriticalPointSurvey::run(int i) {
  // Only the page's own code passes a search's index (one per search the scenario lists): plain.
  if (i < 0 || i >= count())
    return Error{"search: must be from 0 to " + std::to_string(count() - 1) + " (got " + std::to_string(i) +
                 ")"};
  const std::optional<double> floor = loss_floor(scenario_);
  std::string method;
  CriticalPoint point;
  if (i < spec_.starts) {
    const Vector start = random_start(base_->parameters().size(), std::uint64_t(i) + 1, spec_.scale);
    point = find_critical_point(base_->objective(), start, {spec_.iterations, 1e-8});
    method = "finder";
  } else {
    const int polish = i - spec_.starts;
    const int stops = int(spec_.polish_stops.size());
    const int start = polish / stops + 1;
    const int stop = spec_.polish_stops[std::size_t(polish % stops)];
    if (!polish_ || polish_start_ != start || polish_->step() > stop) {
      Scenario s = scenario_;
      s.seed = std::uint64_t(start);
      s.data.seed = scenario_.data.seed.value_or(scenario_.seed); // the same points for every start
      s.init = spec_.polish_init;
      s.optimizer = spec_.polish_optimizer;
      s.steps = spec_.polish_stops.back();
      s.log_every = s.steps;
      s.compare.clear();
      s.critical_points.reset();
      auto training = Training::create(std::move(s));
      if (!training) return nested("critical_points.polish", {}, training.failure());
      polish_ = std::move(*training);
      polish_start_ = start;
    }
    polish_->advance(stop - polish_->step());
    point = find_critical_point(polish_->objective(), polish_->parameters(), {spec_.polish_iterations, 1e-8});
    const OptimizerKind* kind = find_optimizer_kind(spec_.polish_optimizer.kind);
    method = (kind ? kind->label : spec_.polish_optimizer.kind) + " " + std::to_string(stop) +
             " steps, then the finder";
  }
  nlohmann::ordered_json j;
  j["search"] = i;
  j["method"] = method;
  j.update(nlohmann::ordered_json::parse(critical_point_json(point, floor)));
  return j.dump();
}

Result<std::string> critical_point_request(const Training& training, double seed, double scale,
                                           double iterations) {
  const long long n = training.parameters().size();
  // Seeds are whole numbers a double holds exactly: 2^53 and below.
  auto start_seed = whole_number(seed, "seed", -1, 1LL << 53);
  if (!start_seed) {
    const Error& e = start_seed.failure();
    return refused({e.field, "seed_out_of_range", e.args});
  }
  if (!(std::isfinite(scale) && scale > 0.0 && scale <= 1e6))
    return refused({"scale",
                    "not_scale",
                    {std::isfinite(scale) ? nlohmann::json(scale).dump()
                                          : std::string(std::isnan(scale) ? "NaN" : "Infinity")}});
  auto count = whole_number(iterations, "iterations", 0, 100000);
  if (!count) return count.failure();
  const Refusal limit = check_dense_hessian(training.scenario(), n, DenseHessianUse::critical_point);
  if (!limit.code.empty()) return refused(limit);
  // Every iteration builds and decomposes the dense Hessian; one more at the end classifies.
  const double work = double(*count + 1) * dense_hessian_work(training.scenario(), double(n));
  if (work > kMaxRequestWork)
    return refused(
        {"iterations",
         "finder_work",
         {with_thousands(*count), with_thousands(n), work_text(work), work_text(kMaxRequestWork)}});
  const Vector start =
      *start_seed >= 0 ? random_start(n, std::uint64_t(*start_seed), scale) : training.parameters();
  const CriticalPoint c = find_critical_point(training.objective(), start, {int(*count), 1e-8});
  if (!std::isfinite(c.value) || !std::isfinite(c.gradient_norm) || !c.eigenvalues.allFinite())
    return refused({"criticalPoint", "search_not_finite", {}});
  return critical_point_json(c, loss_floor(training.scenario()));
}

} // namespace landscape
