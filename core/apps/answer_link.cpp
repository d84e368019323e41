#include "apps/answer_link.hpp"

#include "input/json_text.hpp"
#include "input/text.hpp"

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

// A link refused: its refusal, as data and as text.
AnswerLink& refuse(AnswerLink& out, Refusal refusal) {
  refusal.field = printable(refusal.field);
  for (std::string& arg : refusal.args) arg = printable(arg);
  out.refusal = std::move(refusal);
  out.error = english(out.refusal);
  return out;
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
    return refuse(out, {"link", "link_too_long", {std::to_string(kMaxLinkBytes >> 20)}});
  }
  const std::string link = trimmed(text);
  const std::size_t hash = link.find('#');
  // Before the fragment, an address: absolute ("https://...", "file:///..."), relative
  // ("exercises.html", "../lab/exercises.html") or nothing; never text with spaces in it.
  const bool address =
      hash != std::string::npos && link.substr(0, hash).find_first_of(" \t\r\n\f\v") == std::string::npos;
  if (!address) {
    return refuse(out, {"link", "not_exercise_link", {printable(link, 40)}});
  }
  const auto pairs = form_pairs(link.substr(hash + 1));
  const std::string* name = first(pairs, "exercise");
  if (!name || name->empty()) {
    return refuse(out, {"exercise", "link_without_exercise", {}});
  }
  if (!exercise_name(*name)) {
    return refuse(out, {"exercise", "not_exercise_name", {printable(*name, 40)}});
  }
  out.exercise = *name;
  for (const std::string& key : option_keys())
    if (const std::string* value = first(pairs, key)) out.options[key] = *value;

  json patch = json::object();
  if (const std::string* answer = first(pairs, "answer")) {
    if (answer->size() > kMaxAnswerBytes) {
      return refuse(out, {"answer", "answer_too_large", {std::to_string(kMaxAnswerBytes / 1024)}});
    }
    auto parsed = parse_json_text(*answer, "answer", "answer.patch");
    if (!parsed) {
      const Error& error = parsed.failure();
      return refuse(out, {error.field, error.code, error.args});
    }
    if (!parsed->is_object()) {
      return refuse(out, {"answer", "link_answer_not_object", {printable(parsed->dump(), 40)}});
    }
    patch = std::move(*parsed);
  }
  std::string note;
  if (const std::string* n = first(pairs, "note")) note = *n;
  if (note.size() > kMaxNoteBytes) {
    return refuse(out, {"note", "note_too_long", {std::to_string(kMaxNoteBytes)}});
  }
  // A class's student: the name, the class code and the instance the answer was made for.
  json answer = {{"exercise", out.exercise}, {"patch", patch}, {"note", note}};
  if (const std::string* name = first(pairs, "name"); name && !name->empty()) {
    if (name->size() > kMaxStudentNameBytes) {
      return refuse(out, {"name", "name_too_long", {std::to_string(kMaxStudentNameBytes)}});
    }
    answer["name"] = printable(*name);
  }
  if (const std::string* code = first(pairs, "class"); code && !code->empty()) {
    if (Refusal problem = class_code_refusal("class", *code); !problem.code.empty())
      return refuse(out, std::move(problem));
    answer["class"] = *code;
  }
  if (const std::string* instance = first(pairs, "instance"); instance && !instance->empty()) {
    if (instance->size() > 5 || instance->find_first_not_of("0123456789") != std::string::npos) {
      return refuse(out, {"instance", "not_instance", {printable(*instance, 20)}});
    }
    answer["instance"] = std::stoll(*instance);
  }
  // The answer as check_exercise() reads it: its rules (allowed fields, values only, limits)
  // are applied there, the same for a link and for an answer file.
  out.answer_json = answer.dump(-1, ' ', false, json::error_handler_t::replace);
  return out;
}

