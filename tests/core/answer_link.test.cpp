// A handed-in link read by the core (core/apps/answer_link.hpp), the one path to a link's verdict
// for the student's page, the teacher's page and `landscape check-link`: docs/classroom.md's link
// form with its commas, percent-encoding and '+', refusals naming the parameter, and for the
// links of tests/fixtures/reproducers/answers a refusal or the right verdict.
#include "apps/answer_link.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

using namespace landscape;
using nlohmann::json;

namespace {

Exercise load(const std::string& name) {
  const std::string text = testing::read_source("scenarios/exercises/" + name + ".json");
  auto exercise = parse_exercise(
      text, testing::read_source("scenarios/" + json::parse(text)["scenario"].get<std::string>() + ".json"));
  if (!exercise) FAIL(exercise.error());
  return *exercise;
}

std::vector<std::string> lines(const std::string& file) {
  std::istringstream in(testing::read_source("tests/fixtures/reproducers/answers/" + file));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

} // namespace

TEST_CASE("a link is read as the browser reads its fragment: the documented form with commas "
          "(docs/classroom.md), %XX, '+'") {
  const AnswerLink readme = read_answer_link(lines("link-readme-form-with-commas.txt").at(0));
  CHECK(readme.error.empty());
  CHECK(readme.exercise == "newton-saddle");
  CHECK(json::parse(readme.answer_json) ==
        json::parse(R"({"exercise": "newton-saddle", "patch": {"start": [0.3, 0.3]}, "note": "saddle"})"));
  const AnswerLink encoded =
      read_answer_link("  "
                       "https://school.example/lab/"
                       "exercises.html#exercise=newton-saddle&theme=dark&answer=%7B%22start%22%3A%5B0.3"
                       "%2C0.3%5D%7D&note=near+the+origin+%26+it+works\n");
  CHECK(encoded.error.empty());
  CHECK(json::parse(encoded.answer_json)["note"] == "near the origin & it works");
  CHECK(encoded.options.at("theme") == "dark");
  CHECK(read_answer_link("#exercise=monkey-flat").answer_json ==
        R"({"exercise":"monkey-flat","note":"","patch":{}})");
}

TEST_CASE("a link that cannot be read says why, naming the parameter") {
  CHECK(read_answer_link("not a link").error ==
        "link: not a link to an exercise: \"not a link\" (no #exercise=... in it)");
  CHECK(read_answer_link("Anna: https://x.example/#exercise=a").error ==
        "link: not a link to an exercise: \"Anna: https://x.example/#exercise=a\" (no #exercise=... in it)");
  CHECK(read_answer_link("https://x.example/#answer=1").error ==
        "exercise: the link names no exercise (no #exercise=... in it)");
  CHECK_THAT(read_answer_link("https://x.example/#exercise=%3Cimg%3E").error,
             Catch::StartsWith("exercise: \"<img>\" is not an exercise name"));
  const AnswerLink syntax = read_answer_link("https://x.example/#exercise=a&answer=%7Bstart");
  CHECK(syntax.exercise == "a"); // the page still opens the exercise, and says what was refused
  CHECK_THAT(syntax.error, Catch::StartsWith("answer: invalid JSON near byte"));
  CHECK_THAT(read_answer_link("https://x.example/#exercise=a&answer=5").error,
             Catch::StartsWith("answer: the link's answer must be an object of fields"));
  CHECK_THAT(read_answer_link("https://x.example/#exercise=a&answer=" + std::string(70000, '1')).error,
             Catch::StartsWith("answer: larger than 64 kB"));
  CHECK_THAT(read_answer_link("https://x.example/#exercise=a&note=" + std::string(3000, 'x')).error,
             Catch::StartsWith("note: longer than 2000 bytes"));
  CHECK_THAT(read_answer_link(std::string(9 << 20, 'h')).error, Catch::StartsWith("link: longer than 8 MB"));
  // Below that, each parameter on its own: a 100 kB answer beside 100 kB options is the answer
  // refused, and the options kept for the page to judge (and name).
  const std::string big(100000, 'A');
  const AnswerLink each =
      read_answer_link("https://x.example/#exercise=newton-saddle&answer=" + big + "&theme=" + big);
  CHECK(each.exercise == "newton-saddle");
  CHECK_THAT(each.error, Catch::StartsWith("answer: larger than 64 kB"));
  CHECK(each.options.at("theme") == big);
  // 1e400 is refused as the link's text is read: it never becomes Infinity, then null, then a deletion.
  CHECK(read_answer_link(lines("links-null-and-1e400.txt").at(0)).error ==
        "answer.patch.added_neuron.lambda: 1e400 is not a finite number (numbers must lie within about "
        "+-1.8e308)");
}

TEST_CASE("every reproducer link gives a refusal naming the field, or the right verdict") {
  const Exercise rescue = load("rescue-lambda"), newton = load("newton-saddle"), monkey = load("monkey-flat"),
                 spiral = load("spiral-fewest");
  const auto nulls = lines("links-null-and-1e400.txt");
  REQUIRE(nulls.size() == 3);
  CHECK_THAT(check_answer_link(rescue, nulls[0]).error(),
             Catch::StartsWith("answer.patch.added_neuron.lambda: 1e400"));
  CHECK_THAT(check_answer_link(newton, nulls[1]).error(),
             Catch::StartsWith("answer.patch.start: null is not a value"));
  CHECK_THAT(check_answer_link(monkey, nulls[2]).error(),
             Catch::StartsWith("answer.patch.start: null is not a value"));
  const auto budget = lines("links-one-over-the-budget.txt");
  REQUIRE(budget.size() == 4);
  for (std::size_t i : {0u, 2u, 3u}) {
    auto verdict = check_answer_link(newton, budget[i]);
    REQUIRE(verdict);
    CHECK(json::parse(*verdict)["passed"] == true);
  }
  auto heavy = check_answer_link(spiral, budget[1]);
  REQUIRE_FALSE(heavy);
  CHECK_THAT(heavy.error(), Catch::StartsWith("answer.patch: 3,000 newton steps of a 2-30-30-30-1 network"));
  CHECK_THAT(heavy.error(), Catch::Contains("more than the 4e+09 one check may take"));
  auto readme = check_answer_link(newton, lines("link-readme-form-with-commas.txt").at(0));
  REQUIRE(readme);
  CHECK(json::parse(*readme)["passed"] == true);
  CHECK(json::parse(*readme)["note"] == "saddle");
  // A link for another exercise is refused, naming it.
  CHECK_THAT(check_answer_link(monkey, budget[0]).error(),
             Catch::StartsWith(
                 "answer.exercise: this answer is for the exercise 'newton-saddle', not 'monkey-flat'"));
}

TEST_CASE("a link is written as URLSearchParams writes it, and read back with the student's name and class") {
  const std::string answer =
      R"({"exercise": "newton-saddle", "patch": {"start": [0.3, 0.3]}, "note": "a & b", "class": "PHY-101",
          "name": "Anna Müller", "instance": 12345})";
  auto link = write_answer_link("https://school.example/lab/exercises.html", answer, R"({"theme": "dark"})");
  REQUIRE(link);
  CHECK(*link ==
        "https://school.example/lab/exercises.html#exercise=newton-saddle&theme=dark&class=PHY-101&"
        "instance=12345&name=Anna+M%C3%BCller&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=a+%26+b");
  const AnswerLink read = read_answer_link(*link);
  CHECK(read.error.empty());
  CHECK(json::parse(read.answer_json) == json::parse(answer));
  // A relative link is a link; the offline file's own fragment is kept in front.
  CHECK(read_answer_link("exercises.html#exercise=monkey-flat").error.empty());
  auto offline = write_answer_link("file:///t/lab.html#page=exercises", R"({"exercise": "monkey-flat"})", "");
  REQUIRE(offline);
  CHECK(*offline == "file:///t/lab.html#page=exercises&exercise=monkey-flat");
  CHECK_THAT(read_answer_link("https://x.example/#exercise=a&class=%3C").error,
             Catch::StartsWith("class: \"<\""));
}

TEST_CASE("a teacher's pasted lines: every line not blank is a row, a name before a link is kept") {
  const auto lines =
      read_handed_in("https://x.example/#exercise=a\r\n\n  Anna: https://x.example/#exercise=b \n"
                     "Ben\texercises.html#exercise=c\nnot a link\nhttps://x.example/#exercise=d&note=x: y");
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].line == 1);
  CHECK(lines[0].name.empty());
  CHECK(lines[1].line == 3);
  CHECK(lines[1].name == "Anna");
  CHECK(lines[1].link == "https://x.example/#exercise=b");
  CHECK(lines[2].name == "Ben");
  CHECK(lines[2].link == "exercises.html#exercise=c");
  CHECK(lines[3].name.empty());
  CHECK(lines[3].link == "not a link");
  CHECK(lines[4].name.empty()); // the ": " is inside the link
}
