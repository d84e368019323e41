#include "input/text.hpp"

#include <cstdio>

namespace landscape {

namespace {
// The length of the valid UTF-8 sequence at text[i] (1 to 4), or 0 when the bytes there are not
// one (a stray continuation byte, an overlong form, a surrogate, a cut sequence, > U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF)
    length = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else
    return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}
// The code point of the valid sequence of `length` bytes at text[i].
char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(text[i + k])); };
  if (length == 1) return byte(0);
  if (length == 2) return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
  if (length == 3) return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
}

bool is_escaped(char32_t c) {
  for (const auto& [first, last] : escaped_characters())
    if (c >= first && c <= last) return true;
  return false;
}
} // namespace

const std::vector<std::array<char32_t, 2>>& escaped_characters() {
  static const std::vector<std::array<char32_t, 2>> ranges = {
      {0x0000, 0x001F},   // C0 controls (newline, ESC)
      {0x007F, 0x009F},   // DEL and the C1 controls (U+009B is a terminal's CSI)
      {0x00AD, 0x00AD},   // soft hyphen
      {0x034F, 0x034F},   // combining grapheme joiner
      {0x061C, 0x061C},   // Arabic letter mark (bidirectional)
      {0x115F, 0x1160},   // Hangul fillers (render blank)
      {0x17B4, 0x17B5},   // Khmer inherent vowels (invisible)
      {0x180B, 0x180F},   // Mongolian variation selectors and vowel separator
      {0x200B, 0x200F},   // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
      {0x2028, 0x202E},   // line and paragraph separators; bidirectional embeddings and overrides
      {0x2060, 0x206F},   // word joiner, invisible operators, bidirectional isolates
      {0x3164, 0x3164},   // Hangul filler
      {0xFEFF, 0xFEFF},   // zero-width no-break space (byte order mark)
      {0xFFA0, 0xFFA0},   // halfwidth Hangul filler
      {0xFFF9, 0xFFFB},   // interlinear annotation
      {0x1D173, 0x1D17A}, // musical symbol format characters
      {0xE0000, 0xE007F}, // tags
  };
  return ranges;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_length(text, i);
    std::string piece;
    char escaped[8];
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      std::snprintf(escaped, sizeof escaped, "\\x%02X", unsigned(c));
      piece = escaped;
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(escaped, sizeof escaped, "\\u%04X", unsigned(c));
      piece = escaped;
    } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      // U+0080..U+009F: the C1 controls (U+009B is a terminal's CSI, like ESC [).
      std::snprintf(escaped, sizeof escaped, "\\u%04X", unsigned(static_cast<unsigned char>(text[i + 1])));
      piece = escaped;
    } else if (length > 1 && is_escaped(code_point(text, i, length))) {
      char wide[16];
      std::snprintf(wide, sizeof wide, "\\u{%04X}", unsigned(code_point(text, i, length)));
      piece = wide;
    } else {
      piece = std::string(text.substr(i, length));
    }
    if (out.size() + piece.size() > max_bytes) return out + "...";
    out += piece;
    i += length == 0 ? 1 : length;
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

} // namespace landscape
