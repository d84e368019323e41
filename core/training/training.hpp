// Why this file exists: runs a scenario step by step, the same way for the CLI, the
// wasm worker and the tests: plain steps, then (optionally) the added neuron switched
// on at a given step; a log record at every logging interval; and divergence caught:
// a non-finite loss, gradient, Hessian or parameter pauses training at the last finite state
// with a message saying which quantity it was and why.
#pragma once

#include "input/result.hpp"
#include "input/scenario.hpp"
#include "model/network.hpp"
#include "numerics/random.hpp"
#include "training/optimizer.hpp"

#include <array>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace landscape {

struct LogRecord {
  int step = 0;
  double loss = 0.0;           // the objective being trained (L~ once the neuron is on)
  double original_loss = 0.0;  // L(theta) of the original network alone
  double grad_norm = 0.0;      // ||grad|| of the trained objective
  double step_size = 0.0;      // the last step's learning rate (Armijo: accepted)
  double elapsed_time = 0.0;   // sum of the step sizes so far (gradient-flow time T)
  bool neuron_enabled = false; // the scenario has an added neuron (a, b, w below are filled)
  bool neuron_on = false;      // ... and it has been switched on
  Vector a, b;                 // per output
  Matrix w;                    // d_y x d_x
  Matrix neuron_output;        // m x d_y: g_k(x_i)
  Matrix network_output;       // m x d_y: f(x_i) of the original network (small data only)
  double max_exponent = 0.0;
  Vector params; // the network's parameters, for small models only
  // Data term on the held-out points (with the neuron when on); NaN when there are none.
  double test_loss = std::numeric_limits<double>::quiet_NaN();
  // Classification only (NaN otherwise): the share of points whose predicted class (the
  // sign of a single output against +-1 labels, or the largest output) is right.
  double accuracy = std::numeric_limits<double>::quiet_NaN();
  double test_accuracy = std::numeric_limits<double>::quiet_NaN();
  // Why a classification run that still gets points wrong cannot move: tanh units at +-1 on
  // most points and a vanished gradient (stall_note); empty otherwise.
  std::string note;
};

// A classification run is called stuck in saturation when its gradient norm is below this (or
// below 1e-4 of the loss: core/training/training.cpp) and a tanh layer is within kSaturatedTanh of +-1 on
// at least kSaturatedShare of the points.
inline constexpr double kVanishedGradient = 1e-8;
inline constexpr double kSaturatedTanh = 1e-4;
inline constexpr double kSaturatedShare = 0.5;

enum class TrainingState { running, finished, diverged };
std::string to_string(TrainingState state);

class Training {
public:
  // Models with at most this many parameters report them in every record.
  static constexpr Eigen::Index kParamsInRecords = 64;
  // Data sets with at most this many points x outputs report the outputs per point.
  static constexpr Eigen::Index kOutputsInRecords = 1000;

  static Result<std::unique_ptr<Training>> create(Scenario scenario);

  // Takes up to `steps` more steps; returns the records logged on the way (every
  // log_every steps, and the step where training ends).
  std::vector<LogRecord> advance(long long steps);
  // advance() in chunks of `chunk` steps until `max_steps` are taken (-1: no limit), the run
  // stops, or `seconds` of wall time have passed (read between chunks), so a page gets a reply
  // a frame whatever the network's size. The numbers do not depend on the chunking (steps are
  // counted): only how many steps one call takes does. `taken`: the steps taken.
  std::vector<LogRecord> advance_for(long long max_steps, long long chunk, double seconds, long long& taken);
  // The record of the current state. with_arrays false: without the per-point outputs and the
  // parameters (summary records). Not const: a mini-batch step checks only its batch, so the
  // state reached since the last record may have a non-finite loss on all the points; then the
  // run pauses (diverged, with a message) at the last state that passed the check on all the
  // points, and reports that one. Every number it returns is finite.
  LogRecord current(bool with_arrays = true);

