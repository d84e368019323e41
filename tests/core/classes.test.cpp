// Several classes: the spiral and the Gaussians in k = 3..5 classes (labels 0..k-1), class
// labels of inline data checked before one_hot() sees them, softmax cross-entropy over k
// outputs trained and differentiated, and two classes left exactly as they were.
#include "input/scenario.hpp"
#include "model/data.hpp"
#include "numerics/random.hpp"
#include "test_support.hpp"
#include "training/training.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

using namespace landscape;
using namespace landscape::testing;

namespace {

// FNV-1a over the bytes of every entry: a fingerprint of a data set, bit for bit.
std::uint64_t fingerprint(std::uint64_t hash, const Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const double v = m(i, j);
      unsigned char bytes[8];
      std::memcpy(bytes, &v, 8);
      for (unsigned char b : bytes) hash = (hash ^ b) * 1099511628211ULL;
    }
  return hash;
}

DataSpec generated(const std::string& kind, int classes, int points = 61, double noise = 0.0) {
  DataSpec spec;
  spec.kind = kind;
  spec.classes = classes;
  spec.points = points;
  spec.noise = noise;
  return spec;
}

std::string error_of(const std::string& text) {
  auto parsed = parse_scenario(text);
  if (!parsed) return parsed.error();
  auto training = Training::create(*parsed);
  return training ? "" : training.error();
}

// A classification scenario on generated data: `data` and `rest` are spliced in.
std::string scenario(const std::string& data, int outputs, const std::string& rest = "") {
  return R"({"seed": 4, "data": {)" + data +
         R"(}, "model": {"inputs": 2, "layers": [{"units": 6}, {"units": )" + std::to_string(outputs) +
         R"(, "activation": "linear"}]})" + rest + "}";
}

} // namespace

TEST_CASE("two classes keep the points and +-1 labels of before, bit for bit") {
  // Fingerprints of the spiral and the Gaussians as generated before several classes existed
  // (61 points, noise 0 and 0.25, seeds 3 and 7, 30 % test points).
  const std::pair<const char*, std::uint64_t> expected[] = {{"spiral", 0x7ca143c4f8fa2f3cULL},
                                                            {"gaussians", 0x84fa3a48ea56d84bULL}};
  for (const auto& [kind, hash] : expected) {
    std::uint64_t h = 1469598103934665603ULL;
    for (double noise : {0.0, 0.25})
      for (std::uint64_t seed : {3u, 7u}) {
        DataSpec spec = generated(kind, 2, 61, noise);
        spec.test_fraction = 0.3;
        const DataSplit split = make_dataset(spec, seed);
        for (const Matrix* m : {&split.train.x, &split.train.y, &split.test.x, &split.test.y})
          h = fingerprint(h, *m);
      }
    INFO(kind);
    CHECK(h == hash);
  }
  // "classes": 2 is the default, and means the same data.
  const auto with = parse_scenario(scenario(R"("kind": "spiral", "classes": 2)", 1));
  const auto without = parse_scenario(scenario(R"("kind": "spiral")", 1));
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  CHECK(scenario_dataset(*with).x == scenario_dataset(*without).x);
  CHECK(scenario_dataset(*with).y == scenario_dataset(*without).y);
}

TEST_CASE("k classes: labels 0..k-1, classes as even as the points allow, deterministic") {
  for (const char* kind : {"spiral", "gaussians"})
    for (int k = 3; k <= kMaxClasses; ++k) {
      INFO(kind << ", " << k << " classes");
      const DataSpec spec = generated(kind, k, 61, 0.1);
      const Dataset a = make_dataset(spec, 3).train, b = make_dataset(spec, 3).train,
                    c = make_dataset(spec, 4).train;
      REQUIRE(a.size() == 61);
      CHECK(a.x == b.x);
      CHECK(a.y == b.y);
      CHECK(a.x != c.x);
      CHECK(a.x.allFinite());
      std::vector<int> counts(std::size_t(k), 0);
      for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double label = a.y(i, 0);
        REQUIRE(label == std::floor(label));
        REQUIRE(label >= 0);
        REQUIRE(label < k);
        ++counts[std::size_t(label)];
      }
      for (int count : counts) CHECK((count == 61 / k || count == 61 / k + 1));
    }
}

