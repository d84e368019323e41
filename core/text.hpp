// Why this file exists: error messages echo pieces of the input (an unknown field's name, a
// kind, the bytes near a JSON syntax error). A message is one line that a terminal prints and
// nlohmann's dump() (which aborts on invalid UTF-8 in the wasm build, JSON_NOEXCEPTION) and the
// page's JS Error carry, so what it echoes must be valid UTF-8 with no control characters: no
// newline splitting it in two, no terminal escape code clearing the screen.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace landscape {

// `text` with every control character (C0, DEL, C1: newlines and ESC included) written as
// \u00XX, every byte that is not part of a valid UTF-8 sequence as \xNN, and, when longer than
// max_bytes, cut at a code point (never inside an escape or a multi-byte sequence) with "...".
std::string printable(std::string_view text, std::size_t max_bytes = 4096);

} // namespace landscape
