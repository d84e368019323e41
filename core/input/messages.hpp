// Why this file exists: a refusal of bad input is data, {field, code, args}, before it is words.
// The codes are stable identifiers (a page or a test tells refusals apart by them, never by their
// English), listed in one table here with the English each reads as; a page formats a refusal
// from its code and args with the same templates (catalog()'s "messages", web/src/kit/messages.js).
#pragma once

#include "input/result.hpp"

#include <string>
#include <vector>

namespace landscape {

// One refusal: the field it names ("model.layers[0].units"), the code of what is wrong
// ("integer_out_of_range") and the values its words need (["1", "256", "0"]), as text.
struct Refusal {
  std::string field = {};
  std::string code = {};
  std::vector<std::string> args = {};
};

// A code and its English: a template whose {0}, {1}, ... are the refusal's args.
struct MessageCode {
  const char* code;
  const char* english;
};

// Every code, in one table.
const std::vector<MessageCode>& message_codes();

// The English template of `code`, or nullptr for a code the table lacks.
const char* message_template(const std::string& code);

// `text` with each {i} replaced by args[i] ("{i}" left as it is when there is no args[i]).
std::string fill_template(const std::string& text, const std::vector<std::string>& args);

// "field: words", the one line every caller prints ("data.noise: must be >= 0 and <= 10 (got 11)").
std::string english(const Refusal& refusal);

// The refusal as an Error: its English, with its field, code and args.
Error refused(const Refusal& refusal);

// The English of composed parts: each part's template, filled with its args, one after the other.
std::string english(const std::vector<MessagePart>& parts);

// A message composed of parts (a run's outcome), as an Error: "field: " (when there is a field)
// and the parts' English; its code and args are the first part's that is not a field's name
// (field_prefix): what happened; its parts all.
// The parts are what a page words, in their order, from the same templates (formatMessage()).
Error composed(const std::string& field, std::vector<MessagePart> parts);

// The parts an Error's words are made of: its parts, or its one code and args; empty for a
// message not yet coded.
std::vector<MessagePart> parts_of(const Error& error);

// `inner` told as part of a larger outcome: "field: " (when there is one), the `head` parts, then
// inner's own field as a part ("{0}: ", code "field_prefix") and inner's parts: the same words as
// field + ": " + head's English + inner's message. A message not yet coded stays plain text.
Error nested(const std::string& field, std::vector<MessagePart> head, const Error& inner);

// `path` joined to a field inside it: "compare[0].patch" and "seed" give "compare[0].patch.seed",
// "answer" and "[2]" give "answer[2]", either one empty gives the other.
std::string field_in(const std::string& path, const std::string& field);

// An Error from reading a part of a larger input, named where that part is: a coded refusal
// keeps its code and args and its field is extended ("patch" and "lr" give "patch.lr"); a
// message not yet coded is prefixed ("patch: ...") as before.
Error inside(const std::string& path, const Error& inner);

} // namespace landscape
