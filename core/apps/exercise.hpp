// Why this file exists: an exercise checks itself on the numbers the core computes, never on
// pixels, so the same answer passes or fails alike in the student's browser, on the teacher's
// page, in the CLI (`landscape check`) and in the tests. An exercise (scenarios/exercises/*.json)
// is a base scenario, the fields a student may change (everything else is locked), and a list
// of conditions on quantities of the run (the kind of point an optimizer ended at, |a| at the
// last step, test accuracy, the barrier on a line, ...), each with the message that says what
// is missing. A student's answer is a JSON merge patch of the allowed fields (and a note); the
// core refuses any other field, naming it. Schema: docs/classroom.md, "The exercise file".
#pragma once

#include "input/messages.hpp"
#include "input/result.hpp"

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

// What varies between the students of a class (an exercise's "vary" list): a field of the
// scenario set, for each student, to a value of their own: a point or number on a grid (from,
// to, step 1/n, per component) or one of a list (choices, each with its reference answer).
struct ExerciseVary {
  std::string field;                // dotted path in the scenario ("surface.center", "data.seed")
  std::string label;                // in words, for the student and the teacher ("the saddle's centre")
  std::vector<double> from, to;     // a grid: one bound per component (a number has one)
  long long per_unit = 0;           // a grid's 1/step
  std::vector<std::string> choices; // a list: each value as JSON text
  std::vector<std::string> answers; // a list: each choice's reference answer (a patch, JSON text)
  std::vector<std::string> moves;   // fields moved by a grid's value ("start", "escape.from")
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
  std::vector<std::string> report;           // quantities to show beside the verdict
  std::string answer_patch;                  // the known right answer (JSON), for the teacher and the tests
  std::string answer_note;                   // its note, where the task asks for one
  std::vector<ExerciseVary> vary;            // what differs between students (empty: every student alike)
  std::map<std::string, std::string> labels; // quantity -> the words the teacher's table shows
  std::map<std::string, std::string> field_labels; // allowed path -> its words on the answer form
  // The instance this is (exercise_instance()): 0 for the exercise as written.
  long long instance = 0;
  std::string instance_text; // its values in words ("the saddle's centre (0.12, -0.3)")
};

// A student's name as it derives an instance: spaces trimmed and runs of them made one, ASCII
// letters lower-cased (so "Anna  Berg" and "anna berg" are one student).
std::string normalized_student_name(const std::string& name);

// The instance of `exercise` for the student `name` of the class `class_code`: a number from
// 10000 to 99999, the same on every machine; 0 when the exercise does not vary or there is no
// class code (every student then gets the exercise as written).
long long exercise_instance_number(const Exercise& exercise, const std::string& class_code,
                                   const std::string& name);

// The exercise as instance `number` poses it: the varied fields set to the instance's values
// (and the fields they move, the reference answer included). Number 0: the exercise itself.
Result<Exercise> exercise_instance(const Exercise& exercise, long long number);

// The numbers of a check in the words of the exercise file ("gradient norm 2.2e-4, negative
// eigenvalues 1"), in the order given.
std::string numbers_in_words(const Exercise& exercise, const std::string& numbers_json);

// The quantities a check may name for each kind of base scenario.
const std::vector<std::string>& exercise_quantities(const std::string& kind);

// Limits that keep an exercise's answer small.
inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
inline constexpr std::size_t kMaxNoteBytes = 2000;
inline constexpr std::size_t kMaxStudentNameBytes = 100;
inline constexpr std::size_t kMaxClassCodeBytes = 40;

// Why a class code is refused ("" when it is one): 1 to 40 letters, digits, '-' or '_'.
std::string class_code_problem(const std::string& code);
// The same as a refusal naming `field` (code "" when it is one).
Refusal class_code_refusal(const std::string& field, const std::string& code);

// Parses the exercise `exercise_json` on its base scenario `base_scenario_json` (the text of
// scenarios/<scenario>.json). Errors name the field ("check[1].quantity: unknown quantity ...").
Result<Exercise> parse_exercise(const std::string& exercise_json, const std::string& base_scenario_json);

