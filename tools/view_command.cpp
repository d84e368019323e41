#include "view_command.hpp"

#include "landscape/landscape_view.hpp"

#include <iostream>

using namespace landscape;

bool is_view_command(const std::string& command) {
  for (const std::string& kind : view_kinds())
    if (command == kind) return true;
  return false;
}

int run_view_command(const std::string& command, const std::string& file, const std::string& text) {
  auto fail = [&](const std::string& message) {
    std::cerr << "landscape: " << file << ": " << message << "\n";
    return 1;
  };
  auto view = LandscapeView::create(text);
  if (!view) return fail(view.error());
  const std::string kind = to_string((*view)->spec().kind);
  if (kind != command)
    return fail("view.kind: the scenario's view is a " + kind + " (run `landscape " + kind + " " + file +
                "`)");
  auto out = (*view)->result_json();
  if (!out) return fail(out.error());
  std::cout << *out << "\n";
  return 0;
}
