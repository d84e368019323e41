#include "training/training.hpp"

#include "input/limits.hpp"
#include "input/messages.hpp"
#include "numerics/sequential.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <span>
#include <sstream>

namespace landscape {

std::string to_string(TrainingState state) {
  switch (state) {
  case TrainingState::running: return "running";
  case TrainingState::finished: return "finished";
  case TrainingState::diverged: return "diverged";
  }
  return "?";
}

Result<std::unique_ptr<Training>> Training::create(Scenario scenario) {
  if (scenario.surface)
    return Error{"surface: a surface scenario trains no network (run it as a Surface, or `landscape run`)"};
  auto optimizer = make_optimizer(scenario.optimizer, scenario.seed);
  if (!optimizer) return optimizer.failure();
  std::unique_ptr<Training> training(new Training(std::move(scenario), std::move(*optimizer)));
  Vector gradient;
  const double initial = training->objective().value_and_gradient(training->x_, gradient);
  if (!std::isfinite(initial)) {
    const MessagePart why = training->objective().non_finite_reason(training->x_);
    if (why.code.empty()) return refused({"model.init", "initial_loss_not_finite", {}});
    return composed("model.init", {{"initial_loss_not_finite_because", {}}, why});
  }
  // A finite loss can have a non-finite gradient (inputs of 1e308: the loss is a sum of finite
  // squares, its derivative x (q - y) overflows); every step and record would then be NaN.
  // (Its norm too: finite entries near 1e308 have no finite norm, which every record reports.)
  if (!gradient.allFinite() || !std::isfinite(sequential_norm(gradient))) {
    std::ostringstream loss;
    loss << initial;
    return refused(
        {"model.init",
         training->neuron_on_ ? "initial_gradient_not_finite_neuron" : "initial_gradient_not_finite",
         {loss.str()}});
  }
  return training;
}

Training::Training(Scenario scenario, std::unique_ptr<Optimizer> optimizer)
    : scenario_(std::move(scenario)), optimizer_(std::move(optimizer)) {
  DataSplit split = scenario_data(scenario_);
  test_data_ = std::move(split.test);
  AddedNeuronSpec off = scenario_.added_neuron.spec;
  off.enabled = false;
  plain_ = std::make_unique<NetworkObjective>(scenario_.network, scenario_.loss, split.train, off,
                                              scenario_.regularization);
  if (test_data_.size() > 0)
    test_plain_ = std::make_unique<NetworkObjective>(scenario_.network, scenario_.loss, test_data_, off);
  if (scenario_.added_neuron.spec.enabled) {
    AddedNeuronSpec on = scenario_.added_neuron.spec;
    augmented_ = std::make_unique<NetworkObjective>(scenario_.network, scenario_.loss, std::move(split.train),
                                                    on, scenario_.regularization);
    if (test_data_.size() > 0)
      test_augmented_ = std::make_unique<NetworkObjective>(scenario_.network, scenario_.loss, test_data_, on);
  }
  const Eigen::Index m = plain_->data().size();
  const int batch = scenario_.optimizer.batch_size;
  if (batch > 0 && batch < m) {
    plain_batch_ = std::make_unique<NetworkObjective>(*plain_);
    if (augmented_) augmented_batch_ = std::make_unique<NetworkObjective>(*augmented_);
    order_.resize(std::size_t(m));
    for (Eigen::Index i = 0; i < m; ++i) order_[std::size_t(i)] = i;
    // A stream of its own, so batches do not shift the data or the initial weights.
    batch_random_ = std::make_unique<Random>(scenario_.seed ^ 0xB47C4E5ULL);
  }
  x_ = initial_parameters(scenario_);
  previous_x_ = x_;
  if (augmented_ && scenario_.added_neuron.start_step == 0) switch_neuron_on();
  mark_checked(); // create() refuses a start whose loss or gradient is not finite
  if (scenario_.steps == 0) state_ = TrainingState::finished;
}

void Training::switch_neuron_on() {
  const Eigen::Index n = x_.size();
  Vector extended = Vector::Zero(augmented_->dimension());
  extended.head(n) = x_;
  const auto& init = scenario_.added_neuron.params;
  for (std::size_t i = 0; i < init.size(); ++i) extended[n + Eigen::Index(i)] = init[i];
  x_ = std::move(extended);
  previous_x_ = x_;
  neuron_on_ = true;
  optimizer_->reset(); // a new objective: adaptive steps and momenta start afresh
}

NetworkObjective& Training::step_objective() {
  if (!plain_batch_) return neuron_on_ ? *augmented_ : *plain_;
  const std::size_t m = order_.size();
  const std::size_t batch = std::size_t(scenario_.optimizer.batch_size);
  if (batch_start_ >= m) batch_start_ = 0;
  if (batch_start_ == 0 && scenario_.optimizer.shuffle) {
    // Fisher-Yates with the core's generator: the same epochs on every platform.
    for (std::size_t i = m - 1; i > 0; --i) std::swap(order_[i], order_[batch_random_->below(i + 1)]);
  }
  // When the batch size does not divide m, the last batch of an epoch is smaller.
  const std::size_t end = std::min(m, batch_start_ + batch);
  const std::span<const Eigen::Index> rows(order_.data() + batch_start_, end - batch_start_);
  batch_start_ = end;
  NetworkObjective& f = neuron_on_ ? *augmented_batch_ : *plain_batch_;
  f.select_batch(rows);
  return f;
}

namespace {
// The first number of a record that is not finite, as a message names it; null when all are.
const char* non_finite_in(const LogRecord& r, bool has_test_points) {
  if (!std::isfinite(r.loss)) return "the loss";
  if (!std::isfinite(r.grad_norm)) return "the gradient";
  if (!std::isfinite(r.original_loss)) return "the original network's loss";
  if (has_test_points && !std::isfinite(r.test_loss)) return "the test loss";
  if (!r.params.allFinite()) return "a parameter";
  if (!r.network_output.allFinite()) return "the network's output";
  if (r.neuron_enabled && !(r.a.allFinite() && r.b.allFinite() && r.w.allFinite() &&
                            r.neuron_output.allFinite() && std::isfinite(r.max_exponent)))
    return "the added neuron";
  return nullptr;
}

// The part of a divergence message that says which quantity is not finite (its name as
// non_finite_in() and the optimizers give it).
MessagePart not_finite_part(const std::string& quantity) {
  static const std::array<std::pair<const char*, const char*>, 8> codes = {{
      {"the loss", "loss_not_finite"},
      {"the gradient", "gradient_not_finite"},
      {"the original network's loss", "original_loss_not_finite"},
      {"the test loss", "test_loss_not_finite"},
      {"a parameter", "parameter_not_finite"},
      {"the network's output", "network_output_not_finite"},
      {"the added neuron", "added_neuron_not_finite"},
      {"the Hessian", "hessian_not_finite"},
  }};
  for (const auto& [name, code] : codes)
    if (quantity == name) return {code, {}};
  return {"loss_not_finite", {}}; // every quantity named is listed above
}

// " (why)" as parts: the reason between reason_open and reason_close; none when it is unknown.
void add_reason(std::vector<MessagePart>& parts, const MessagePart& why) {
  if (why.code.empty()) return;
  parts.push_back({"reason_open", {}});
  parts.push_back(why);
  parts.push_back({"reason_close", {}});
}
} // namespace

void Training::mark_checked() {
  checked_.x = x_;
  checked_.step = step_;
  checked_.step_size = last_step_size_;
  checked_.elapsed_time = elapsed_time_;
}

bool Training::check_finite(const char* quantity, const char* where) {
  if (quantity == nullptr) return true;
  const bool after = std::string(where) == "after";
  std::vector<MessagePart> parts = {
      {after ? "diverged_after_step" : "diverged_at_step", {std::to_string(step_)}},
      not_finite_part(quantity)};
  if (plain_batch_) parts.push_back({after ? "on_mini_batch" : "on_all_points", {}});
  const MessagePart why = objective().non_finite_reason(x_);
  if (!why.code.empty())
    add_reason(parts, why);
  else if (std::string(quantity) != "the loss")
    parts.push_back({"derivatives_overflow", {}});
  if (plain_batch_) {
    // Mini-batch steps saw only their batches: the last state known finite on all the points
    // is the last one checked there (a record, or the start).
    x_ = checked_.x;
    step_ = checked_.step;
    last_step_size_ = checked_.step_size;
    elapsed_time_ = checked_.elapsed_time;
  } else {
    x_ = previous_x_;
    step_ = std::max(0, step_ - 1);
    last_step_size_ = previous_step_size_;
    elapsed_time_ = previous_elapsed_time_;
  }
  parts.push_back({"paused_at_step", {std::to_string(step_)}});
  message_ = composed("", std::move(parts));
  state_ = TrainingState::diverged;
  return false;
}

bool Training::switch_neuron_on_checked() {
  const Vector plain = x_, before_plain = previous_x_;
  switch_neuron_on();
  Vector gradient;
  const double value = augmented_->value_and_gradient(x_, gradient);
  if (std::isfinite(value) && gradient.allFinite()) {
    mark_checked(); // on all the points: a later pause of a mini-batch run returns here
    return true;
  }
  // Training::create checks the start with the neuron on from step 0; a later switch is checked
  // here, and undone: the last finite state is the plain network's.
  std::vector<MessagePart> parts = {
      {"diverged_at_step", {std::to_string(step_)}},
      {std::isfinite(value) ? "neuron_gradient_not_finite" : "neuron_loss_not_finite", {}}};
  add_reason(parts, augmented_->non_finite_reason(x_));
  parts.push_back({"check_neuron_params", {}});
  x_ = plain;
  previous_x_ = before_plain;
  neuron_on_ = false;
  // The plain state was reached by the last step, whose own check saw only the state before it
  // (and, with mini-batches, only its batch): it may be the non-finite one itself.
  Vector plain_gradient;
  const double plain_value = plain_->value_and_gradient(x_, plain_gradient);
  const bool plain_finite = std::isfinite(plain_value) && plain_gradient.allFinite() &&
                            std::isfinite(sequential_norm(plain_gradient));
  if (plain_batch_ && (checked_.step != step_ || !plain_finite)) {
    x_ = checked_.x;
    step_ = checked_.step;
    last_step_size_ = checked_.step_size;
    elapsed_time_ = checked_.elapsed_time;
  } else if (!plain_finite) {
    x_ = previous_x_;
    step_ = std::max(0, step_ - 1);
    last_step_size_ = previous_step_size_;
    elapsed_time_ = previous_elapsed_time_;
  }
  if (!plain_finite) parts.push_back({"plain_state_not_finite", {}});
  parts.push_back({"paused_without_neuron", {std::to_string(step_)}});
  message_ = composed("", std::move(parts));
  state_ = TrainingState::diverged;
  return false;
}

std::vector<LogRecord> Training::advance_for(long long max_steps, long long chunk, double seconds,
                                             long long& taken) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<LogRecord> records;
  taken = 0;
  while (state_ == TrainingState::running && (max_steps < 0 || taken < max_steps)) {
    const long long steps = max_steps < 0 ? chunk : std::min(chunk, max_steps - taken);
    const int before = step_;
    for (LogRecord& r : advance(steps)) records.push_back(std::move(r));
    taken += steps;
    if (step_ == before) break; // nothing left to take (the run's last step)
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds) break;
  }
  return records;
}