// What a page shows: {name, title, chapter, goal, minutes, task, hint, why, widget, scenario,
// variant, kind, allowed, limits, max_changes, conditions: [{quantity, op, value}], report,
// answer, answer_note, base_values: {allowed path: the base's value}, labels, varies: [labels],
// instance, instance_text, base (the scenario this instance runs, as text), fields: [the answer
// form's controls, exercise_fields_json()], check_steps (the steps the check's run trains: the
// scenario's "steps", 0 where it has none)}.
std::string exercise_info_json(const Exercise& exercise);

// How the answer form asks for each allowed field, from the exercise file (its "field_labels",
// words, never a dotted path) and what the core knows of the scenario's field: [{path, label,
// kind, ...}] with kind
//   number: {min, max} (where the exercise limits it), integer (a whole number);
//   seed:   a whole number >= 0 (a random seed), {min, max};
//   point:  {parts: [{label ("w1"), min, max}, ...]} (a list of numbers, one input each);
//   choice: {choices: [names], choice_labels: {name: words}} (a string of a catalog, or an
//           object whose "kind" is one: the form's text is then the kind alone);
//   features: {choices, choice_labels} (the input features, "sin x₁": a checkbox each);
//   count:  {of: a list's path} (the network's inputs, one per feature: shown, not typed);
//   layers: {units: {min, max}, max_layers, activations, flags: [{key, label, default}]} (a row
//           per layer, the last the output; flags such as "skip" where the exercise uses them);
//   group:  {parts: [{key, label, kind: choice | number, ...}]} (an optimizer: its kind and the
//           numbers the exercise's base and answer set);
//   list / object: JSON only (a start written out weight by weight), in the advanced view.
std::string exercise_fields_json(const Exercise& exercise);

// The playground link text (playground_link_state()) that an exercise on the playground starts
// its widget from: the network the exercise's check trains (this instance's, its variant's where
// it names one), own points and a full batch included, so that the widget trains what the check
// trains until the student changes it. An exercise on another widget is refused, naming "widget".
Result<std::string> exercise_playground_state(const Exercise& exercise);

// The scenario the answer makes (the base with the answer's patch), validated; the answer is
// {"exercise": name, "patch": {...}, "note": "...", "name", "class", "instance"} (the last three
// optional: a class's student, whose instance the class code and the name derive; the scenario
// is that instance's). Errors name the field:
// "answer.patch.optimizer.kind: not a field you may change in this exercise (you may change: start)".
Result<std::string> exercise_scenario(const Exercise& exercise, const std::string& answer_json);

// The answer a student's form holds, read by the core from the fields' texts as typed (never
// converted by JavaScript first: JSON.parse reads 1e400 as Infinity and JSON.stringify writes it
// as null). fields_json: {"fields": {allowed path: text}, "note": text, "name": text, "class":
// text}, all strings (name and class optional: they go into the answer with the instance they
// derive). An empty
// field keeps the exercise's value (a count's empty text is its list's length); a point's field may
// be a list of texts, one per component (each a number, an empty one keeping the exercise's
// component; refused naming "answer.patch.start[1]"); a features field the ticked names; a layers
// field a list of {units: text, activation, flags as true/false}, one per layer (refused naming
// "answer.patch.model.layers[1].units"); a group an object of texts, one per part, over the
// exercise's group; a choice of an object's kind is that kind's name; a text that is JSON is that
// value (the one JSON reader's limits: finite numbers, nesting); any other text is a string where the
// exercise's value is one, else refused naming the field. The patch holds the fields whose value differs from
// the exercise's. Returns the answer {"exercise", "patch", "note"} as exercise_scenario() accepts it.
Result<std::string> exercise_answer_from_fields(const Exercise& exercise, const std::string& fields_json);

// The multiply-adds the check of this answer is counted to need (the training run through all
// its steps, the dense spectra the check measures, a view's runs and line), compared with
// kMaxRequestWork (core/input/limits.hpp) before it runs: an answer over it is refused with the limit
// in the message.
Result<double> exercise_check_work(const Exercise& exercise, const std::string& answer_json);

// Runs the answer and evaluates the check: {"exercise", "passed", "message" ("passed" or every
// failing condition's message), "failed": [messages], "numbers": {quantity: value}, "note",
// "patch", "name", "class", "instance", "instance_text", "summary" (the numbers in words)}. An
// answer whose "instance" is not the one its class code and name derive fails, saying so. Errors (a field
// that may not change, a scenario the core refuses) name the field.
Result<std::string> check_exercise(const Exercise& exercise, const std::string& answer_json);

} // namespace landscape
