#include "input/json_text.hpp"

#include "input/text.hpp"

#include <cmath>
#include <sstream>
#include <vector>

namespace landscape {

using nlohmann::json;

namespace {

// Builds the document (nlohmann's own DOM builder) while keeping the path to the value being
// read, so that a limit refused on the way names its field. nlohmann's SAX reader itself is
// iterative: nothing here recurses, whatever the input.
class Reader {
public:
  Reader(json& root, const char* what, const std::string& prefix)
      : what_(what), prefix_(prefix), dom_(root, false) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const std::string& s) {
    if (!value()) return false;
    if (!std::isfinite(v)) return not_finite(s, false);
    return dom_.number_float(v, s);
  }
  bool string(std::string& v) { return value() && dom_.string(v); }
  bool binary(json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) { return open(false) && dom_.start_object(n); }
  bool key(std::string& v) {
    frames_.back().key = v;
    return dom_.key(v);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) { return open(true) && dom_.start_array(n); }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    // 406: a number the lexer read as out of double's range (strtod gave infinity). The array
    // element it would have been has not been counted yet.
    if (e.id == 406) return not_finite(token, true);
    std::ostringstream out;
    // The token is the input's bytes: cut at a code point, control characters escaped.
    out << what_ << ": invalid JSON near byte " << position << " (at '" << printable(token, 20) << "')";
    error_ = out.str();
    return false;
  }

  const std::string& error() const { return error_; }

private:
  struct Frame {
    bool array = false;
    std::size_t elements = 0; // arrays: elements begun so far
    std::string key;          // objects: the key being read
  };

  // A value begins: an array counts its element.
  bool value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().elements;
    return true;
  }

  bool open(bool array) {
    value();
    if (int(frames_.size()) >= kMaxJsonDepth) {
      error_ = field(false) + ": nested deeper than " + std::to_string(kMaxJsonDepth) +
               " lists and objects; a scenario, an exercise or an answer needs a few";
      return false;
    }
    frames_.push_back({array, 0, ""});
    return true;
  }

  bool not_finite(const std::string& token, bool uncounted) {
    error_ = field(uncounted) + ": " + printable(token, 24) +
             " is not a finite number (numbers must lie within about +-1.8e308)";
    return false;
  }

  // The path of the value being read: prefix, then keys and [indices]; at most 12 parts (a
  // deeply nested value's path would repeat "[0]" as often as it nests).
  std::string field(bool uncounted) const {
    std::string out = prefix_;
    const std::size_t shown = std::min<std::size_t>(frames_.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        const std::size_t index = f.elements - (uncounted && i + 1 == frames_.size() ? 0 : 1);
        out += '[';
        out += std::to_string(index);
        out += ']';
      } else {
        if (!out.empty()) out += '.';
        out += f.key;
      }
    }
    if (shown < frames_.size()) out += "...";
    return out.empty() ? std::string(what_) : out;
  }

  const char* what_;
  std::string prefix_;
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<Frame> frames_;
  std::string error_;
};

} // namespace

Result<json> parse_json_text(const std::string& text, const char* what, const std::string& prefix) {
  if (text.size() > kMaxJsonBytes)
    return Error{std::string(what) + ": larger than " + std::to_string(kMaxJsonBytes >> 20) + " MB (" +
                 std::to_string(text.size()) + " bytes); a scenario, an exercise or an answer is smaller"};
  json document;
  Reader reader(document, what, prefix);
  if (!json::sax_parse(text, &reader) || !reader.error().empty())
    return Error{printable(reader.error().empty() ? std::string(what) + ": invalid JSON" : reader.error())};
  return document;
}

} // namespace landscape