std::vector<LogRecord> Training::advance(long long steps) {
  std::vector<LogRecord> records;
  if (state_ != TrainingState::running) return records;
  if (step_ == 0 && steps > 0) records.push_back(record(scenario_.log_arrays));
  for (long long taken = 0; taken < steps && step_ < scenario_.steps; ++taken) {
    if (augmented_ && !neuron_on_ && step_ >= scenario_.added_neuron.start_step &&
        !switch_neuron_on_checked())
      break;
    // The state before the step, in a buffer kept from step to step (no allocation per step).
    step_start_ = x_;
    const StepReport report = optimizer_->step(step_objective(), x_);
    const char* bad = !std::isfinite(report.value)           ? "the loss"
                      : !std::isfinite(report.gradient_norm) ? "the gradient"
                                                             : report.non_finite;
    if (bad) {
      // The state reached by the previous step is the non-finite one: undo it.
      x_ = step_start_;
      check_finite(bad, "after");
      break;
    }
    previous_x_.swap(step_start_);
    previous_step_size_ = last_step_size_;
    previous_elapsed_time_ = elapsed_time_;
    ++step_;
    last_step_size_ = report.step_size;
    elapsed_time_ += report.step_size;
    if (!x_.allFinite() && !check_finite("a parameter", "at")) break;
    if (step_ % scenario_.log_every == 0 || step_ == scenario_.steps) {
      LogRecord logged = record(scenario_.log_arrays);
      if (!check_finite(non_finite_in(logged, test_data_.size() > 0), "at")) break;
      if (plain_batch_) mark_checked();
      records.push_back(std::move(logged));
    }
  }
  if (state_ == TrainingState::running && step_ >= scenario_.steps) state_ = TrainingState::finished;
  if (state_ == TrainingState::diverged) records.push_back(record(scenario_.log_arrays));
  return records;
}

