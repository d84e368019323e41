// Why this file exists: a student hands in a link, and three places give its verdict: the
// student's own page, the teacher's page and `landscape check-link`. They read the link's text
// here, with the same function, so the same link cannot pass on one and fail on another. Before,
// each page read it with JavaScript: JSON.parse turned 1e400 into Infinity, JSON.stringify that
// into null, and the core's merge patch turned null into a deletion, so the teacher's page said
// "passed" where the student's said "not passed".
//
// A link is `...exercises.html#exercise=NAME&answer=<JSON patch>&note=<text>&theme=...`; its
// fragment is read as a browser's URLSearchParams reads it (pairs split at '&', '+' is a space,
// %XX a byte), and the answer with the core's one JSON reader (core/json_text.hpp) and an
// answer's rules (core/exercise.hpp): values only, finite numbers, limited nesting and size.
#pragma once

#include "exercise.hpp"
#include "result.hpp"

#include <map>
#include <string>

namespace landscape {

// A link longer than this is refused before it is read. Far above what a handed-in link holds
// (an answer is at most 64 kB, three times that percent-encoded): below it, each parameter is
// read and refused on its own (an answer of 100 kB is named as the answer, beside the page's
// options), so a page still opens the exercise and names what it refuses.
inline constexpr std::size_t kMaxLinkBytes = 8u << 20;

struct AnswerLink {
  std::string exercise;                       // the exercise the link names ("" when none)
  std::string answer_json;                    // {"exercise", "patch", "note"}; "" when refused
  std::string error;                          // the refusal, naming the parameter; "" when read
  std::map<std::string, std::string> options; // theme, hide, lock, as the link has them
};

// What the link holds. Never fails: a link that cannot be read says why in `error` (with the
// exercise's name when it has one, so a page can still open that exercise).
AnswerLink read_answer_link(const std::string& link);

// {"exercise", "answer": {"exercise", "patch", "note"} or null, "options": {...}, "error"}.
std::string answer_link_json(const AnswerLink& link);

// The verdict of a link on its exercise: the link read (a refusal names the parameter or the
// answer's field), then check_exercise() on its answer. The one path to a verdict for a link.
Result<std::string> check_answer_link(const Exercise& exercise, const std::string& link);

} // namespace landscape
