// The scenario's "view" section (core/input/view_scenario.cpp) and the LandscapeView that the CLI and
// the wasm binding both run (core/landscape/landscape_view.cpp): bad fields are refused by name, and the
// view's numbers are those of core/landscape/landscape.hpp's functions called directly.
#include "landscape/landscape_view.hpp"
#include "input/scenario.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace landscape;
using nlohmann::json;

namespace {
json small_network() {
  return json::parse(R"({"name": "small", "seed": 3, "data": {"kind": "moons", "points": 30, "seed": 5},
    "model": {"inputs": 2, "layers": [{"units": 4, "activation": "tanh"}, {"units": 1, "activation": "tanh"}]},
    "loss": "half_squared", "optimizer": {"kind": "gd", "learning_rate": 0.2}, "steps": 60, "log_every": 10,
    "compare": [{"name": "a", "patch": {"seed": 1}}, {"name": "b", "patch": {"seed": 2}}]})");
}
std::string error_of(const json& document) {
  auto parsed = parse_scenario(document.dump());
  return parsed ? "" : parsed.error();
}
std::unique_ptr<LandscapeView> make_view(const json& document) {
  auto view = LandscapeView::create(document.dump());
  REQUIRE(view);
  return std::move(*view);
}
std::unique_ptr<Training> trained(const json& document) {
  auto scenario = parse_scenario(document.dump());
  REQUIRE(scenario);
  auto training = Training::create(std::move(*scenario));
  REQUIRE(training);
  while ((*training)->state() == TrainingState::running) (*training)->advance(1000);
  return std::move(*training);
}
} // namespace

TEST_CASE("the view section is parsed with its defaults") {
  json s = small_network();
  s["view"] = {{"kind", "slice"}};
  auto parsed = parse_scenario(s.dump());
  REQUIRE(parsed);
  REQUIRE(parsed->view);
  CHECK(parsed->view->directions == "filter");
  CHECK(parsed->view->resolution == 41);
  CHECK(parsed->view->range == 1.0);
  CHECK_FALSE(parsed->view->convexity);
}

TEST_CASE("the view section refuses bad fields and names them") {
  json s = small_network();
  auto with = [&](const json& view) {
    json copy = s;
    copy["view"] = view;
    return error_of(copy);
  };
  CHECK(with(json::parse(R"({"kind": "slice", "curve": "bezier"})"))
            .rfind("view.curve: unknown field (known: kind, seed, directions, resolution, range, convexity)",
                   0) == 0);
  CHECK(with(json::parse(R"({"kind": "slices"})")).rfind("view.kind: unknown kind 'slices'", 0) == 0);
  CHECK(with(json::parse(R"({"directions": "filter"})")).rfind("view.kind: missing", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "slice", "resolution": 1})"))
            .rfind("view.resolution: must be an integer from 2 to 201 (got 1)", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "slice", "range": -1})")) ==
        "view.range: must be > 0 and <= 100 (got -1)");
  CHECK(with(json::parse(R"({"kind": "slice", "directions": "eigen"})"))
            .rfind("view.directions: unknown kind 'eigen'", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "slice", "convexity": {"steps": 3}})"))
            .rfind("view.convexity.steps: unknown field (known: resolution, lanczos_steps)", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "connect", "between": ["a", "c"]})")) ==
        "view.between[1]: no compare variant named 'c' (known: a, b)");
  CHECK(with(json::parse(R"({"kind": "connect"})")).rfind("view.between: missing", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "connect", "between": ["a", "a"]})")) ==
        "view.between: must name two different variants");
  CHECK(with(json::parse(R"({"kind": "sharpness", "between": ["a", "b"], "rescale": {"alphas": [0]}})")) ==
        "view.rescale.alphas[0]: must be a number > 0 and <= 1000");
  CHECK(with(json::parse(R"({"kind": "interpolate", "range": [1, 0]})"))
            .rfind("view.range: must be [t0, t1]", 0) == 0);
  CHECK(with(json::parse(R"({"kind": "interpolate", "steps": 10})"))
            .rfind("view.steps: unknown field (known: kind, seed, between, points, range)", 0) == 0);
  CHECK(with(json("slice")).rfind("view: must be an object", 0) == 0);
  // A variant is one run: the view is the scenario's, and a variant's text has none.
  json v = s;
  v["view"] = json::parse(R"({"kind": "connect", "between": ["a", "b"]})");
  auto variant = scenario_variant(v.dump(), "a");
  REQUIRE(variant);
  CHECK_FALSE(json::parse(*variant).contains("view"));
  // A rescaling of a tanh layer is refused when the view is made, naming the field.
  v["view"] =
      json::parse(R"({"kind": "sharpness", "between": ["a", "b"], "rescale": {"layer": 0, "alphas": [2]}})");
  auto refused = LandscapeView::create(v.dump());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().rfind("view.rescale.layer: ", 0) == 0);
}