LogRecord Training::current(bool with_arrays) {
  LogRecord now = record(with_arrays);
  // A state between records has not been checked on all the points (mini-batch steps), or at
  // all (the last step's result: its own check comes with the next step).
  if (state_ == TrainingState::diverged || step_ == checked_.step) return now;
  const char* bad = non_finite_in(now, test_data_.size() > 0);
  if (bad == nullptr) {
    if (plain_batch_) mark_checked();
    return now;
  }
  check_finite(bad, "at");
  return record(with_arrays);
}

namespace {
// Share of rows whose predicted class matches the target's: the sign of a single output
// against +-1 labels, or the largest output against the one-hot target.
double accuracy_of(const Matrix& predicted, const Matrix& target) {
  if (target.rows() == 0) return std::numeric_limits<double>::quiet_NaN();
  Eigen::Index right = 0;
  for (Eigen::Index i = 0; i < target.rows(); ++i) {
    if (target.cols() == 1) {
      right += (predicted(i, 0) >= 0.0) == (target(i, 0) >= 0.0);
    } else {
      Eigen::Index p = 0, t = 0;
      predicted.row(i).maxCoeff(&p);
      target.row(i).maxCoeff(&t);
      right += p == t;
    }
  }
  return double(right) / double(target.rows());
}

// Says why a classification run that still gets points wrong has stopped moving, when the
// reason is saturation: steps too large (a learning rate of 10) drive a tanh layer's units to
// +-1, where tanh' = 1 - tanh^2 is 0 in double precision, so no gradient flows back and the
// run sits still with no divergence to report. Empty when that is not the case.
// A gradient is called vanished below kVanishedGradient, or below this share of the loss: the
// playground's circle at learning rate 10 sits at a loss of 0.65 with |grad| = 3e-6 for tens of
// thousands of steps, while a run that is still learning has |grad| of 1e-3 and more there.
constexpr double kVanishedGradientPerLoss = 1e-4;

std::string stall_note(const NetworkObjective& f, const Vector& x, double loss, double grad_norm,
                       double accuracy, double learning_rate) {
  if (!(grad_norm < std::max(kVanishedGradient, kVanishedGradientPerLoss * loss)) || !(accuracy < 1.0))
    return "";
  const NetworkSpec& network = f.network();
  const std::vector<Matrix> layers = f.layer_outputs(x, f.data().x);
  for (std::size_t l = layers.size(); l-- > 0;) {
    if (l >= network.layers.size() || network.layers[l].activation != Activation::tanh) continue;
    const Matrix& values = layers[l];
    if (values.size() == 0) continue;
    const double saturated =
        double((values.array().abs() >= 1.0 - kSaturatedTanh).count()) / double(values.size());
    if (saturated < kSaturatedShare) continue;
    std::ostringstream out;
    out.precision(2);
    const bool output = l + 1 == network.layers.size();
    out << "stuck: "
        << (output ? std::string("the tanh output is")
                   : "the tanh units of hidden layer " + std::to_string(l + 1) + " are")
        << " at +-1 on " << std::lround(100.0 * saturated)
        << "% of the points and the gradient has vanished (|grad| = " << grad_norm
        << "), so the steps no longer change anything while " << std::lround(100.0 * (1.0 - accuracy))
        << "% of the points are wrong; the steps were too large for this network (learning rate "
        << learning_rate << "): lower the learning rate and reset";
    return out.str();
  }
  return "";
}
} // namespace

