#include "export/jsonl.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/utf8.h"

namespace orbat {

using Json = nlohmann::ordered_json;

namespace {

// Two decimals are all a confidence means; fewer digits also keep lines short and
// stable across platforms whose arithmetic differs in the last bits.
double RoundConfidence(double c) {
  if (!std::isfinite(c)) return 0.0;
  c = std::min(1.0, std::max(0.0, c));
  return std::round(c * 100.0) / 100.0;
}

// Counts print as 400, not 400.0 (the spec example); anything past 2^53 or with a
// fraction stays a double.
Json NumberJson(double v) {
  if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
    return Json(static_cast<int64_t>(v));
  }
  return Json(v);
}

Json StringOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json FactJson(const Fact& f) {
  Json j = Json::object();
  j["s"] = f.s;
  j["p"] = f.p;
  j["o"] = f.o;
  if (f.value && std::isfinite(*f.value)) j["value"] = NumberJson(*f.value);
  if (f.time.empty()) {
    j["time"] = nullptr;
  } else {
    Json t = Json::object();
    if (!f.time.start.empty()) t["start"] = f.time.start;
    if (!f.time.end.empty()) t["end"] = f.time.end;
    j["time"] = std::move(t);
  }
  j["hedge"] = StringOrNull(f.hedge);
  j["evidence"] = Json{{"sentence", f.evidence.sentence},
                       {"begin", f.evidence.begin},
                       {"end", f.evidence.end}};
  j["confidence"] = RoundConfidence(f.confidence);
  return j;
}

Error Bad(std::string message) { return Error{"", 0, std::move(message)}; }

// Reads an optional string member: absent or null -> "", a string -> itself.
bool GetString(const Json& obj, const char* key, std::string* out, std::string* err) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) { out->clear(); return true; }
  if (it->is_string()) { *out = it->get<std::string>(); return true; }
  if (it->is_number()) { *out = it->dump(); return true; }  // "o": 1600 from other systems
  *err = std::string("\"") + key + "\" is not a string";
  return false;
}

bool GetOffset(const Json& obj, const char* key, size_t* out, std::string* err) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) { *out = 0; return true; }
  if (it->is_number_unsigned() || (it->is_number_integer() && it->get<int64_t>() >= 0)) {
    *out = it->get<size_t>();
    return true;
  }
  *err = std::string("\"") + key + "\" is not a non-negative integer";
  return false;
}

Result<Fact> FactFromJson(const Json& j) {
  if (!j.is_object()) return Bad("fact is not an object");
  Fact f;
  std::string err;
  if (!GetString(j, "s", &f.s, &err) || !GetString(j, "p", &f.p, &err) ||
      !GetString(j, "o", &f.o, &err) || !GetString(j, "hedge", &f.hedge, &err)) {
    return Bad("fact: " + err);
  }
  if (auto it = j.find("value"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return Bad("fact: \"value\" is not a number");
    f.value = it->get<double>();
  }
  if (auto it = j.find("time"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return Bad("fact: \"time\" is not an object");
    if (!GetString(*it, "start", &f.time.start, &err) ||
        !GetString(*it, "end", &f.time.end, &err)) {
      return Bad("fact time: " + err);
    }
  }
  if (auto it = j.find("evidence"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return Bad("fact: \"evidence\" is not an object");
    if (!GetString(*it, "sentence", &f.evidence.sentence, &err) ||
        !GetOffset(*it, "begin", &f.evidence.begin, &err) ||
        !GetOffset(*it, "end", &f.evidence.end, &err)) {
      return Bad("fact evidence: " + err);
    }
  }
  if (auto it = j.find("confidence"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return Bad("fact: \"confidence\" is not a number");
    f.confidence = it->get<double>();
  }
  return f;
}

Result<EntityOut> EntityFromJson(const Json& j) {
  if (!j.is_object()) return Bad("entity is not an object");
  EntityOut e;
  std::string err, type;
  if (!GetString(j, "name", &e.name, &err) || !GetString(j, "type", &type, &err) ||
      !GetString(j, "id", &e.lexicon_id, &err)) {
    return Bad("entity: " + err);
  }
  e.type = ParseEntityType(type).value_or(EntityType::kOther);
  if (auto it = j.find("aliases"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Bad("entity: \"aliases\" is not a list");
    for (const Json& a : *it) {
      if (!a.is_string()) return Bad("entity: an alias is not a string");
      e.aliases.push_back(a.get<std::string>());
    }
  }
  return e;
}

}  // namespace

Json ToJson(const DocumentFacts& doc) {
  Json j = Json::object();
  j["doc"] = doc.doc;
  j["date"] = StringOrNull(doc.date);
  if (!doc.title.empty()) j["title"] = doc.title;
  if (!doc.source.empty()) j["source"] = doc.source;
  Json entities = Json::array();
  for (const EntityOut& e : doc.entities) {
    Json je = Json::object();
    je["name"] = e.name;
    je["type"] = EntityTypeName(e.type);
    je["aliases"] = e.aliases;
    if (!e.lexicon_id.empty()) je["id"] = e.lexicon_id;
    entities.push_back(std::move(je));
  }
  j["entities"] = std::move(entities);
  Json facts = Json::array();
  for (const Fact& f : doc.facts) {
    if (!f.negated) facts.push_back(FactJson(f));
  }
  j["facts"] = std::move(facts);
  return j;
}

// ToJsonLine writes the bytes ToJson(doc).dump() would, without building the tree:
// output is a tenth of extraction time through nlohmann, a fiftieth this way.
// jsonl_test.cc holds the two to the same bytes.
namespace {

// Non-ASCII stays UTF-8 (readable, and what the scorer reads); invalid bytes would
// make the line unreadable, so they are replaced rather than thrown on (nlohmann's
// replacement rules, by asking nlohmann for such strings).
void AppendString(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.substr(run));
  out += '"';
}

void AppendStringOrNull(std::string& out, const std::string& s) {
  if (s.empty()) out += "null";
  else AppendString(out, s);
}

void AppendKey(std::string& out, std::string_view key, bool& first) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out += key;
  out += "\":";
}

void AppendNumber(std::string& out, double v) {
  if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
    out += std::to_string(static_cast<int64_t>(v));
  } else {
    out += NumberJson(v).dump();
  }
}

// nlohmann's text for each rounded confidence k/100, computed once.
const std::string& ConfidenceText(double c) {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t;
    for (int k = 0; k <= 100; ++k) t.push_back(Json(RoundConfidence(k / 100.0)).dump());
    return t;
  }();
  return table[static_cast<size_t>(std::lround(RoundConfidence(c) * 100.0))];
}

void AppendFact(std::string& out, const Fact& f) {
  bool first = true;
  out += '{';
  AppendKey(out, "s", first);
  AppendString(out, f.s);
  AppendKey(out, "p", first);
  AppendString(out, f.p);
  AppendKey(out, "o", first);
  AppendString(out, f.o);
  if (f.value && std::isfinite(*f.value)) {
    AppendKey(out, "value", first);
    AppendNumber(out, *f.value);
  }
  AppendKey(out, "time", first);
  if (f.time.empty()) {
    out += "null";
  } else {
    bool tfirst = true;
    out += '{';
    if (!f.time.start.empty()) {
      AppendKey(out, "start", tfirst);
      AppendString(out, f.time.start);
    }
    if (!f.time.end.empty()) {
      AppendKey(out, "end", tfirst);
      AppendString(out, f.time.end);
    }
    out += '}';
  }
  AppendKey(out, "hedge", first);
  AppendStringOrNull(out, f.hedge);
  AppendKey(out, "evidence", first);
  out += "{\"sentence\":";
  AppendString(out, f.evidence.sentence);
  out += ",\"begin\":" + std::to_string(f.evidence.begin) + ",\"end\":" + std::to_string(f.evidence.end) + '}';
  AppendKey(out, "confidence", first);
  out += ConfidenceText(f.confidence);
  out += '}';
}

}  // namespace

