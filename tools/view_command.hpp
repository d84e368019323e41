// Why this file exists: the CLI's view commands (landscape slice|interpolate|connect|sharpness
// FILE), apart from landscape_cli.cpp so that file only dispatches to them.
#pragma once

#include <string>

// Whether `command` is one of the view commands.
bool is_view_command(const std::string& command);
// Prints the view's JSON (one line) on stdout; returns the exit status, with the message on
// stderr as "landscape: FILE: ..." on failure.
int run_view_command(const std::string& command, const std::string& file, const std::string& text);
