// Why this file exists: the exercises for JavaScript, beside bindings.cpp and under its error
// convention (reject.hpp, errors.js). Free functions on JSON text: the exercise's description,
// the scenario an answer makes, and the check of an answer; every rule (which fields may change,
// what is measured, what the verdict says) is the core's (core/apps/exercise.hpp), so the student's
// page, the teacher's page and `landscape check` give the same verdict on the same numbers.
#include "apps/answer_link.hpp"
#include "apps/exercise.hpp"
#include "reject.hpp"

#include <emscripten/bind.h>

#include <string>

namespace {

using namespace landscape;
using landscape_bindings::reject_message;

// {name, title, chapter, goal, task, hint, why, allowed, conditions, answer, ...}.
std::string exercise_info_js(const std::string& exercise_json, const std::string& base_json) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "null";
  }
  return exercise_info_json(*exercise);
}

// The scenario text the answer makes: what the exercise's widget shows for it.
std::string exercise_scenario_js(const std::string& exercise_json, const std::string& base_json,
                                 const std::string& answer_json) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "";
  }
  auto scenario = exercise_scenario(*exercise, answer_json);
  if (!scenario) {
    reject_message(scenario.failure());
    return "";
  }
  return *scenario;
}

// {exercise, passed, message, failed, numbers, note, patch}.
std::string check_exercise_js(const std::string& exercise_json, const std::string& base_json,
                              const std::string& answer_json) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "null";
  }
  auto result = check_exercise(*exercise, answer_json);
  if (!result) {
    reject_message(result.failure());
    return "null";
  }
  return *result;
}

// What a handed-in link holds: {exercise, answer, options, error} (read_answer_link). Never
// throws: a page shows the refusal and still opens the exercise the link names.
std::string read_answer_link_js(const std::string& link) { return answer_link_json(read_answer_link(link)); }

// The verdict of a link, as on the teacher's page and in `landscape check-link`.
std::string check_answer_link_js(const std::string& exercise_json, const std::string& base_json,
                                 const std::string& link) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "null";
  }
  auto result = check_answer_link(*exercise, link);
  if (!result) {
    reject_message(result.failure());
    return "null";
  }
  return *result;
}

// The answer the student's form holds, read from the fields' texts ({"fields", "note"}).
std::string answer_from_fields_js(const std::string& exercise_json, const std::string& base_json,
                                  const std::string& fields_json) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "null";
  }
  auto answer = exercise_answer_from_fields(*exercise, fields_json);
  if (!answer) {
    reject_message(answer.failure());
    return "null";
  }
  return *answer;
}

// The exercise as the student `name` of the class `class_code` has it (their instance; the
// exercise itself without a class code), or an error naming the field.
Result<Exercise> student_instance(const std::string& exercise_json, const std::string& base_json,
                                  const std::string& class_code, const std::string& name) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) return exercise.failure();
  if (!class_code.empty()) {
    const Refusal problem = class_code_refusal("class", class_code);
    if (!problem.code.empty()) return refused(problem);
  }
  return exercise_instance(*exercise, exercise_instance_number(*exercise, class_code, name));
}

// exercise_info_json of the student's instance (student_instance()).
std::string exercise_instance_info_js(const std::string& exercise_json, const std::string& base_json,
                                      const std::string& class_code, const std::string& name) {
  auto instance = student_instance(exercise_json, base_json, class_code, name);
  if (!instance) {
    reject_message(instance.failure());
    return "null";
  }
  return exercise_info_json(*instance);
}

// The playground link text the student's instance starts its playground from
// (exercise_playground_state()).
std::string exercise_playground_state_js(const std::string& exercise_json, const std::string& base_json,
                                         const std::string& class_code, const std::string& name) {
  auto instance = student_instance(exercise_json, base_json, class_code, name);
  if (!instance) {
    reject_message(instance.failure());
    return "";
  }
  auto state = exercise_playground_state(*instance);
  if (!state) {
    reject_message(state.failure());
    return "";
  }
  return *state;
}

// The verdict of a link handed in under a name (the teacher's "Anna: https://..." line).
std::string check_handed_in_js(const std::string& exercise_json, const std::string& base_json,
                               const std::string& link, const std::string& name) {
  auto exercise = parse_exercise(exercise_json, base_json);
  if (!exercise) {
    reject_message(exercise.failure());
    return "null";
  }
  auto result = check_answer_link(*exercise, link, name);
  if (!result) {
    reject_message(result.failure());
    return "null";
  }
  return *result;
}

// The link of an answer (write_answer_link).
std::string write_answer_link_js(const std::string& page_url, const std::string& answer_json,
                                 const std::string& options_json) {
  auto link = write_answer_link(page_url, answer_json, options_json);
  if (!link) {
    reject_message(link.failure());
    return "";
  }
  return *link;
}

// The pasted lines, each with its name and link: [{line, text, name, link}].
std::string read_handed_in_js(const std::string& pasted) { return handed_in_json(read_handed_in(pasted)); }

} // namespace

EMSCRIPTEN_BINDINGS(landscape_exercises) {
  emscripten::function("exerciseInstanceInfo", &exercise_instance_info_js);
  emscripten::function("exercisePlaygroundState", &exercise_playground_state_js);
  emscripten::function("checkHandedIn", &check_handed_in_js);
  emscripten::function("writeAnswerLink", &write_answer_link_js);
  emscripten::function("readHandedIn", &read_handed_in_js);
  emscripten::function("readAnswerLink", &read_answer_link_js);
  emscripten::function("checkAnswerLink", &check_answer_link_js);
  emscripten::function("exerciseAnswerFromFields", &answer_from_fields_js);
  emscripten::function("exerciseInfo", &exercise_info_js);
  emscripten::function("exerciseScenario", &exercise_scenario_js);
  emscripten::function("checkExercise", &check_exercise_js);
}