TEST_CASE("k Gaussian blobs are evenly spaced around the origin, and k spiral arms start at the origin") {
  for (int k = 3; k <= kMaxClasses; ++k) {
    INFO(k << " classes");
    const Dataset d = make_dataset(generated("gaussians", k, 2000), 11).train;
    for (int c = 0; c < k; ++c) {
      Eigen::Vector2d sum = Eigen::Vector2d::Zero();
      int n = 0;
      for (Eigen::Index i = 0; i < d.size(); ++i)
        if (d.y(i, 0) == c) sum += d.x.row(i).transpose(), ++n;
      const double angle = 3.14159265358979323846 / 4 + 2 * 3.14159265358979323846 * c / k;
      // The mean of 2000/k draws of spread 0.5 lies within 0.1 of the centre.
      CHECK((sum / n - 2 * std::sqrt(2.0) * Eigen::Vector2d(std::cos(angle), std::sin(angle))).norm() < 0.1);
    }
    // Without noise the spiral's points lie on radii 0 to 5.
    const Dataset s = make_dataset(generated("spiral", k, 300), 11).train;
    CHECK(s.x.rowwise().norm().maxCoeff() <= 5.0);
    CHECK(s.x.rowwise().norm().minCoeff() == 0.0);
  }
}

TEST_CASE("classes: only spiral and gaussians, 2 to 5, cross_entropy over k outputs") {
  const std::pair<std::string, std::string> cases[] = {
      {scenario(R"("kind": "spiral", "classes": 6)", 6, R"(, "loss": "cross_entropy")"),
       "data.classes: must be an integer from 2 to 5 (got 6)"},
      {scenario(R"("kind": "spiral", "classes": 1)", 1),
       "data.classes: must be an integer from 2 to 5 (got 1)"},
      {scenario(R"("kind": "gaussians", "classes": 2.5)", 1), "data.classes: must be an integer"},
      {scenario(R"("kind": "circle", "classes": 3)", 3, R"(, "loss": "cross_entropy")"),
       "data.classes: only spiral and gaussians come in more than 2 classes (kind is 'circle')"},
      {R"({"data": {"kind": "inline", "x": [[1]], "y": [[1]], "classes": 3}, "model": {"inputs": 1, "layers": [{"units": 1}]}})",
       "data.classes: only spiral and gaussians come in more than 2 classes (kind is 'inline')"},
      {scenario(R"("kind": "spiral", "classes": 3)", 1),
       "loss: 3 classes need cross_entropy (softmax over 3 output units); squared losses fit labels +-1, 2 "
       "classes only"},
      {scenario(R"("kind": "spiral", "classes": 3)", 3, R"(, "loss": "half_squared")"),
       "loss: 3 classes need cross_entropy"},
      {scenario(R"("kind": "gaussians", "classes": 4)", 3, R"(, "loss": "cross_entropy")"),
       "model.layers: 4 classes need an output layer of 4 units (one logit per class), not 3"},
      {scenario(R"("kind": "spiral")", 3, R"(, "loss": "cross_entropy")"),
       "model.layers: 2 classes need an output layer of 2 units (one logit per class), not 3"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK_THAT(error_of(text), Catch::StartsWith(expected));
  }
  CHECK(error_of(scenario(R"("kind": "spiral", "classes": 5)", 5, R"(, "loss": "cross_entropy")")) == "");
  CHECK(error_of(scenario(R"("kind": "gaussians", "classes": 2)", 2, R"(, "loss": "cross_entropy")")) == "");
}

TEST_CASE("inline class labels for cross_entropy: whole numbers from 0 to k-1, refused naming the row") {
  // 13 points of two columns; row 12's label is replaced.
  const auto inline_data = [](const std::string& last_label, int outputs, const std::string& test = "") {
    std::string x = "[", y = "[";
    for (int i = 0; i < 13; ++i) {
      x += (i ? ", [" : "[") + std::to_string(i % 5) + ", " + std::to_string(i % 3) + "]";
      y += (i ? ", " : "") + (i == 12 ? last_label : std::to_string(i % outputs));
    }
    return R"({"data": {"kind": "inline", "x": )" + x + "], \"y\": " + y + "]" + test +
           R"(}, "model": {"inputs": 2, "layers": [{"units": )" + std::to_string(outputs) +
           R"(, "activation": "linear"}]}, "loss": "cross_entropy"})";
  };
  const std::tuple<std::string, int, std::string> cases[] = {
      {"1e300", 3, "data.y[12]: class labels must be whole numbers from 0 to 2 (got 1e+300)"},
      {"-1e300", 3, "data.y[12]: class labels must be whole numbers from 0 to 2 (got -1e+300)"},
      {"0.5", 3, "data.y[12]: class labels must be whole numbers from 0 to 2 (got 0.5)"},
      {"3", 3, "data.y[12]: class labels must be whole numbers from 0 to 2 (got 3)"},
      {"-1", 3, "data.y[12]: class labels must be whole numbers from 0 to 2 (got -1)"},
      {"2", 2, "data.y[12]: class labels must be -1 or 1, or whole numbers from 0 to 1 (got 2)"},
      {"4", 5, "data.test_y[1]: class labels must be whole numbers from 0 to 4 (got 7)"},
  };
  for (const auto& [label, outputs, expected] : cases) {
    const std::string text = inline_data(
        label, outputs, outputs == 5 ? R"(, "test_x": [[0, 0], [1, 1]], "test_y": [[4], [7]])" : "");
    INFO(text);
    CHECK(error_of(text) == expected);
  }
  // Accepted: 0..k-1; with two outputs also the +-1 convention.
  CHECK(error_of(inline_data("2", 3)) == "");
  CHECK(error_of(inline_data("-1", 2)) == "");
  CHECK(error_of(inline_data("1", 2)) == "");
  // Non-finite numbers never get this far: the JSON reader refuses them.
  CHECK_THAT(error_of(inline_data("NaN", 3)), Catch::StartsWith("scenario: invalid JSON"));
}

TEST_CASE("one_hot never converts an out-of-range double, and labels map to their classes") {
  Matrix labels(7, 1);
  labels << 0, 1, 2, 1e300, -1e300, std::numeric_limits<double>::quiet_NaN(), 2.5;
  const Matrix hot = one_hot(labels, 3);
  const int expected[] = {0, 1, 2, 2, 0, 0, 2};
  for (Eigen::Index i = 0; i < 7; ++i) {
    INFO("row " << i);
    Eigen::Index column = 0;
    CHECK(hot.row(i).maxCoeff(&column) == 1.0);
    CHECK(hot.row(i).sum() == 1.0);
    CHECK(column == expected[i]);
  }
  Matrix pm(3, 1);
  pm << -1, 1, 0;
  CHECK(one_hot(pm, 2) == (Matrix(3, 2) << 1, 0, 0, 1, 1, 0).finished());
}

TEST_CASE("a 3-class spiral trained with Adam and cross-entropy: training accuracy above 0.9") {
  auto s = parse_scenario(R"json({"seed": 3,
    "data": {"kind": "spiral", "classes": 3, "points": 300, "noise": 0.1, "seed": 5,
             "features": ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]},
    "model": {"inputs": 7, "layers": [{"units": 12}, {"units": 12}, {"units": 3, "activation": "linear"}],
              "init": {"kind": "uniform", "scale": 0.5, "bias": 0.1}},
    "loss": "cross_entropy", "optimizer": {"kind": "adam", "learning_rate": 0.01, "batch_size": 30},
    "steps": 6000, "log_every": 6000, "log_detail": "summary"})json");
  REQUIRE(s.ok());
  CHECK(s->problem == Problem::classification);
  auto training = Training::create(*s);
  REQUIRE(training.ok());
  const double before = (*training)->current(false).accuracy;
  const std::vector<LogRecord> records = (*training)->advance(6000);
  REQUIRE(!records.empty());
  INFO("accuracy " << before << " -> " << records.back().accuracy << ", loss " << records.back().loss);
  CHECK(before < 0.5);
  CHECK(records.back().accuracy > 0.9);
  // Accuracy is the share of points whose largest logit is their class (the one-hot target's 1).
  const Training& t = **training;
  const Matrix logits = t.objective().predict(t.parameters(), t.data().x);
  const Matrix raw_labels = make_dataset(s->data, *s->data.seed).train.y;
  int right = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    Eigen::Index winner = 0;
    logits.row(i).maxCoeff(&winner);
    right += double(winner) == raw_labels(i, 0);
  }
  CHECK(records.back().accuracy == double(right) / double(logits.rows()));
}