TEST_CASE("a slice view computes the core's filter-normalised slice, in any split of its rows") {
  json s = small_network();
  s["view"] =
      json::parse(R"({"kind": "slice", "directions": "filter", "resolution": 9, "range": 0.5, "seed": 4})");
  auto view = make_view(s);
  while (true) {
    auto done = view->train(7); // an odd chunk: the result must not depend on it
    REQUIRE(done);
    if (*done) break;
  }
  REQUIRE(view->fill_rows(0, 3));
  REQUIRE(view->fill_rows(3, 9));
  auto t = trained(s);
  const Plane plane = filter_normalized_plane(t->objective(), t->parameters(), 4);
  const Matrix expected = slice(t->objective(), plane, SliceGrid{9, 9, -0.5, 0.5, -0.5, 0.5});
  CHECK((view->values().array() == expected.array()).all());
  auto out = view->result_json();
  REQUIRE(out);
  const json j = json::parse(*out);
  CHECK(j["loss"][4][4].get<double>() == t->objective().value(t->parameters()));
  CHECK(j["alphas"].size() == 9);
}

TEST_CASE("a pca slice projects the recorded trajectory, ending at the origin") {
  json s = small_network();
  s["view"] = json::parse(R"({"kind": "slice", "directions": "pca", "resolution": 5})");
  auto view = make_view(s);
  REQUIRE(view->result_json());
  const json j = json::parse(*view->result_json());
  REQUIRE(j["path"].size() == 60 / 10 + 1);
  CHECK(j["path"].back()[0].get<double>() == 0.0);
  CHECK(j["explained"][0].get<double>() > 0.5);
  // The same PCA as the core's over the parameters every log_every steps.
  auto scenario = parse_scenario(s.dump());
  auto training = std::move(*Training::create(std::move(*scenario)));
  std::vector<Vector> points{training->parameters()};
  while (training->state() == TrainingState::running) {
    training->advance(10);
    points.push_back(training->parameters());
  }
  auto pca = trajectory_pca(points);
  REQUIRE(pca);
  CHECK(j["explained"][0].get<double>() == pca->explained1);
  CHECK(j["path"][0][1].get<double>() == pca->coordinates(0, 1));
}

TEST_CASE("interpolate, connect and sharpness views compute the core's numbers") {
  json s = small_network();
  auto ta = trained(json::parse(*scenario_variant(s.dump(), "a")));
  auto tb = trained(json::parse(*scenario_variant(s.dump(), "b")));
  const NetworkObjective& f = ta->objective();

  s["view"] = json::parse(R"({"kind": "interpolate", "between": ["a", "b"], "points": 11})");
  json j = json::parse(*make_view(s)->result_json());
  const LineSlice line = interpolate(f, ta->parameters(), tb->parameters(), 11);
  CHECK(j["line"]["loss"][7].get<double>() == line.loss[7]);

  s["view"] =
      json::parse(R"({"kind": "connect", "between": ["a", "b"], "steps": 30, "points": 7, "seed": 2})");
  j = json::parse(*make_view(s)->result_json());
  CurveTrainingOptions options;
  options.seed = 2;
  CurveTrainer trainer(f, ta->parameters(), tb->parameters(), options);
  trainer.step(30);
  const LineSlice curve = trainer.losses(7);
  for (int i = 0; i < 7; ++i) CHECK(j["curve_line"]["loss"][i].get<double>() == curve.loss[i]);
  CHECK(j["straight"]["loss"][3].get<double>() ==
        interpolate(f, ta->parameters(), tb->parameters(), 7, 0, 1).loss[3]);

  // A relu copy for the rescaling: function and loss unchanged, sharpness changed.
  json r = s;
  r["model"]["layers"][0]["activation"] = "relu";
  r["view"] = json::parse(
      R"({"kind": "sharpness", "between": ["a", "b"], "rescale": {"layer": 0, "alphas": [1, 3]}})");
  j = json::parse(*make_view(r)->result_json());
  auto ra = trained(json::parse(*scenario_variant(r.dump(), "a")));
  CHECK(j["runs"][0]["sharpness"].get<double>() == sharpness(ra->objective(), ra->parameters()).largest);
  CHECK(j["rescaled"][0]["sharpness"][0].get<double>() == j["runs"][0]["sharpness"].get<double>());
  CHECK(j["rescaled"][1]["max_output_change"].get<double>() < 1e-12);
  CHECK(std::abs(j["rescaled"][1]["loss"][0].get<double>() - j["runs"][0]["loss"].get<double>()) < 1e-12);
  CHECK(std::abs(j["rescaled"][1]["sharpness"][0].get<double>() - j["runs"][0]["sharpness"].get<double>()) >
        1e-3);
  for (int i = 0; i < 41; ++i)
    CHECK(std::abs(j["rescaled"][1]["filter"][i].get<double>() -
                   j["rescaled"][0]["filter"][i].get<double>()) < 1e-10);
}

