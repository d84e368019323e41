#include "answer_link.hpp"

#include "json_text.hpp"
#include "text.hpp"

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace landscape {

using nlohmann::json;

namespace {

// The page options a link may carry beside the answer (the exercise page's theme, the controls
// it hides, "lock the scenario").
const std::vector<std::string>& option_keys() {
  static const std::vector<std::string> keys = {"theme", "hide", "lock"};
  return keys;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded, as URLSearchParams decodes it: '+' is a space, %XX a
// byte (a '%' not followed by two hex digits stays as it is).
std::string form_decode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += char(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// The fragment's pairs in order (the first of a repeated key is the one read, as
// URLSearchParams.get does).
std::vector<std::pair<std::string, std::string>> form_pairs(const std::string& fragment) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t begin = 0;
  while (begin <= fragment.size()) {
    std::size_t end = fragment.find('&', begin);
    if (end == std::string::npos) end = fragment.size();
    const std::string piece = fragment.substr(begin, end - begin);
    if (!piece.empty()) {
      const std::size_t equals = piece.find('=');
      pairs.emplace_back(form_decode(piece.substr(0, equals)),
                         equals == std::string::npos ? std::string() : form_decode(piece.substr(equals + 1)));
    }
    begin = end + 1;
  }
  return pairs;
}

const std::string* first(const std::vector<std::pair<std::string, std::string>>& pairs,
                         const std::string& key) {
  for (const auto& [k, v] : pairs)
    if (k == key) return &v;
  return nullptr;
}

bool exercise_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '-') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// ASCII whitespace around a pasted link.
std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n\f\v") - first + 1);
}

} // namespace

AnswerLink read_answer_link(const std::string& text) {
  AnswerLink out;
  if (text.size() > kMaxLinkBytes) {
    out.error =
        "link: longer than " + std::to_string(kMaxLinkBytes >> 20) + " MB; an answer's link is shorter";
    return out;
  }
  const std::string link = trimmed(text);
  const std::size_t hash = link.find('#');
  // Before the fragment, an address: a scheme ("https:", "file:") and the rest; or nothing.
  const std::size_t colon = link.find(':');
  const bool address = hash == 0 || (colon != std::string::npos && colon < hash && colon > 0 &&
                                     link.find_first_not_of("abcdefghijklmnopqrstuvwxyz", 0) == colon);
  if (hash == std::string::npos || !address) {
    out.error = printable("link: \"" + printable(link, 40) +
                          "\" is not a link to an exercise (no #exercise=... in it)");
    return out;
  }
  const auto pairs = form_pairs(link.substr(hash + 1));
  const std::string* name = first(pairs, "exercise");
  if (!name || name->empty()) {
    out.error = "exercise: the link names no exercise (no #exercise=... in it)";
    return out;
  }
  if (!exercise_name(*name)) {
    out.error = printable("exercise: \"" + printable(*name, 40) +
                          "\" is not an exercise name (lower-case letters, digits and dashes)");
    return out;
  }
  out.exercise = *name;
  for (const std::string& key : option_keys())
    if (const std::string* value = first(pairs, key)) out.options[key] = *value;

  json patch = json::object();
  if (const std::string* answer = first(pairs, "answer")) {
    if (answer->size() > kMaxAnswerBytes) {
      out.error =
          "answer: larger than " + std::to_string(kMaxAnswerBytes / 1024) + " kB; an answer is a few fields";
      return out;
    }
    auto parsed = parse_json_text(*answer, "answer", "answer.patch");
    if (!parsed) {
      out.error = parsed.error();
      return out;
    }
    if (!parsed->is_object()) {
      out.error =
          printable("answer: the link's answer must be an object of fields, e.g. {\"start\": [0.3, 0.3]} "
                    "(got " +
                    printable(parsed->dump(), 40) + ")");
      return out;
    }
    patch = std::move(*parsed);
  }
  std::string note;
  if (const std::string* n = first(pairs, "note")) note = *n;
  if (note.size() > kMaxNoteBytes) {
    out.error = "note: longer than " + std::to_string(kMaxNoteBytes) + " bytes; keep it to a few lines";
    return out;
  }
  // The answer as check_exercise() reads it: its rules (allowed fields, values only, limits)
  // are applied there, the same for a link and for an answer file.
  out.answer_json = json{{"exercise", out.exercise}, {"patch", patch}, {"note", note}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  return out;
}

std::string answer_link_json(const AnswerLink& link) {
  nlohmann::ordered_json j;
  j["exercise"] = link.exercise;
  j["answer"] = link.answer_json.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json::parse(link.answer_json, nullptr, false);
  j["options"] = link.options;
  j["error"] = link.error;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<std::string> check_answer_link(const Exercise& exercise, const std::string& link) {
  const AnswerLink read = read_answer_link(link);
  if (!read.error.empty()) return Error{read.error};
  return check_exercise(exercise, read.answer_json);
}

} // namespace landscape