TEST_CASE("3-output cross-entropy with the added neuron: gradient and Hessian-vector product match finite "
          "differences") {
  auto s = parse_scenario(scenario(R"("kind": "spiral", "classes": 3, "points": 24, "noise": 0.2)", 3,
                                   R"(, "loss": "cross_entropy")"));
  REQUIRE(s.ok());
  // The inputs are scaled down so the neuron's exp(w.x + b) stays moderate at random w.
  Dataset data = scenario_dataset(*s);
  data.x *= 0.3;
  REQUIRE(data.y.cols() == 3);
  const NetworkObjective f(s->network, LossKind::cross_entropy, data, AddedNeuronSpec{true, 0.07});
  REQUIRE(f.dimension() == f.network_parameter_count() + 3 * (2 + 2));
  Random rng(17);
  for (int trial = 0; trial < 3; ++trial) {
    Vector x(f.dimension()), v(f.dimension());
    for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = rng.normal(0.0, 0.7), v[i] = rng.normal();
    Vector gradient, hv;
    f.value_and_gradient(x, gradient);
    f.hessian_vector(x, v, hv);
    INFO("trial " << trial);
    CHECK(relative_error(gradient, finite_difference_gradient(f, x)) < 1e-6);
    CHECK(relative_error(hv, finite_difference_hessian_vector(f, x, v)) < 1e-6);
  }
}