TEST_CASE("the shipped view scenarios parse and name their kind") {
  for (const char* name : {"landscape-slice", "landscape-slice-skip", "landscape-slice-narrow-deep",
                           "landscape-slice-wide", "connect-minima", "sharp-flat", "interpolation"}) {
    INFO(name);
    auto parsed = parse_scenario(
        testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/" + name + ".json"));
    REQUIRE(parsed);
    CHECK(parsed->view);
  }
}

namespace {
// The live path of a trained slice view, requested `chunk` steps at a time until it is done.
std::vector<json> live_path(LandscapeView& view, long long chunk, bool restart = false) {
  std::vector<json> points;
  for (bool first = true;; first = false) {
    auto out = view.replay(chunk, restart && first);
    REQUIRE(out);
    const json j = json::parse(*out);
    for (const json& p : j["points"]) points.push_back(p);
    if (j["done"].get<bool>()) break;
  }
  return points;
}
} // namespace

TEST_CASE("the live path of a slice: a point every log_every steps, in any split, ending at the origin") {
  json s = small_network();
  s["view"] = json::parse(R"({"kind": "slice", "directions": "filter", "resolution": 5, "seed": 4})");
  auto view = make_view(s);
  CHECK_FALSE(view->replay(10, false)); // not trained yet
  REQUIRE(view->result_json());
  const std::vector<json> path = live_path(*view, 7);
  REQUIRE(path.size() == 60 / 10 + 1);
  CHECK(path.front()[2].get<int>() == 0);
  CHECK(path.back()[2].get<int>() == 60);
  // The run trained again is the slice's run: it ends at the plane's origin exactly.
  CHECK(path.back()[0].get<double>() == 0.0);
  CHECK(path.back()[1].get<double>() == 0.0);
  CHECK(path.back()[4].get<double>() == 0.0);
  auto t = trained(s);
  CHECK(path.back()[3].get<double>() == t->objective().value(t->parameters()));
  // The start projected by the core's rule on the filter-normalised plane.
  auto scenario = parse_scenario(s.dump());
  auto fresh = std::move(*Training::create(std::move(*scenario)));
  const PlaneCoordinates start =
      project_onto_plane(filter_normalized_plane(t->objective(), t->parameters(), 4), fresh->parameters());
  CHECK(path.front()[0].get<double>() == start.alpha);
  CHECK(path.front()[1].get<double>() == start.beta);
  CHECK(path.front()[4].get<double>() == start.distance);
  // Again from the start, in another split: the same bits.
  const std::vector<json> again = live_path(*view, 1000, true);
  REQUIRE(again.size() == path.size());
  for (std::size_t i = 0; i < path.size(); ++i) CHECK(again[i] == path[i]);
}

TEST_CASE("on a pca slice the live path is the recorded path") {
  json s = small_network();
  s["view"] = json::parse(R"({"kind": "slice", "directions": "pca", "resolution": 5})");
  auto view = make_view(s);
  const json j = json::parse(*view->result_json());
  const std::vector<json> path = live_path(*view, 25);
  REQUIRE(path.size() == j["path"].size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    CHECK(std::abs(path[i][0].get<double>() - j["path"][i][0].get<double>()) < 1e-12);
    CHECK(std::abs(path[i][1].get<double>() - j["path"][i][1].get<double>()) < 1e-12);
  }
  CHECK(path.back()[0].get<double>() == 0.0);
}

TEST_CASE("show the landscape here: a slice centred on the current parameters, its centre the current loss") {
  json s = small_network();
  s.erase("compare");
  auto scenario = parse_scenario(s.dump());
  auto training = std::move(*Training::create(std::move(*scenario)));
  training->advance(23); // mid-run, off any logging boundary
  auto here = slice_scenario_here(s.dump(), *training);
  REQUIRE(here);
  auto parsed = parse_scenario(*here);
  REQUIRE(parsed);
  CHECK(parsed->steps == 0);
  REQUIRE(parsed->view);
  CHECK(parsed->view->directions == "filter");
  CHECK(parsed->view->convexity);
  auto view = make_view(json::parse(*here));
  auto done = view->train(1);
  REQUIRE(done);
  CHECK(*done); // nothing to train
  const int middle = view->spec().resolution / 2;
  REQUIRE(view->fill_rows(middle, middle + 1));
  CHECK(view->values()(middle, middle) == training->current(false).loss);
  // Fixed weights have no path: the view says so (the page then greys out "training path"),
  // and principal directions of it are refused naming the field.
  CHECK(json::parse(view->info_json())["has_path"] == false);
  json pca = json::parse(*here);
  pca["view"]["directions"] = "pca";
  auto refused = LandscapeView::create(pca.dump());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().rfind("view.directions: \"pca\" needs a training path", 0) == 0);

  // With the added neuron on: the point includes its parameters, the loss is L~.
  const std::string rescue = testing::read_text(std::string(LANDSCAPE_SOURCE_DIR) + "/scenarios/rescue.json");
  auto with_neuron = std::move(*Training::create(*parse_scenario(rescue)));
  with_neuron->advance(4500);
  REQUIRE(with_neuron->neuron_on());
  auto neuron_here = slice_scenario_here(rescue, *with_neuron);
  REQUIRE(neuron_here);
  auto neuron_view = make_view(json::parse(*neuron_here));
  REQUIRE(neuron_view->train(1));
  REQUIRE(neuron_view->fill_rows(middle, middle + 1));
  CHECK(neuron_view->values()(middle, middle) == with_neuron->current(false).loss);
}

