// The output model of extraction: what `orbat extract` prints for one document
// (spec/facts.md is the contract; field meanings must not drift from it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexicon/lexicon.h"

namespace orbat {

struct EntityOut {
  std::string name;                  // canonical where the lexicon knows the entity
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;  // forms seen in this document or declared by it
  std::string lexicon_id;            // empty for entities found by shape only
};

struct TimeSpan {
  std::string start;  // ISO at the text's precision, or empty
  std::string end;
  bool empty() const { return start.empty() && end.empty(); }
};

struct Evidence {
  std::string sentence;
  size_t begin = 0;  // code-point offsets into the document text, end exclusive
  size_t end = 0;
};

struct Fact {
  std::string s;
  std::string p;
  std::string o;
  std::optional<double> value;  // counts (defected_to), sizes
  TimeSpan time;
  std::string hedge;            // "", "claimed", "reported", "alleged", "estimated"
  Evidence evidence;
  double confidence = 0.5;
  bool negated = false;         // internal: dropped before output
};

struct DocumentFacts {
  std::string doc;
  std::string date;    // ISO or empty (printed as null)
  std::string title;
  std::string source;
  std::vector<EntityOut> entities;
  std::vector<Fact> facts;
};

}  // namespace orbat
