// Why this file exists: every JSON text the core reads (a scenario, its view, the playground's
// settings, an exercise) is read field by field with the same checks, and refused in the same
// words: one reader, whose failures are refusals as data (core/input/messages.hpp), the first one kept.
#pragma once

#include "input/messages.hpp"
#include "input/result.hpp"
#include "model/objective.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace landscape {

// The first failure of reading one document; later ones are dropped (a message names one field).
class FirstFailure {
public:
  bool failed() const { return !error_.message.empty(); }
  const std::string& message() const { return error_.message; }
  // A coded refusal (its field and args made printable, core/input/text.hpp).
  void refuse(Refusal refusal);
  // A failure not yet coded: the field it names and its English words ("field: words").
  void fail(const std::string& field, const std::string& words);
  // A failure from elsewhere, kept as it is (an Error of another reader, with its refusal if coded).
  void fail(const Error& error);
  const Error& error() const { return error_; }

private:
  Error error_;
};

// Reads the fields of one JSON object at `path` ("model.layers[0]"; "" for a document's top);
// each reader does nothing when the key is absent, and refuses a present value it cannot take.
// A value is stored only when it is good.
class FieldReader {
public:
  // Refuses a value that is not an object (not_object).
  FieldReader(const nlohmann::json& object, std::string path, FirstFailure& failure);

  bool ok() const { return !failure_.failed(); }
  bool has(const std::string& key) const { return object_.is_object() && object_.contains(key); }
  // The path of a field of this object: "model.layers[0].units".
  std::string at(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  const nlohmann::json& child(const std::string& key) const { return object_[key]; }
  const std::string& path() const { return path_; }

  // A refusal quotes at most `bytes` of a value or a field name from the input (core/input/text.hpp
  // printable()): a link's reader quotes 40, a scenario's the whole line.
  void quote_at_most(std::size_t bytes) { quoted_ = bytes; }

  void refuse(const std::string& field, const std::string& code, std::vector<std::string> args = {});
  void fail(const std::string& field, const std::string& words);

  // Refuses the first field not among `keys` (unknown_field, listing them).
  void known(const std::vector<std::string>& keys);
  void known(std::initializer_list<const char*> keys);
  // Refuses an absent `key` (missing); whether it is there.
  bool required(const std::string& key);
  void text(const std::string& key, std::string& out);
  void choice(const std::string& key, std::string& out, const std::vector<std::string>& allowed);
  void flag(const std::string& key, bool& out);
  // A finite number in [low, high]; open_low excludes low itself.
  void number(const std::string& key, double& out, double low, double high, bool open_low = false);
  // A whole number (1 and 1.0 alike) from low to high.
  void integer(const std::string& key, long long& out, long long low, long long high);
  void integer(const std::string& key, int& out, long long low, long long high);
  // An array of finite numbers.
  void numbers(const std::string& key, std::vector<double>& out);
  // An array of rows of equal length (points x columns); a row may be a single number.
  void rows(const std::string& key, Matrix& out);

private:
  const nlohmann::json& object_;
  std::string path_;
  FirstFailure& failure_;
  std::size_t quoted_ = 4096;
};

// A number as a refusal's args write it: 15 significant digits (0.5, 1000000, 1e-07).
std::string number_arg(double value);

} // namespace landscape