TEST_CASE("a slice above the work limit is refused naming the field and the limit") {
  json s = small_network();
  s.erase("compare");
  s["data"]["points"] = 20000;
  s["model"]["layers"] =
      json::parse(R"([{"units": 64, "activation": "tanh"}, {"units": 64, "activation": "tanh"},
    {"units": 1, "activation": "tanh"}])");
  s["view"] = json::parse(R"({"kind": "slice", "resolution": 41})");
  auto view = LandscapeView::create(s.dump());
  REQUIRE_FALSE(view);
  CHECK(view.error().rfind("view.resolution:", 0) == 0);
  CHECK(view.error().find("kMaxSliceWork") != std::string::npos);
  s["view"]["resolution"] = 11; // 121 points: within the limit
  CHECK(LandscapeView::create(s.dump()));
}

TEST_CASE("an interpolation view reports the end points, the test loss and whether the loss only falls") {
  json s = small_network();
  s.erase("compare");
  s["data"]["test_fraction"] = 0.3;
  s["view"] = json::parse(R"({"kind": "interpolate", "points": 9})");
  const json j = json::parse(*make_view(s)->result_json());
  auto scenario = parse_scenario(s.dump());
  auto start = std::move(*Training::create(*scenario));
  auto t = trained(s);
  const NetworkObjective& f = t->objective();
  const LineSlice line = interpolate(f, start->parameters(), t->parameters(), 9);
  CHECK(j["ends"]["loss"][0].get<double>() == f.value(start->parameters()));
  CHECK(j["ends"]["loss"][1].get<double>() == f.value(t->parameters()));
  CHECK(j["line"]["loss"][2].get<double>() == j["ends"]["loss"][0].get<double>()); // t = 0
  CHECK(j["line"]["loss"][6].get<double>() == j["ends"]["loss"][1].get<double>()); // t = 1
  const NetworkObjective test(t->scenario().network, t->scenario().loss, t->test_data(), f.neuron());
  CHECK(j["ends"]["test_loss"][1].get<double>() == test.data_loss(t->parameters()));
  CHECK(j["line"]["test_loss"][6].get<double>() == test.data_loss(t->parameters()));
  CHECK(j["ends"]["test_loss"][1].get<double>() == t->current(false).test_loss);
  const LineMonotony m = monotony_between(line);
  CHECK(j["monotone"]["decreasing"].get<bool>() == m.decreasing);
  CHECK(j["monotone"]["positions"].get<int>() == 5);
  CHECK(j.contains("test_monotone"));
}