  int step() const { return step_; }
  TrainingState state() const { return state_; }
  const std::string& message() const { return message_.message; }
  // The same message as data (core/input/messages.hpp composed()): its parts, each a code and
  // args; empty (no code) while the run has not diverged.
  const Error& outcome() const { return message_; }
  const Scenario& scenario() const { return scenario_; }
  const Dataset& data() const { return plain_->data(); }
  const Dataset& test_data() const { return test_data_; }
  // The parameters being trained: the network's, then (a, b, W) once the neuron is on.
  const Vector& parameters() const { return x_; }
  // The objective on all the training points (what records report).
  const NetworkObjective& objective() const { return neuron_on_ ? *augmented_ : *plain_; }
  bool neuron_on() const { return neuron_on_; }

private:
  Training(Scenario scenario, std::unique_ptr<Optimizer> optimizer);
  void switch_neuron_on();
  // switch_neuron_on(), undone with a message (diverged) when the loss or the gradient is not
  // finite with the neuron on; false then.
  bool switch_neuron_on_checked();
  // Pauses at the last finite state when `quantity` ("the loss", "the gradient", ...) is not
  // null, with a message naming it; true (go on) when it is null.
  bool check_finite(const char* quantity, const char* where);
  // The objective the next step trains on: all points, or the next mini-batch.
  NetworkObjective& step_objective();
  // The record of the state as it is, unchecked.
  LogRecord record(bool with_arrays) const;
  // The state that last passed the check on all the points (mini-batch runs pause there).
  void mark_checked();

  Scenario scenario_;
  std::unique_ptr<NetworkObjective> plain_, augmented_;
  // Mini-batch copies of the two objectives (null when training is full-batch), the order
  // of the points in the current epoch, and where the next batch starts.
  std::unique_ptr<NetworkObjective> plain_batch_, augmented_batch_;
  std::vector<Eigen::Index> order_;
  std::size_t batch_start_ = 0;
  std::unique_ptr<Random> batch_random_;
  Dataset test_data_;
  // The test points as objectives of the plain and the augmented network (null without test
  // points or without the neuron), built once: records evaluate them every epoch.
  std::unique_ptr<NetworkObjective> test_plain_, test_augmented_;
  std::unique_ptr<Optimizer> optimizer_;
  Vector x_, previous_x_;
  Vector step_start_; // advance()'s copy of x_ before each step, its storage reused
  // The last state whose record (loss, gradient, outputs on all the points) was finite:
  // where a mini-batch run pauses when a later state is not (full-batch runs pause at
  // previous_x_, which their step checked on all the points).
  struct Checked {
    Vector x;
    int step = 0;
    double step_size = 0.0, elapsed_time = 0.0;
  } checked_;
  int step_ = 0;
  bool neuron_on_ = false;
  double last_step_size_ = 0.0, elapsed_time_ = 0.0;
  // Their values at previous_x_: a full-batch pause there takes them back too.
  double previous_step_size_ = 0.0, previous_elapsed_time_ = 0.0;
  TrainingState state_ = TrainingState::running;
  Error message_;
};

// One JSON object on one line (the CLI's output format, also returned to the page).
std::string to_json(const LogRecord& record);

// The network over the input plane window = {x0, x1, y0, y1} on an n x n grid (rows from y1
// down, columns from x0; for 1-D data n points from x0 to x1), the raw points mapped through
// the scenario's input features: the output (with the neuron when on, d_y values per point),
// then, with `units`, every hidden unit's activation (layer by layer, unit by unit, all points
// each). n from 2 to kMaxFieldSide, else an error naming "n".
inline constexpr int kMaxFieldSide = 400;
Result<std::vector<double>> input_plane_field(const Training& training, int n, std::array<double, 4> window,
                                              bool units);

// The scenario `json_text` (the one `training` was created from) continued from where the
// training is: model.init holds the network's exact float64 parameters, the added neuron's
// (a, b, W) follow once it is on (switched on from the start), steps are those left and the
// description says so. `landscape run` on it reproduces the rest of a full-batch, stateless
// optimizer's run (gd, newton, saddle-free Newton, Armijo) to the bit; momentum's and Adam's
// accumulated state and the mini-batch order restart.
Result<std::string> checkpoint_scenario(const std::string& json_text, const Training& training);

} // namespace landscape
