// Why this file exists: the core reports bad input and numerical trouble as values,
// not exceptions, so the same code runs natively and in WebAssembly built without
// C++ exception support (where a throw would abort the page's worker).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace landscape {

// One part of a message composed of parts (a run's outcome: a head, a clause, a reason, a tail):
// the code of its English template, which carries its own separators (" (...)", "; ..."), and its
// args. The message's English is its parts' English, one after the other.
struct MessagePart {
  std::string code = {};
  std::vector<std::string> args = {};
};

struct Error {
  std::string message; // one line, names the offending field, e.g. "model.layers[0].units: must be >= 1"
  // The same refusal as data (core/input/messages.hpp): the field, the code of the message's English
  // template and its args. Empty for a message not yet coded (only `message` then).
  // (Default member initializers: Error{"message"} stays a complete initialisation.)
  std::string field = {};
  std::string code = {};
  std::vector<std::string> args = {};
  // A composed message (core/input/messages.hpp composed()): its parts, the first of which is
  // also `code` and `args` (what happened); empty for a message of one template.
  std::vector<MessagePart> parts = {};
};

template <class T> class Result {
public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<1>(state_).message; }
  // The whole refusal: the message with its field, code and args.
  const Error& failure() const { return std::get<1>(state_); }

private:
  std::variant<T, Error> state_;
};

} // namespace landscape
