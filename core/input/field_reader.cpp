#include "input/field_reader.hpp"

#include "input/scenario.hpp"
#include "input/text.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace landscape {

using nlohmann::json;

void FirstFailure::refuse(Refusal refusal) {
  if (failed()) return;
  // Fields and args echo the input (an unknown field's name, a kind): each one printable line.
  refusal.field = printable(refusal.field);
  for (std::string& arg : refusal.args) arg = printable(arg);
  error_ = refused(refusal);
}

void FirstFailure::fail(const std::string& field, const std::string& words) {
  if (failed()) return;
  error_ = Error{printable(field + ": " + words), printable(field), "", {}};
}

void FirstFailure::fail(const Error& error) {
  if (failed()) return;
  error_ = error;
  if (error_.message.empty()) error_.message = "error";
}

std::string number_arg(double value) {
  std::ostringstream text;
  text << std::setprecision(15) << value; // 1000000, not 1e+06; 0.1, not 0.100000000000000006
  return text.str();
}

FieldReader::FieldReader(const json& object, std::string path, FirstFailure& failure)
    : object_(object), path_(std::move(path)), failure_(failure) {
  if (!object_.is_object()) refuse(path_, "not_object");
}

void FieldReader::refuse(const std::string& field, const std::string& code, std::vector<std::string> args) {
  failure_.refuse(Refusal{field, code, std::move(args)});
}

void FieldReader::fail(const std::string& field, const std::string& words) { failure_.fail(field, words); }

void FieldReader::known(const std::vector<std::string>& keys) {
  if (!object_.is_object()) return;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) != keys.end()) continue;
    // An empty key is named as JSON writes it: a message names a field, never nothing.
    const std::string name = it.key().empty() ? std::string("\"\"") : printable(it.key(), quoted_);
    return refuse(at(name), "unknown_field", {join(keys)});
  }
}

void FieldReader::known(std::initializer_list<const char*> keys) {
  known(std::vector<std::string>(keys.begin(), keys.end()));
}

bool FieldReader::required(const std::string& key) {
  if (has(key)) return true;
  if (object_.is_object()) refuse(at(key), "missing");
  return false;
}

void FieldReader::text(const std::string& key, std::string& out) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_string()) return refuse(at(key), "not_string");
  out = v.get<std::string>();
}

void FieldReader::choice(const std::string& key, std::string& out, const std::vector<std::string>& allowed) {
  if (!has(key)) return;
  std::string value;
  text(key, value);
  if (!ok()) return;
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
    return refuse(at(key), "unknown_choice", {printable(value, quoted_), join(allowed)});
  out = value;
}

void FieldReader::flag(const std::string& key, bool& out) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_boolean()) return refuse(at(key), "not_flag");
  out = v.get<bool>();
}

void FieldReader::number(const std::string& key, double& out, double low, double high, bool open_low) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_number()) return refuse(at(key), "not_number");
  const double x = v.get<double>();
  if (!std::isfinite(x)) return refuse(at(key), "not_finite");
  if (x < low || (open_low && x == low) || x > high)
    return refuse(at(key), open_low ? "out_of_open_range" : "out_of_range",
                  {number_arg(low), number_arg(high), number_arg(x)});
  out = x;
}

void FieldReader::integer(const std::string& key, long long& out, long long low, long long high) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_number_integer() && !(v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()))
    return refuse(at(key), "not_integer");
  const double x = v.get<double>();
  if (x < double(low) || x > double(high))
    return refuse(at(key), "integer_out_of_range",
                  {std::to_string(low), std::to_string(high), number_arg(x)});
  out = static_cast<long long>(x);
}

void FieldReader::integer(const std::string& key, int& out, long long low, long long high) {
  long long value = out;
  integer(key, value, low, high);
  out = static_cast<int>(value);
}

void FieldReader::numbers(const std::string& key, std::vector<double>& out) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_array()) return refuse(at(key), "not_number_list");
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number() || !std::isfinite(v[i].get<double>()))
      return refuse(at(key) + "[" + std::to_string(i) + "]", "not_finite_item");
    out.push_back(v[i].get<double>());
  }
}

void FieldReader::rows(const std::string& key, Matrix& out) {
  if (!has(key)) return;
  const json& v = object_[key];
  if (!v.is_array() || v.empty()) return refuse(at(key), "not_rows");
  if (v.size() > std::size_t(kMaxPoints))
    return refuse(at(key), "too_many_points", {std::to_string(kMaxPoints)});
  const bool scalar_rows = v[0].is_number();
  const std::size_t cols = scalar_rows ? 1 : (v[0].is_array() ? v[0].size() : 0);
  if (cols == 0 || cols > std::size_t(kMaxInputs)) return refuse(at(key) + "[0]", "not_row");
  out.resize(Eigen::Index(v.size()), Eigen::Index(cols));
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string where = at(key) + "[" + std::to_string(i) + "]";
    if (scalar_rows) {
      if (!v[i].is_number() || !std::isfinite(v[i].get<double>())) return refuse(where, "not_finite_item");
      out(Eigen::Index(i), 0) = v[i].get<double>();
      continue;
    }
    if (!v[i].is_array() || v[i].size() != cols) return refuse(where, "ragged_row", {std::to_string(cols)});
    for (std::size_t j = 0; j < cols; ++j) {
      if (!v[i][j].is_number() || !std::isfinite(v[i][j].get<double>()))
        return refuse(where + "[" + std::to_string(j) + "]", "not_finite_item");
      out(Eigen::Index(i), Eigen::Index(j)) = v[i][j].get<double>();
    }
  }
}

} // namespace landscape