LogRecord Training::record(bool with_arrays) const {
  LogRecord r;
  const NetworkObjective& f = objective();
  Vector gradient;
  r.step = step_;
  // One pass over the training points gives the loss, its gradient and the outputs (the
  // accuracy's), one over the test points their loss and outputs: a record of TensorFlow
  // Playground's default network (every epoch, 250 training and 250 test points) cost more than
  // the epoch's 25 steps when each was computed on its own.
  Matrix outputs; // f's, at the training points
  r.loss = f.value_gradient_and_outputs(x_, gradient, outputs);
  r.grad_norm = sequential_norm(gradient);
  const Eigen::Index n = plain_->dimension();
  // The plain network trained without a weight penalty: L(theta) is the loss just computed, and
  // its outputs are the record's (the same operations in the same order give the same bits).
  const bool plain = &f == plain_.get();
  r.original_loss = plain && f.regularization().kind == Regularization::Kind::none
                        ? r.loss
                        : plain_->original_loss(x_.head(n));
  r.step_size = last_step_size_;
  r.elapsed_time = elapsed_time_;
  Matrix test_outputs;
  if (test_data_.size() > 0)
    r.test_loss = (plain ? *test_plain_ : *test_augmented_).data_loss_and_outputs(x_, test_outputs);
  if (scenario_.problem == Problem::classification) {
    r.accuracy = accuracy_of(outputs, f.data().y);
    if (test_data_.size() > 0) r.test_accuracy = accuracy_of(test_outputs, test_data_.y);
    if (step_ > 0)
      r.note = stall_note(f, x_, r.loss, r.grad_norm, r.accuracy, scenario_.optimizer.learning_rate);
  }
  r.neuron_enabled = augmented_ != nullptr;
  r.neuron_on = neuron_on_;
  if (with_arrays && n <= kParamsInRecords) r.params = x_.head(n);
  if (with_arrays && plain_->data().y.size() <= kOutputsInRecords)
    r.network_output = plain ? outputs : plain_->predict(x_.head(n), plain_->data().x);
  if (augmented_) {
    const Eigen::Index dy = scenario_.network.outputs(), dx = scenario_.network.inputs;
    Vector full = Vector::Zero(augmented_->dimension());
    if (neuron_on_)
      full = x_;
    else
      full.head(n) = x_;
    r.a = full.segment(n, dy);
    r.b = full.segment(n + dy, dy);
    r.w = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        full.data() + n + 2 * dy, dy, dx);
    if (with_arrays) r.neuron_output = augmented_->neuron_outputs(full);
    r.max_exponent = augmented_->max_exponent(full);
  }
  return r;
}