std::string answer_link_json(const AnswerLink& link) {
  nlohmann::ordered_json j;
  j["exercise"] = link.exercise;
  j["answer"] = link.answer_json.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json::parse(link.answer_json, nullptr, false);
  j["options"] = link.options;
  j["error"] = link.error;
  j["refusal"] = link.error.empty() ? nlohmann::ordered_json(nullptr)
                                    : nlohmann::ordered_json{{"field", link.refusal.field},
                                                             {"code", link.refusal.code},
                                                             {"args", link.refusal.args}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<std::string> check_answer_link(const Exercise& exercise, const std::string& link,
                                      const std::string& handed_in_by) {
  const AnswerLink read = read_answer_link(link);
  if (!read.error.empty()) return refused(read.refusal);
  if (handed_in_by.empty()) return check_exercise(exercise, read.answer_json);
  json answer = json::parse(read.answer_json);
  if (handed_in_by.size() > kMaxStudentNameBytes)
    return refused({"name", "name_too_long", {std::to_string(kMaxStudentNameBytes)}});
  answer["name"] = printable(handed_in_by);
  return check_exercise(exercise, answer.dump(-1, ' ', false, json::error_handler_t::replace));
}

namespace {

// application/x-www-form-urlencoded as URLSearchParams writes it: letters, digits and *-._ as
// they are, a space as '+', every other byte %XX.
std::string form_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '-' ||
        c == '.' || c == '_') {
      out += char(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// URLSearchParams.set: the first pair of the key takes the value (the others go), else appended.
void set_pair(std::vector<std::pair<std::string, std::string>>& pairs, const std::string& key,
              const std::string& value) {
  bool done = false;
  for (auto it = pairs.begin(); it != pairs.end();) {
    if (it->first != key) {
      ++it;
    } else if (!done) {
      it->second = value;
      done = true;
      ++it;
    } else {
      it = pairs.erase(it);
    }
  }
  if (!done) pairs.emplace_back(key, value);
}

} // namespace

Result<std::string> write_answer_link(const std::string& page_url, const std::string& answer_json,
                                      const std::string& options_json) {
  const json answer = json::parse(answer_json, nullptr, false);
  if (!answer.is_object()) return refused({"answer", "not_answer_object", {}});
  auto text = [&](const json& j, const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string name = text(answer, "exercise");
  if (!exercise_name(name)) return refused({"answer.exercise", "missing_exercise_name", {}});
  const json options = options_json.empty() ? json::object() : json::parse(options_json, nullptr, false);
  if (!options.is_object()) return refused({"options", "not_link_options", {}});
  const std::size_t hash = page_url.find('#');
  std::vector<std::pair<std::string, std::string>> pairs =
      hash == std::string::npos ? std::vector<std::pair<std::string, std::string>>{}
                                : form_pairs(page_url.substr(hash + 1));
  set_pair(pairs, "exercise", name);
  for (const std::string& key : option_keys())
    if (!text(options, key.c_str()).empty()) set_pair(pairs, key, text(options, key.c_str()));
  if (!text(answer, "class").empty()) {
    const Refusal problem = class_code_refusal("class", text(answer, "class"));
    if (!problem.code.empty()) return refused(problem);
    set_pair(pairs, "class", text(answer, "class"));
  }
  if (auto it = answer.find("instance");
      it != answer.end() && it->is_number_integer() && it->get<long long>() > 0)
    set_pair(pairs, "instance", std::to_string(it->get<long long>()));
  if (!text(answer, "name").empty()) set_pair(pairs, "name", text(answer, "name"));
  if (auto it = answer.find("patch"); it != answer.end() && it->is_object() && !it->empty())
    set_pair(pairs, "answer", it->dump(-1, ' ', false, json::error_handler_t::replace));
  if (!text(answer, "note").empty()) set_pair(pairs, "note", text(answer, "note"));
  std::string fragment;
  for (const auto& [key, value] : pairs) {
    if (!fragment.empty()) fragment += '&';
    fragment += form_encode(key);
    fragment += '=';
    fragment += form_encode(value);
  }
  return page_url.substr(0, hash) + "#" + fragment;
}

std::vector<HandedInLine> read_handed_in(const std::string& pasted) {
  std::vector<HandedInLine> lines;
  std::size_t begin = 0;
  int number = 0;
  while (begin <= pasted.size()) {
    std::size_t end = pasted.find_first_of("\r\n", begin);
    if (end == std::string::npos) end = pasted.size();
    ++number;
    const std::string line = trimmed(pasted.substr(begin, end - begin));
    // "\r\n" is one line break.
    begin = end + (end + 1 < pasted.size() && pasted[end] == '\r' && pasted[end + 1] == '\n' ? 2 : 1);
    if (line.empty()) continue;
    HandedInLine row;
    row.line = number;
    row.text = printable(line, 4000);
    row.link = line;
    // A name before the link: text before a tab, or before ": " with no '#' or '/' in it (the
    // colon of "https://" is followed by '/', never a space).
    std::size_t cut = line.find('\t');
    std::size_t skip = 1;
    if (cut == std::string::npos) {
      const std::size_t colon = line.find(": ");
      if (colon != std::string::npos && line.substr(0, colon).find_first_of("#/") == std::string::npos) {
        cut = colon;
        skip = 2;
      }
    }
    if (cut != std::string::npos && cut > 0 && cut <= kMaxStudentNameBytes) {
      row.name = printable(trimmed(line.substr(0, cut)));
      row.link = trimmed(line.substr(cut + skip));
    }
    lines.push_back(std::move(row));
  }
  return lines;
}

std::string handed_in_json(const std::vector<HandedInLine>& lines) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const HandedInLine& l : lines)
    out.push_back({{"line", l.line}, {"text", l.text}, {"name", l.name}, {"link", l.link}});
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace landscape
