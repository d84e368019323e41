#include "apps/catalog.hpp"

#include "apps/playground.hpp"

#include "curvature/curvature.hpp"
#include "input/json_text.hpp"
#include "input/messages.hpp"
#include "input/scenario.hpp"
#include "input/text.hpp"
#include "model/data.hpp"
#include "model/surfaces.hpp"
#include "training/optimizer.hpp"
#include "training/training_requests.hpp"

#include <nlohmann/json.hpp>

namespace landscape {

namespace {
using ordered_json = nlohmann::ordered_json;

// The default of one optimizer field: what the parser fills in when the field is absent.
ordered_json optimizer_default(const OptimizerSpec& d, const std::string& field) {
  if (field == "learning_rate") return d.learning_rate;
  if (field == "max_learning_rate") return d.max_learning_rate;
  if (field == "momentum") return d.momentum;
  if (field == "beta1") return d.beta1;
  if (field == "beta2") return d.beta2;
  if (field == "epsilon") return d.epsilon;
  if (field == "damping") return d.damping;
  if (field == "noise_radius") return d.noise_radius;
  if (field == "gradient_threshold") return d.gradient_threshold;
  if (field == "perturbation_interval") return d.perturbation_interval;
  return nullptr;
}

ordered_json matrix_block(Eigen::Index offset, Eigen::Index rows, Eigen::Index cols) {
  return {{"offset", offset}, {"rows", rows}, {"cols", cols}};
}
ordered_json vector_block(Eigen::Index offset, Eigen::Index size) {
  return {{"offset", offset}, {"size", size}};
}
} // namespace

std::string catalog_json() {
  ordered_json j;
  ordered_json datasets = ordered_json::array();
  for (const DatasetKind& kind : dataset_table()) {
    ordered_json entry = {{"name", kind.name},
                          {"problem", kind.classification ? "classification" : "regression"},
                          {"inputs", kind.inputs}};
    // The sets that also come in more classes (data.classes): the range a page may offer.
    if (kind.max_classes > 2) entry["classes"] = {2, kind.max_classes};
    datasets.push_back(entry);
  }
  j["datasets"] = datasets;
  j["features"] = feature_names();
  j["activations"] = activation_names();
  j["losses"] = loss_names();
  j["regularizations"] = regularization_kinds();
  j["inits"] = init_kinds();
  const OptimizerSpec defaults;
  ordered_json optimizers = ordered_json::array();
  for (const OptimizerKind& kind : optimizer_table()) {
    ordered_json fields = ordered_json::object();
    for (const std::string& field : kind.fields) fields[field] = optimizer_default(defaults, field);
    ordered_json entry = {{"name", kind.name},
                          {"label", kind.label},
                          {"full_batch", kind.full_batch},
                          {"hessian", kind.hessian},
                          {"defaults", fields}};
    // sgd has no default batch: 0 would mean the full batch, which is gd.
    entry["required"] = kind.name == "sgd" ? ordered_json::array({"batch_size"}) : ordered_json::array();
    optimizers.push_back(entry);
  }
  j["optimizers"] = optimizers;
  j["optimizer_common"] = {{"batch_size", defaults.batch_size}, {"shuffle", defaults.shuffle}};
  ordered_json surfaces = ordered_json::array();
  for (const std::string& name : surface_names()) {
    auto surface = make_surface(name);
    if (!surface) continue;
    ordered_json info = ordered_json::parse(surface_info_json(**surface));
    info.erase("critical_points");
    surfaces.push_back(info);
  }
  j["surfaces"] = surfaces;
  j["limits"] = {{"layers", kMaxLayers},
                 {"units", kMaxUnits},
                 {"inputs", kMaxInputs},
                 {"points", kMaxPoints},
                 {"parameters", kMaxParameters},
                 {"steps", kMaxSteps},
                 {"regularization_rate", kMaxRegularizationRate},
                 {"dense_hessian_parameters", kMaxDenseHessianParameters},
                 {"path_steps", kMaxPathSteps},
                 {"grid_side", kMaxGridSide},
                 {"variants", kMaxVariants},
                 {"critical_point_searches", kMaxCriticalPointSearches}};
  // The curvature panel's policy (core/training/training_requests.hpp): the page asks curvature() and
  // shows what the core chose; these say it in the page's words.
  j["curvature_panel"] = {{"dense_parameters", kPanelDenseParameters},
                          {"dense_while_training", kPanelDenseWhileTraining},
                          {"lanczos_steps", kPanelLanczosSteps}};
  // The playground's own limits and default settings (core/apps/playground.hpp).
  j["playground"] = ordered_json::parse(playground_catalog_json());
  const ClassificationTolerances tolerances;
  j["tolerances"] = {{"critical_gradient", tolerances.gradient},
                     {"zero_eigenvalue", tolerances.zero},
                     {"global_minimum", kGlobalMinimumTolerance}};
  // What every JSON text read must keep to (core/input/json_text.hpp), and the characters a message
  // writes escaped (core/input/text.hpp): the pages escape the same ones in their own messages.
  j["json"] = {{"max_depth", kMaxJsonDepth}, {"max_bytes", kMaxJsonBytes}};
  ordered_json escaped = ordered_json::array();
  for (const auto& [first, last] : escaped_characters())
    escaped.push_back({std::uint32_t(first), std::uint32_t(last)});
  j["escaped_characters"] = escaped;
  // Every refusal code with its English template (core/input/messages.hpp): a page writes a refusal
  // {field, code, args} from these, word for word the core's message (web/src/kit/messages.js).
  ordered_json messages = ordered_json::object();
  for (const MessageCode& entry : message_codes()) messages[entry.code] = entry.english;
  j["messages"] = messages;
  return j.dump();
}

std::string parameter_layout_json(const NetworkSpec& network, bool neuron_on) {
  ordered_json layers = ordered_json::array();
  Eigen::Index offset = 0, fan_in = network.inputs;
  for (const LayerSpec& layer : network.layers) {
    ordered_json entry;
    entry["W"] = matrix_block(offset, layer.units, fan_in);
    offset += Eigen::Index(layer.units) * fan_in;
    if (layer.bias) {
      entry["b"] = vector_block(offset, layer.units);
      offset += layer.units;
    } else {
      entry["b"] = nullptr;
    }
    layers.push_back(entry);
    fan_in = layer.units;
  }
  ordered_json j;
  j["layers"] = layers;
  if (neuron_on) {
    const Eigen::Index dy = network.outputs(), dx = network.inputs;
    j["neuron"] = {{"a", vector_block(offset, dy)},
                   {"b", vector_block(offset + dy, dy)},
                   {"W", matrix_block(offset + 2 * dy, dy, dx)}};
    offset += dy * (2 + dx);
  } else {
    j["neuron"] = nullptr;
  }
  j["size"] = offset;
  return j.dump();
}

} // namespace landscape