std::string ToJsonLine(const DocumentFacts& doc) {
  std::string out;
  out.reserve(1024 + doc.facts.size() * 256);
  bool first = true;
  out += '{';
  AppendKey(out, "doc", first);
  AppendString(out, doc.doc);
  AppendKey(out, "date", first);
  AppendStringOrNull(out, doc.date);
  if (!doc.title.empty()) {
    AppendKey(out, "title", first);
    AppendString(out, doc.title);
  }
  if (!doc.source.empty()) {
    AppendKey(out, "source", first);
    AppendString(out, doc.source);
  }
  AppendKey(out, "entities", first);
  out += '[';
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const EntityOut& e = doc.entities[i];
    if (i) out += ',';
    bool efirst = true;
    out += '{';
    AppendKey(out, "name", efirst);
    AppendString(out, e.name);
    AppendKey(out, "type", efirst);
    AppendString(out, EntityTypeName(e.type));
    AppendKey(out, "aliases", efirst);
    out += '[';
    for (size_t k = 0; k < e.aliases.size(); ++k) {
      if (k) out += ',';
      AppendString(out, e.aliases[k]);
    }
    out += ']';
    if (!e.lexicon_id.empty()) {
      AppendKey(out, "id", efirst);
      AppendString(out, e.lexicon_id);
    }
    out += '}';
  }
  out += ']';
  AppendKey(out, "facts", first);
  out += '[';
  bool ffirst = true;
  for (const Fact& f : doc.facts) {
    if (f.negated) continue;
    if (!ffirst) out += ',';
    ffirst = false;
    AppendFact(out, f);
  }
  out += "]}";
  return out;
}

Result<DocumentFacts> FromJson(const Json& j) {
  if (!j.is_object()) return Bad("not a JSON object");
  DocumentFacts d;
  std::string err;
  if (!GetString(j, "doc", &d.doc, &err) || !GetString(j, "date", &d.date, &err) ||
      !GetString(j, "title", &d.title, &err) || !GetString(j, "source", &d.source, &err)) {
    return Bad(err);
  }
  if (auto it = j.find("entities"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Bad("\"entities\" is not a list");
    for (const Json& je : *it) {
      Result<EntityOut> e = EntityFromJson(je);
      if (!e) return e.error();
      d.entities.push_back(std::move(*e));
    }
  }
  if (auto it = j.find("facts"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Bad("\"facts\" is not a list");
    for (const Json& jf : *it) {
      Result<Fact> f = FactFromJson(jf);
      if (!f) return f.error();
      d.facts.push_back(std::move(*f));
    }
  }
  return d;
}

Result<DocumentFacts> FromJsonLine(std::string_view line) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("not JSON");
  return FromJson(j);
}

Result<std::vector<DocumentFacts>> ReadFactsJsonl(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, 0, "cannot open"};
  std::vector<DocumentFacts> docs;
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    Result<DocumentFacts> d = FromJsonLine(line);
    if (!d) return Error{path, number, d.error().message};
    docs.push_back(std::move(*d));
  }
  return docs;
}

}  // namespace orbat
