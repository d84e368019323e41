#include "input/json_text.hpp"

#include "input/messages.hpp"
#include "input/text.hpp"

#include <cmath>
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
    // The token is the input's bytes: cut at a code point, control characters escaped.
    refusal_ = {what_, "json_syntax", {std::to_string(position), printable(token, 20)}};
    return false;
  }

  const Refusal& refusal() const { return refusal_; }

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
      refusal_ = {printable(field(false)), "json_too_deep", {std::to_string(kMaxJsonDepth)}};
      return false;
    }
    frames_.push_back({array, 0, ""});
    return true;
  }

  bool not_finite(const std::string& token, bool uncounted) {
    refusal_ = {printable(field(uncounted)), "json_not_finite", {printable(token, 24)}};
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
  Refusal refusal_; // code "" until something is refused
};

} // namespace

Result<json> parse_json_text(const std::string& text, const char* what, const std::string& prefix) {
  if (text.size() > kMaxJsonBytes)
    return refused(
        {what, "json_too_large", {std::to_string(kMaxJsonBytes >> 20), std::to_string(text.size())}});
  json document;
  Reader reader(document, what, prefix);
  if (!json::sax_parse(text, &reader) || !reader.refusal().code.empty())
    return refused(reader.refusal().code.empty() ? Refusal{what, "json_invalid", {}} : reader.refusal());
  return document;
}

} // namespace landscape