namespace {
// A record as JSON text, written directly: its arrays hold a network output per training point,
// and building a json tree for them (an allocation per number) cost most of a record's time, a
// sixth of TensorFlow Playground's default network's training at a record per 1,000 steps. The
// text is what nlohmann::ordered_json's dump() writes for the same keys in the same order:
// compact, numbers by the library's own formatting routine (to_chars, the serializer's), a
// non-finite number as null. A test compares the two on records with every key.
class RecordWriter {
public:
  // One key and its value each.
  void number(const char* key, double x) {
    name(key);
    value(x);
  }
  void raw(const char* key, const std::string& json_text) {
    name(key);
    text_ += json_text;
  }
  void vector(const char* key, const Vector& v) {
    name(key);
    values(v.data(), v.size(), 1);
  }
  // One JSON array per row (Matrix is column-major: a row's entries are rows() apart).
  void matrix(const char* key, const Matrix& m) {
    name(key);
    text_ += '[';
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      if (i > 0) text_ += ',';
      values(m.data() + i, m.cols(), m.rows());
    }
    text_ += ']';
  }
  std::string finish() {
    text_ += '}';
    return std::move(text_);
  }

private:
  void name(const char* key) {
    text_ += text_.size() > 1 ? ",\"" : "\"";
    text_ += key;
    text_ += "\":";
  }
  void value(double x) {
    if (!std::isfinite(x)) {
      text_ += "null";
      return;
    }
    std::array<char, 64> digits;
    const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), x);
    text_.append(digits.data(), std::size_t(end - digits.data()));
  }
  void values(const double* first, Eigen::Index count, Eigen::Index stride) {
    text_ += '[';
    for (Eigen::Index i = 0; i < count; ++i) {
      if (i > 0) text_ += ',';
      value(first[i * stride]);
    }
    text_ += ']';
  }

  std::string text_ = "{";
};
} // namespace

std::string to_json(const LogRecord& r) {
  RecordWriter j;
  j.raw("step", std::to_string(r.step));
  j.number("loss", r.loss);
  j.number("original_loss", r.original_loss);
  j.number("grad_norm", r.grad_norm);
  j.number("step_size", r.step_size);
  j.number("elapsed_time", r.elapsed_time);
  // Test loss and accuracies only where they exist (NaN otherwise).
  if (std::isfinite(r.test_loss)) j.number("test_loss", r.test_loss);
  if (std::isfinite(r.accuracy)) j.number("accuracy", r.accuracy);
  if (std::isfinite(r.test_accuracy)) j.number("test_accuracy", r.test_accuracy);
  if (!r.note.empty()) j.raw("note", nlohmann::json(r.note).dump()); // the library's escaping
  if (r.neuron_enabled) {
    j.raw("neuron_on", r.neuron_on ? "true" : "false");
    j.vector("a", r.a);
    j.vector("b", r.b);
    j.matrix("w", r.w);
    if (r.neuron_output.size() > 0) j.matrix("neuron_output", r.neuron_output);
    j.number("max_exponent", r.max_exponent);
  }
  if (r.network_output.size() > 0) j.matrix("network_output", r.network_output);
  if (r.params.size() > 0) j.vector("params", r.params);
  return j.finish();
}

