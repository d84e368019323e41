// Why this file exists: a student hands in a link, and three places give its verdict: the
// student's own page, the teacher's page and `landscape check-link`. They read the link's text
// here, with the same function, so the same link cannot pass on one and fail on another. Before,
// each page read it with JavaScript: JSON.parse turned 1e400 into Infinity, JSON.stringify that
// into null, and the core's merge patch turned null into a deletion, so the teacher's page said
// "passed" where the student's said "not passed".
//
// A link is `...exercises.html#exercise=NAME&class=CODE&instance=N&name=<text>&answer=<JSON
// patch>&note=<text>&theme=...`; the page address before '#' may be absolute or relative; its
// fragment is read as a browser's URLSearchParams reads it (pairs split at '&', '+' is a space,
// %XX a byte), and the answer with the core's one JSON reader (core/input/json_text.hpp) and an
// answer's rules (core/apps/exercise.hpp): values only, finite numbers, limited nesting and size.
#pragma once

#include "apps/exercise.hpp"
#include "input/messages.hpp"
#include "input/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace landscape {

// A link longer than this is refused before it is read. Far above what a handed-in link holds
// (an answer is at most 64 kB, three times that percent-encoded): below it, each parameter is
// read and refused on its own (an answer of 100 kB is named as the answer, beside the page's
// options), so a page still opens the exercise and names what it refuses.
inline constexpr std::size_t kMaxLinkBytes = 8u << 20;

struct AnswerLink {
  std::string exercise;                       // the exercise the link names ("" when none)
  std::string answer_json;                    // {"exercise", "patch", "note"[, "name", "class",
                                              // "instance"]}; "" when refused
  std::string error;                          // the refusal, naming the parameter; "" when read
  Refusal refusal;                            // the same as data (core/input/messages.hpp)
  std::map<std::string, std::string> options; // theme, hide, lock, as the link has them
};

// What the link holds. Never fails: a link that cannot be read says why in `error` (with the
// exercise's name when it has one, so a page can still open that exercise).
AnswerLink read_answer_link(const std::string& link);

// {"exercise", "answer": {"exercise", "patch", "note"} or null, "options": {...}, "error",
// "refusal": {field, code, args} or null}.
std::string answer_link_json(const AnswerLink& link);

// The verdict of a link on its exercise: the link read (a refusal names the parameter or the
// answer's field), then check_exercise() on its answer. The one path to a verdict for a link.
// handed_in_by: the name a teacher's list gives the link ("Anna: https://..."); "" for none.
// When given it is the student the answer is checked for (their instance): a link handed in
// under another name than the one it was made for fails, saying it was computed for another
// instance.
Result<std::string> check_answer_link(const Exercise& exercise, const std::string& link,
                                      const std::string& handed_in_by = "");

// The link of an answer: `page_url` (its fragment's own pairs kept, as the offline file's page
// has them) with the answer's exercise, page options, class, instance, name, patch and note set
// in its fragment, encoded as a browser's URLSearchParams writes them. answer_json: an answer
// as exercise_answer_from_fields() makes it; options_json: {theme, hide, lock} (strings; empty
// ones left out). The one writer of a link: the student's "Copy my answer", the teacher's class
// link and the answers' links.
Result<std::string> write_answer_link(const std::string& page_url, const std::string& answer_json,
                                      const std::string& options_json);

// One line of what a teacher pastes: "LINK", "NAME: LINK" or "NAME<tab>LINK" (a spreadsheet's
// two columns). name: the name before the link ("" when none); link: the rest.
struct HandedInLine {
  int line = 0; // 1-based, in the pasted text
  std::string text, name, link;
};

// The lines of pasted text that are not blank, each split into a name and a link. Every line
// becomes a row of the teacher's table, read or not (read_answer_link says why not).
std::vector<HandedInLine> read_handed_in(const std::string& pasted);
// [{line, text, name, link}].
std::string handed_in_json(const std::vector<HandedInLine>& lines);

} // namespace landscape
