// Why this file exists: the playground's settings (what its controls and its links hold: the
// data set, noise, test share, layers, learning rate, ...) become the scenario the core trains
// here, in one place, so the page, the exercises (an answer made by clicking in the playground)
// and the CLI build the same network from the same settings. Its defaults are the settings of
// scenarios/playground.json, compiled in: the playground's default network is that file, and a
// test asserts the two agree bit for bit. The playground's own limits (TensorFlow Playground's
// 8 layers of 32 units, 500 points) live here too and reach the page through the catalog.
#pragma once

#include "input/result.hpp"

#include <array>
#include <string>

namespace landscape {

inline constexpr int kPlaygroundMaxLayers = 8;    // hidden layers
inline constexpr int kPlaygroundMaxUnits = 32;    // units per hidden layer
inline constexpr int kPlaygroundPoints = 500;     // generated points, training and test together
inline constexpr double kPlaygroundMaxNoise = 50; // percent
inline constexpr double kPlaygroundMaxTest = 90;  // percent of the points held out
inline constexpr double kPlaygroundMaxLearningRate = 10;
inline constexpr double kPlaygroundMaxRegularization = 10;
inline constexpr double kPlaygroundMaxLambda = 10;
inline constexpr double kPlaygroundMaxStopLoss = 1e6;
// A weight the reader types in (the output bias): beyond it a tanh output is saturated for
// every input and the picture is one colour.
inline constexpr double kPlaygroundMaxEditedWeight = 100;
// The largest CSV text of own points, in bytes: a playground holds a few hundred points (a line
// is about 20 bytes), so 1 MB is far more than any table of them; a page refuses a larger file
// with this limit before reading it (catalog: playground.max_csv_bytes).
inline constexpr long long kPlaygroundMaxCsvBytes = 1000000;
// The windows the playground draws its data in, {x0, x1, y0, y1}: the input plane (x1 and x2
// from -6 to 6: every generated set and every own point lies in it), and for 1-D data the
// curve (x from -3.5 to 3.5, the output from -1.6 to 1.6).
inline constexpr std::array<double, 4> kPlaygroundPlaneWindow = {-6, 6, -6, 6};
inline constexpr std::array<double, 4> kPlaygroundLineWindow = {-3.5, 3.5, -1.6, 1.6};

// The settings of scenarios/playground.json (the defaults of every setting):
// {"data", "classes", "noise", "test", "dseed", "features", "layers", "activation", "problem",
//  "loss", "optimizer", "lr", "batch", "reg", "rate", "init", "seed", "neuron", "lambda",
//  "custom", "ckpt"} (docs/playground.md).
std::string playground_defaults_json();

// The limits above and the defaults, for the page's controls and link validation:
// {"max_layers", "max_units", "points", "max_noise", "max_test", "max_learning_rate",
//  "max_regularization", "max_lambda", "max_stop_loss", "max_edited_weight", "window": {"plane",
//  "line"}, "full_batch_optimizers" (the batch setting does not apply), "defaults"}.
std::string playground_catalog_json();

// The scenario that settings build: {"scenario": {...}, "steps_per_epoch", "train_points",
// "one_d", "classes" (the classes trained: the setting where the data set takes it, in
// classification, else 2), "window" (where the page draws the data: the plane's or the line's),
// "loss" (the loss setting trained: "cross_entropy" for more than two classes)}. A missing setting
// takes its default; a bad one is refused naming the setting ("lr: must be > 0 and <= 10 (got 11)").
// Settings the core does not train on (stop, showTest, discretize: how the page shows the run) are ignored.
Result<std::string> playground_scenario_json(const std::string& settings_json);

// Settings as the page's links and controls give them, read one by one over the defaults:
// request {"entries": [[key, value], ...]} (a repeated key: the last one read). A refused value is
// reported as data naming its setting, {field, code, args} (core/input/messages.hpp), with its
// English ("lr: must be > 0 and <= 10 (got 11)"), and the default kept; own points whose labels
// the classes cannot hold are dropped, named. Reply: {"settings": {every setting, in the
// catalog's order, the view-only ones too}, "refusals": [{field, code, args, message}, ...]}; the
// page words each from the catalog and names the setting by its label. Only a request of the
// wrong shape is an error.
// With "base" (the page's current settings, as a reply gave them), the entries are a reader's
// changes to them, and bring what follows from them: own points are relabelled for a new number
// of classes (two classes' -1/+1 are classes 0/1; a change refused when the points use a class
// the new number has not), and a problem the data set does not serve takes the first set that
// serves it.
Result<std::string> playground_read_settings_json(const std::string& request_json);
// Own points from CSV text: request {"text", "classes"}; lines "x1,x2,label" (commas, semicolons,
// tabs or spaces between; a first line that is not numbers is a header; empty lines and lines
// starting with # are skipped); x1 and x2 in the input plane; labels +1/-1 for two classes (0
// read as -1), whole numbers 0..k-1 for k classes. Reply {"points": [[x1, x2, label], ...]}, or an
// error naming the line ("CSV line 3: expected three numbers x1, x2, label (got \"1,2\")").
Result<std::string> playground_points_csv_json(const std::string& request_json);
// A weight the reader types in (the diagram's output bias, named `name` in the message): a number
// within kPlaygroundMaxEditedWeight of 0, or an error ("output bias: \"abc\" must be a number
// from -100 to 100").
Result<double> playground_edited_weight(const std::string& text, const std::string& name);

// The settings a playground scenario was built from (the inverse of the above), or an error
// naming what the playground cannot show ("model.layers[0].activation: ...").
Result<std::string> playground_settings_json(const std::string& scenario_json);

// The playground's link text that starts it on the network the scenario `scenario_json` trains
// (a URL query, "data=custom&optimizer=adam&batch=20&custom=0.446:0.227:1;..."): the settings
// the scenario makes (playground_settings_json()) that differ from the defaults, in the links'
// order, each in the text form the page's link reader reads (web/src/playground/url-state.js:
// numbers in decimal, flags 1/0, lists comma-separated, own points x1:x2:label separated by ';',
// weights as float64 in base64url). A full batch (batch_size 0) of an optimizer that takes
// batches is a batch of all the training points: the playground would otherwise take its
// default batch. Errors name what the playground cannot show, as playground_settings_json()'s.
Result<std::string> playground_link_state(const std::string& scenario_json);

} // namespace landscape
