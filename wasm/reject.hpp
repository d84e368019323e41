// Why this file exists: binding files other than bindings.cpp (view_bindings.cpp) share its one
// error convention: a failing bound function records the core's message here and returns a
// harmless value; errors.js throws it once the call has returned.
#pragma once

#include <string>

namespace landscape_bindings {
// Records the first failure of the current call (bindings.cpp's reject()).
void reject_message(const std::string& message);
} // namespace landscape_bindings
