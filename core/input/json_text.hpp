// Why this file exists: every JSON text that comes from outside the core (a scenario file, a
// page's request, an exercise, a student's answer, a link's value, the playground's settings)
// is read here and nowhere else, so its limits hold everywhere alike, natively and in wasm:
// - no exceptions (the wasm build has none); a syntax error names the byte it is near;
// - nesting at most kMaxJsonDepth deep: what nlohmann does after reading (copy, compare,
//   merge_patch, dump) recurses once per level, and 10,000 nested arrays (20 kB) overflowed
//   the wasm stack, after which the module was unusable;
// - only finite numbers: 1e400 is read by strtod as infinity, which a page would then turn
//   into null and a merge patch into a deletion; it is refused here, naming the field;
// - at most kMaxJsonBytes.
// The messages name the field where the problem is ("compare[0].patch.seed: ..."), one
// printable line (core/input/text.hpp).
#pragma once

#include "input/result.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace landscape {

// Lists and objects nested deeper than this are refused where the text is read. The deepest
// document the project writes (an exercise answer reaching a compare variant's patch) is 5 deep.
inline constexpr int kMaxJsonDepth = 64;

// The largest JSON text read (a scenario with 100,000 inline points is about 5 MB).
inline constexpr std::size_t kMaxJsonBytes = 16u << 20;

// The document, or the first problem:
//   "<what>: invalid JSON near byte N (at '...')"         a syntax error
//   "<what>: larger than 16 MB ..."                        too long
//   "<field>: nested deeper than 64 lists and objects ..." too deep
//   "<field>: 1e400 is not a finite number ..."            a number out of double's range
// <field> is the path of the value inside the document ("model.layers[0].units"), after
// `prefix` when one is given ("answer" gives "answer.patch.start[0]"); <what> when the problem
// is the whole document.
Result<nlohmann::json> parse_json_text(const std::string& text, const char* what,
                                       const std::string& prefix = "");

} // namespace landscape
