// Why this file exists: binding files other than bindings.cpp (view_bindings.cpp) share its one
// error convention: a failing bound function records the core's refusal here and returns a
// harmless value; errors.js throws it once the call has returned.
#pragma once

#include "input/result.hpp"

#include <optional>
#include <string>

namespace landscape_bindings {
// Records the first failure of the current call (bindings.cpp's reject()): a message, or an
// Error with its refusal as data (field, code, args), which errors.js sets on the JS Error.
void reject_message(const std::string& message);
void reject_message(const landscape::Error& error);

// A count passed as a JavaScript number, read by the core's whole_number() (core/input/limits.hpp);
// nullopt, with the refusal recorded, when it is not a whole number from lo to hi.
std::optional<long long> count_argument(double value, const char* field, long long lo, long long hi);
} // namespace landscape_bindings
