// Why this file exists: the landscape views for JavaScript (LandscapeView), beside
// bindings.cpp and under its error convention (reject.hpp, errors.js). The worker trains the
// view's runs a few steps per request, then asks for the view in pieces: slice rows, convexity
// rows, curve steps, rescalings. Every number comes from core/landscape/landscape_view.hpp, which also
// prints the CLI's output, so the pieces equal `landscape slice FILE` bit for bit.
#include "landscape/landscape_view.hpp"
#include "reject.hpp"

#include <emscripten/bind.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace landscape;
using landscape_bindings::count_argument;
using landscape_bindings::reject_message;
constexpr long long kIntMin = std::numeric_limits<int>::min(), kIntMax = std::numeric_limits<int>::max();

class LandscapeViewBinding {
public:
  explicit LandscapeViewBinding(const std::string& scenario_json) {
    auto view = LandscapeView::create(scenario_json);
    if (!view)
      reject_message(view.failure());
    else
      view_ = std::move(*view);
  }

  // Up to `steps` more training steps; returns progress_json().
  std::string train(double steps) {
    const auto count = count_argument(steps, "steps", 1, 100000000);
    if (!count) return "null";
    auto done = view_->train(*count);
    if (!done) reject_message(done.failure());
    return view_->progress_json();
  }
  // LandscapeView::train_for(): chunks of `chunk` steps for about `milliseconds`; progress_json().
  std::string trainFor(double chunk, double milliseconds) {
    const auto steps = count_argument(chunk, "chunk", 1, 100000000);
    const auto ms = steps ? count_argument(milliseconds, "milliseconds", 1, 60000) : std::nullopt;
    if (!ms) return "null";
    auto done = view_->train_for(*steps, double(*ms) / 1000.0);
    if (!done) reject_message(done.failure());
    return view_->progress_json();
  }
  std::string progress() const { return view_->progress_json(); }
  // After training: the view's axes and whatever is cheap (info_json()); "null" before.
  std::string info() const { return view_->info_json(); }

  // Rows [r0, r1) of the slice, row after row, as a view into a buffer this object owns:
  // copy it (slice()) before the next call.
  emscripten::val slice_rows(double first, double end) {
    const auto a = count_argument(first, "r0", kIntMin, kIntMax);
    const auto b = a ? count_argument(end, "r1", kIntMin, kIntMax) : std::nullopt;
    buffer_.clear();
    if (!b) return emscripten::val(emscripten::typed_memory_view(buffer_.size(), buffer_.data()));
    const int r0 = int(*a), r1 = int(*b);
    auto ok = view_->fill_rows(r0, r1);
    buffer_.clear();
    if (!ok) {
      reject_message(ok.failure());
    } else {
      const Matrix& v = view_->values();
      for (int r = r0; r < r1; ++r)
        for (Eigen::Index c = 0; c < v.cols(); ++c) buffer_.push_back(v(r, c));
    }
    return emscripten::val(emscripten::typed_memory_view(buffer_.size(), buffer_.data()));
  }

  // LandscapeView::summary_json(): the figures of the rows filled so far.
  std::string summary() const {
    auto out = view_->summary_json();
    if (!out) {
      reject_message(out.failure());
      return "null";
    }
    return *out;
  }

  // Rows [r0, r1) of the convexity map: {"ratio", "smallest", "largest"}, rows of numbers.
  std::string convexity_rows(double first, double end) {
    const auto a = count_argument(first, "r0", kIntMin, kIntMax);
    const auto b = a ? count_argument(end, "r1", kIntMin, kIntMax) : std::nullopt;
    if (!b) return "null";
    const int r0 = int(*a), r1 = int(*b);
    auto ok = view_->fill_convexity_rows(r0, r1);
    if (!ok) {
      reject_message(ok.failure());
      return "null";
    }
    const ConvexityMap& m = view_->convexity();
    nlohmann::ordered_json j;
    for (const auto& [name, matrix] :
         {std::pair{"ratio", &m.ratio}, {"smallest", &m.smallest}, std::pair{"largest", &m.largest}}) {
      nlohmann::ordered_json rows = nlohmann::ordered_json::array();
      for (int r = r0; r < r1; ++r)
        rows.push_back(std::vector<double>(matrix->row(r).begin(), matrix->row(r).end()));
      j[name] = rows;
    }
    return j.dump();
  }

  // k more curve-training steps; {"steps", "mean_loss", "loss": [the curve's loss at view.points t]}.
  std::string curve_step(double steps) {
    const auto k = count_argument(steps, "k", kIntMin, kIntMax);
    if (!k) return "null";
    auto mean = view_->curve_step(int(*k));
    if (!mean) {
      reject_message(mean.failure());
      return "null";
    }
    const LineSlice line = view_->curve_losses();
    nlohmann::ordered_json j;
    j["steps"] = view_->curve_steps();
    j["mean_loss"] = std::isfinite(*mean) ? nlohmann::ordered_json(*mean) : nlohmann::ordered_json(nullptr);
    j["loss"] = std::vector<double>(line.loss.data(), line.loss.data() + line.loss.size());
    return j.dump();
  }

  // The live path: up to `steps` more steps of the slice's run trained again (restart: from
  // its start), projected on the slice's plane (LandscapeView::replay).
  std::string replay(double steps, bool restart) {
    const auto count = count_argument(steps, "steps", 1, 100000000);
    if (!count) return "null";
    auto out = view_->replay(*count, restart);
    if (!out) {
      reject_message(out.failure());
      return "null";
    }
    return *out;
  }

  std::string rescaled(double index) const {
    const auto i = count_argument(index, "i", kIntMin, kIntMax);
    if (!i) return "null";
    auto out = view_->rescaled_json(int(*i));
    if (!out) {
      reject_message(out.failure());
      return "null";
    }
    return *out;
  }

  // Everything, computing what is missing: the CLI's output (the page's JSON export).
  std::string result() {
    auto out = view_->result_json();
    if (!out) {
      reject_message(out.failure());
      return "null";
    }
    return *out;
  }

private:
  std::unique_ptr<LandscapeView> view_;
  std::vector<double> buffer_;
};

std::string scenario_with_view_js(const std::string& text, const std::string& patch) {
  auto out = scenario_with_view(text, patch);
  if (!out) {
    reject_message(out.failure());
    return "";
  }
  return *out;
}

} // namespace

EMSCRIPTEN_BINDINGS(landscape_views) {
  emscripten::function("scenarioWithView", &scenario_with_view_js);
  emscripten::class_<LandscapeViewBinding>("LandscapeView")
      .constructor<std::string>()
      .function("train", &LandscapeViewBinding::train)
      .function("trainFor", &LandscapeViewBinding::trainFor)
      .function("progress", &LandscapeViewBinding::progress)
      .function("info", &LandscapeViewBinding::info)
      .function("sliceRows", &LandscapeViewBinding::slice_rows)
      .function("summary", &LandscapeViewBinding::summary)
      .function("convexityRows", &LandscapeViewBinding::convexity_rows)
      .function("curveStep", &LandscapeViewBinding::curve_step)
      .function("replay", &LandscapeViewBinding::replay)
      .function("rescaled", &LandscapeViewBinding::rescaled)
      .function("result", &LandscapeViewBinding::result);
}
