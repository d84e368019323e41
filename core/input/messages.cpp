#include "input/messages.hpp"

#include <cstring>

namespace landscape {

const std::vector<MessageCode>& message_codes() {
  // Codes are never renamed once published: a page may have stored one. The wording may change.
  static const std::vector<MessageCode> codes = {
      {"not_object", "must be an object"},
      {"unknown_field", "unknown field (known: {0})"},
      {"missing", "missing"},
      {"missing_choice", "missing (known: {0})"},
      {"not_string", "must be a string"},
      {"unknown_choice", "unknown kind '{0}' (known: {1})"},
      {"not_flag", "must be true or false"},
      {"not_number", "must be a number"},
      {"not_finite", "must be finite"},
      {"out_of_range", "must be >= {0} and <= {1} (got {2})"},
      {"out_of_open_range", "must be > {0} and <= {1} (got {2})"},
      {"not_integer", "must be an integer"},
      {"integer_out_of_range", "must be an integer from {0} to {1} (got {2})"},
      {"not_number_list", "must be an array of numbers"},
      {"not_finite_item", "must be a finite number"},
      {"not_rows", "must be a non-empty array of rows"},
      {"too_many_points", "too many points (at most {0})"},
      {"not_row", "must be a number or a non-empty array of numbers"},
      {"ragged_row", "must be an array of {0} numbers like row 0"},
  };
  return codes;
}

const char* message_template(const std::string& code) {
  for (const MessageCode& entry : message_codes())
    if (code == entry.code) return entry.english;
  return nullptr;
}

std::string fill_template(const std::string& text, const std::vector<std::string>& args) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (close != std::string::npos && close > i + 1) {
      const std::string digits = text.substr(i + 1, close - i - 1);
      const bool number = digits.size() <= 2 && digits.find_first_not_of("0123456789") == std::string::npos;
      if (number && std::size_t(std::stoi(digits)) < args.size()) {
        out += args[std::size_t(std::stoi(digits))];
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string english(const Refusal& refusal) {
  const char* text = message_template(refusal.code);
  // A code the table lacks is a programming error; its refusal still names the field and code.
  const std::string words = text ? fill_template(text, refusal.args) : refusal.code;
  return refusal.field.empty() ? words : refusal.field + ": " + words;
}

Error refused(const Refusal& refusal) {
  return Error{english(refusal), refusal.field, refusal.code, refusal.args};
}

} // namespace landscape