Result<std::vector<double>> input_plane_field(const Training& training, int n, std::array<double, 4> window,
                                              bool units) {
  // n and the window are the page's own (its plot's size and axes), never a reader's input: a
  // refusal here is a programming error, in plain English (no code).
  if (n < 2 || n > kMaxFieldSide)
    return Error{"n: must be from 2 to " + std::to_string(kMaxFieldSide) + " (got " + std::to_string(n) +
                 ")"};
  for (double edge : window)
    if (!std::isfinite(edge)) return Error{"window: must be four finite numbers"};
  const auto [x0, x1, y0, y1] = window;
  const int dims = raw_input_columns(training.scenario());
  const Eigen::Index points = dims == 1 ? n : Eigen::Index(n) * n;
  // n x n points through the network at once, and with `units` every unit's value at each: on
  // a wide network that is gigabytes, which would abort the wasm module. Estimated first.
  const NetworkSpec& network = training.scenario().network;
  double unit_count = 0;
  for (const LayerSpec& layer : network.layers) unit_count += layer.units;
  const double bytes = 2.0 * pass_bytes(network, double(points), 8.0) +
                       double(points) * 8.0 * (double(network.outputs()) + (units ? 2.0 * unit_count : 0.0));
  if (bytes > kWorkingMemoryBudget) {
    std::ostringstream out;
    out << "n: a field of " << points << " points " << (units ? "with every unit's value " : "")
        << "needs about " << std::ceil(bytes / double(1 << 20)) << " MB on this network, more than the "
        << kWorkingMemoryBudget / double(1 << 20) << " MB the core may use; ask for a smaller n"
        << (units ? " or without units" : "");
    return Error{out.str()};
  }
  Matrix raw = Matrix::Zero(points, dims);
  for (Eigen::Index p = 0; p < points; ++p) {
    const Eigen::Index r = dims == 1 ? 0 : p / n, c = dims == 1 ? p : p % n;
    raw(p, 0) = x0 + (x1 - x0) * double(c) / (n - 1);
    if (dims >= 2) raw(p, 1) = y1 - (y1 - y0) * double(r) / (n - 1);
  }
  const Matrix inputs = apply_features(raw, training.scenario().data.features);
  const NetworkObjective& f = training.objective();
  const Matrix out = f.predict(training.parameters(), inputs);
  std::vector<double> field;
  field.reserve(std::size_t(out.size()));
  for (Eigen::Index p = 0; p < points; ++p)
    for (Eigen::Index k = 0; k < out.cols(); ++k) field.push_back(out(p, k));
  if (!units) return field;
  const std::vector<Matrix> layers = f.layer_outputs(training.parameters(), inputs);
  for (std::size_t l = 0; l + 1 < layers.size(); ++l)
    for (Eigen::Index u = 0; u < layers[l].cols(); ++u)
      for (Eigen::Index p = 0; p < points; ++p) field.push_back(layers[l](p, u));
  return field;
}

Result<std::string> checkpoint_scenario(const std::string& json_text, const Training& training) {
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return Error{"scenario: not a JSON object"};
  document.erase("compare");
  const Vector& x = training.parameters();
  const Eigen::Index n = training.objective().network_parameter_count();
  document["model"]["init"] = {{"kind", "params"}, {"params", std::vector<double>(x.data(), x.data() + n)}};
  if (training.neuron_on()) {
    document["added_neuron"]["start_step"] = 0;
    document["added_neuron"]["params"] = std::vector<double>(x.data() + n, x.data() + x.size());
  } else if (training.scenario().added_neuron.spec.enabled) {
    document["added_neuron"]["start_step"] =
        std::max(0, training.scenario().added_neuron.start_step - training.step());
  }
  document["steps"] = std::max(0, training.scenario().steps - training.step());
  const std::string name = training.scenario().name.empty() ? "scenario" : training.scenario().name;
  document["description"] = "Checkpoint of " + name + " at step " + std::to_string(training.step()) +
                            " (exact float64 parameters). " + training.scenario().description;
  const std::string text = document.dump(1);
  auto check = parse_scenario(text);
  if (!check) return inside("checkpoint", check.failure());
  return text;
}

} // namespace landscape
