// Why this file exists: error messages echo pieces of the input (an unknown field's name, a
// kind, the bytes near a JSON syntax error). A message is one line that a terminal prints and
// nlohmann's dump() (which aborts on invalid UTF-8 in the wasm build, JSON_NOEXCEPTION) and the
// page's JS Error carry, so what it echoes must be valid UTF-8 with no control characters: no
// newline splitting it in two, no terminal escape code clearing the screen.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace landscape {

// `text` with every control character (C0, DEL, C1: newlines and ESC included) written as
// \u00XX, every invisible or bidirectional-formatting character (escaped_characters(): U+FEFF,
// U+202E, the zero-width ones, ...) as \u{XXXX}, every byte that is not part of a valid UTF-8
// sequence as \xNN, and, when longer than max_bytes, cut at a code point (never inside an escape
// or a multi-byte sequence) with "...". A field name "u<U+FEFF>nits" then reads "u\u{FEFF}nits",
// and U+202E cannot reverse the rest of a message so that a refused field reads as a valid one.
std::string printable(std::string_view text, std::size_t max_bytes = 4096);

// The code points printable() writes escaped, as inclusive ranges [first, last], ascending: the
// controls, then the characters that draw nothing or reorder the text around them (Unicode's
// format characters, the line and paragraph separators, the fillers that render blank). The
// pages escape the same ones (web/src/kit/format.js; a node test compares the two lists).
const std::vector<std::array<char32_t, 2>>& escaped_characters();

// The words separated by ", ": the list of known names a message about an unknown one ends with.
std::string join(const std::vector<std::string>& words);

} // namespace landscape
