// Why this file exists: an exercise checks itself on the numbers the core computes, never on
// pixels, so the same answer passes or fails alike in the student's browser, on the teacher's
// page, in the CLI (`landscape check`) and in the tests. An exercise (scenarios/exercises/*.json)
// is a base scenario, the fields a student may change (everything else is locked), and a list
// of conditions on quantities of the run (the kind of point an optimizer ended at, |a| at the
// last step, test accuracy, the barrier on a line, ...), each with the message that says what
// is missing. A student's answer is a JSON merge patch of the allowed fields (and a note); the
// core refuses any other field, naming it. Schema: README.md, "Exercises".
#pragma once

#include "result.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace landscape {

// One condition of a check: `quantity` compared with `value` by `op`; `fail` is the message
// shown when it does not hold, with {quantity} replaced by the run's numbers.
struct ExerciseCondition {
  std::string quantity;
  std::string op; // equals | differs | above | below | at_least | at_most
  std::optional<double> number;
  std::string text; // a string value (equals / differs only)
  std::string fail;
};

struct Exercise {
  std::string name, title, chapter, goal, task, hint, why, widget;
  double minutes = 5;
  std::string scenario_name;        // the base: scenarios/<scenario_name>.json
  std::string variant;              // a compare variant of the base to run ("" for the base itself)
  std::string base_text;            // the base with the exercise's own patch, validated
  std::string kind;                 // surface | network | view
  std::vector<std::string> allowed; // dotted field paths
  std::map<std::string, std::array<double, 2>> limits; // path -> [min, max]
  int max_changes = 0;                                 // 0: any number of allowed fields
  std::optional<std::array<double, 2>> escape_from;    // surface: escape_step's centre
  double escape_radius = 0.5;
  std::vector<ExerciseCondition> check;
  std::vector<std::string> report; // quantities to show beside the verdict
  std::string answer_patch;        // the known right answer (JSON), for the teacher and the tests
  std::string answer_note;         // its note, where the task asks for one
};

// The quantities a check may name for each kind of base scenario.
const std::vector<std::string>& exercise_quantities(const std::string& kind);

// Limits that keep an exercise's answer small.
inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
inline constexpr std::size_t kMaxNoteBytes = 2000;

// Parses the exercise `exercise_json` on its base scenario `base_scenario_json` (the text of
// scenarios/<scenario>.json). Errors name the field ("check[1].quantity: unknown quantity ...").
Result<Exercise> parse_exercise(const std::string& exercise_json, const std::string& base_scenario_json);

// What a page shows: {name, title, chapter, goal, minutes, task, hint, why, widget, scenario,
// variant, kind, allowed, limits, max_changes, conditions: [{quantity, op, value}], report,
// answer, answer_note, base_values: {allowed path: the base's value}}.
std::string exercise_info_json(const Exercise& exercise);

// The scenario the answer makes (the base with the answer's patch), validated; the answer is
// {"exercise": name, "patch": {...}, "note": "..."}. Errors name the field:
// "answer.patch.optimizer.kind: not a field you may change in this exercise (you may change: start)".
Result<std::string> exercise_scenario(const Exercise& exercise, const std::string& answer_json);

// The answer a student's form holds, read by the core from the fields' texts as typed (never
// converted by JavaScript first: JSON.parse reads 1e400 as Infinity and JSON.stringify writes it
// as null). fields_json: {"fields": {allowed path: text}, "note": text}, all strings. An empty
// field keeps the exercise's value; a text that is JSON is that value (the one JSON reader's
// limits: finite numbers, nesting); any other text is a string where the exercise's value is
// one, else refused naming the field. The patch holds the fields whose value differs from the
// exercise's. Returns the answer {"exercise", "patch", "note"} as exercise_scenario() accepts it.
Result<std::string> exercise_answer_from_fields(const Exercise& exercise, const std::string& fields_json);

// The multiply-adds the check of this answer is counted to need (the training run through all
// its steps, the dense spectra the check measures, a view's runs and line), compared with
// kMaxRequestWork (core/limits.hpp) before it runs: an answer over it is refused with the limit
// in the message.
Result<double> exercise_check_work(const Exercise& exercise, const std::string& answer_json);

// Runs the answer and evaluates the check: {"exercise", "passed", "message" ("passed" or every
// failing condition's message), "failed": [messages], "numbers": {quantity: value}, "note",
// "patch"}. Errors (a field that may not change, a scenario the core refuses) name the field.
Result<std::string> check_exercise(const Exercise& exercise, const std::string& answer_json);

} // namespace landscape
