// JSON Lines form of extracted facts: the output contract of `orbat extract --format
// jsonl` (spec/facts.md), and its reader, which eval and the graph store share.
//
// Writing is deterministic: keys in a fixed order, numbers in nlohmann's shortest
// round-trip form, so the same DocumentFacts always gives the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "extract/facts.h"

namespace orbat {

// The object for one document. Key order: doc, date, title?, source?, entities, facts.
// Negated facts are internal and never written. An entity's lexicon_id is written as
// "id" when set (an extra field; the scorer ignores it).
nlohmann::ordered_json ToJson(const DocumentFacts& doc);

// ToJson as one line, without the trailing newline.
std::string ToJsonLine(const DocumentFacts& doc);

// Reads one object back. Lenient where the spec allows absence (date, time, hedge,
// value, evidence, aliases are optional; unknown entity types read as kOther; unknown
// extra fields are ignored), strict where a wrong type would lose data silently.
Result<DocumentFacts> FromJson(const nlohmann::ordered_json& obj);
Result<DocumentFacts> FromJsonLine(std::string_view line);

// Reads a whole JSONL file; blank lines are skipped. Errors name file and line.
Result<std::vector<DocumentFacts>> ReadFactsJsonl(const std::string& path);

}  // namespace orbat
