// Why this file exists: JSON text from a page or a file is parsed without exceptions (the wasm
// build has none), with the place of a syntax error in the message, the same way for scenarios
// and for the files built on them (exercises, answers).
#pragma once

#include "result.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace landscape {

// The document, or "<what>: invalid JSON near byte N (at '...')" (printable).
Result<nlohmann::json> parse_json_text(const std::string& text, const char* what);

} // namespace landscape
