#include "eval/scorer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "base/utf8.h"
#include "eval/norm.h"
#include "export/jsonl.h"

namespace orbat {

namespace {

const std::set<std::string> kSymmetric = {"ally", "rival", "clash"};
const std::set<std::string> kEvents = {"attack", "clash", "arrest", "capture", "threaten"};
const std::set<std::string> kDateValued = {"founded", "dissolved"};
const std::set<std::string> kNumberValued = {"size"};
const std::set<std::string> kTextValued = {"ideology", "funding", "alias"};
const std::set<std::string> kPredicates = {
    "ally", "rival", "affiliate_of", "part_of", "splinter_of", "merged_into", "member_of",
    "defected_to", "alias", "founded", "dissolved", "founder", "leader", "ideology", "area",
    "size", "designated_by", "funding", "media_outlet", "attack", "clash", "arrest",
    "capture", "threaten"};
const std::array<const char*, 6> kEntityTypes = {"group", "state", "person",
                                                 "place", "media", "other"};

const PyJson kNull;
const PyJson kEmptyString = "";

// obj.get(key): null when absent. score.py would crash on a non-object here; reading
// it as empty keeps one malformed fact from losing the whole evaluation.
const PyJson& Get(const PyJson& obj, const char* key) {
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

// Python's `x or y`.
const PyJson& Or(const PyJson& x, const PyJson& y) { return PyTruthy(x) ? x : y; }

// as_list(x): a list as itself, anything else as a one-element list.
std::vector<const PyJson*> AsList(const PyJson& x) {
  std::vector<const PyJson*> out;
  if (x.is_array()) {
    for (const PyJson& e : x) out.push_back(&e);
  } else {
    out.push_back(&x);
  }
  return out;
}

// Iterating a JSON value as Python's for-loop would: lists by element, dicts by key,
// strings by character; anything else yields nothing (Python would raise).
std::vector<PyJson> Iterate(const PyJson& x) {
  std::vector<PyJson> out;
  if (x.is_array()) {
    for (const PyJson& e : x) out.push_back(e);
  } else if (x.is_object()) {
    for (auto it = x.begin(); it != x.end(); ++it) out.push_back(it.key());
  } else if (x.is_string()) {
    const std::string& s = x.get_ref<const std::string&>();
    for (size_t i = 0; i < s.size();) {
      size_t at = i;
      DecodeUtf8(s, i);
      out.push_back(s.substr(at, i - at));
    }
  }
  return out;
}

std::string Str(const PyJson& v) { return PyStr(v); }

// Doc in score.py: the gold entities' folded names and aliases -> canonical name.
class GoldIndex {
 public:
  explicit GoldIndex(const PyJson& gold) {
    for (const PyJson& e : Iterate(Get(gold, "entities"))) {
      std::string canon = Str(Get(e, "name"));
      alias_.try_emplace(ScoreNormValue(Get(e, "name")), canon);  // setdefault
      for (const PyJson& a : Iterate(Get(e, "aliases"))) {
        alias_.try_emplace(ScoreNormValue(a), canon);
      }
    }
  }

  // The gold entity a name refers to, or "?" + the folded name.
  std::string Entity(const PyJson& name) const {
    std::string k;
    if (name.is_string()) {
      const std::string& s = name.get_ref<const std::string&>();
      auto m = memo_.find(s);
      if (m == memo_.end()) m = memo_.emplace(s, ScoreNormValue(name)).first;
      k = m->second;
    } else {
      k = ScoreNormValue(name);
    }
    auto it = alias_.find(k);
    return it != alias_.end() ? it->second : "?" + k;
  }

  bool ValueMatches(const std::string& p, const PyJson& gold_o, const PyJson& f) const {
    const PyJson& sys_o = Get(f, "o");
    if (kNumberValued.count(p)) {
      bool absent = sys_o.is_null() ||
                    (sys_o.is_string() && sys_o.get_ref<const std::string&>().empty());
      std::optional<double> got = ScoreNumberOf(absent ? Get(f, "value") : sys_o);
      if (!got) return false;
      for (const PyJson* g : AsList(gold_o)) {
        std::optional<double> want = ScoreNumberOf(*g);
        if (want && *want == *got) return true;
      }
      return false;
    }
    if (kDateValued.count(p)) {
      std::optional<std::string> got = ScoreYearOf(sys_o);
      if (!got) return false;
      for (const PyJson* g : AsList(gold_o)) {
        if (ScoreYearOf(*g) == got) return true;
      }
      return false;
    }
    if (kTextValued.count(p)) {
      // Free text and declared aliases match as text, never through entity resolution.
      std::string got = ScoreNormText(sys_o);
      if (got.empty()) return false;
      for (const PyJson* g : AsList(gold_o)) {
        if (ScoreNormText(*g) == got) return true;
      }
      return false;
    }
    std::string got = Entity(sys_o);
    for (const PyJson* g : AsList(gold_o)) {
      if (Entity(*g) == got) return true;
    }
    return false;
  }

  // `f`'s predicate is known to be one of kPredicates.
  bool FactMatches(const PyJson& g, const PyJson& f, const std::string& p) const {
    bool listed = false;
    for (const PyJson* gp : AsList(Get(g, "p"))) listed = listed || (*gp == p);
    if (!listed) return false;
    const PyJson& gs = Get(g, "s");
    const PyJson& go = Get(g, "o");
    bool same = Entity(Get(f, "s")) == Entity(gs) && ValueMatches(p, go, f);
    if (!same && kSymmetric.count(p) && Entity(Get(f, "o")) == Entity(gs)) {
      std::string fs = Entity(Get(f, "s"));
      for (const PyJson* x : AsList(go)) same = same || Entity(*x) == fs;
    }
    if (!same) return false;
    const PyJson& gt = Get(g, "time");
    if (kEvents.count(p) && PyTruthy(gt)) {
      // An event's gold year is part of its identity.
      std::optional<std::string> gy = ScoreYearOf(Or(Get(gt, "start"), Get(gt, "end")));
      const PyJson& t = Get(f, "time");
      return !gy || ScoreYearOf(Or(Get(t, "start"), Get(t, "end"))) == gy;
    }
    return true;
  }

 private:
  std::unordered_map<std::string, std::string> alias_;
  mutable std::unordered_map<std::string, std::string> memo_;
};

bool TimeAgrees(const PyJson& gold_time, const PyJson& sys_time) {
  for (const char* key : {"start", "end"}) {
    std::string g = Str(Or(Get(gold_time, key), kEmptyString));
    if (g.empty()) continue;
    std::string s = Str(Or(Get(sys_time, key), kEmptyString));
    if (s.compare(0, g.size(), g) != 0) return false;
  }
  return true;
}

// dedupe(): first fact per (norm(s), p, norm(str(o)), str(start or end or "")).
std::vector<const PyJson*> Dedupe(const std::vector<const PyJson*>& facts) {
  std::set<std::string> seen;
  std::vector<const PyJson*> out;
  for (const PyJson* f : facts) {
    const PyJson& t = Get(*f, "time");
    // Folded names hold no control characters, so \x1f separates unambiguously.
    std::string p = Get(*f, "p").dump(-1, ' ', false, PyJson::error_handler_t::replace);
    std::string key = ScoreNormValue(Get(*f, "s")) + '\x1f' + p + '\x1f' +
                      ScoreNorm(Str(Get(*f, "o"))) + '\x1f' +
                      Str(Or(Or(Get(t, "start"), Get(t, "end")), kEmptyString));
    if (seen.insert(key).second) out.push_back(f);
  }
  return out;
}

std::array<double, 3> Prf(long a, long b, long c) {
  double p = a + b ? static_cast<double>(a) / static_cast<double>(a + b) : 0.0;
  double r = a + c ? static_cast<double>(a) / static_cast<double>(a + c) : 0.0;
  double f = p + r ? 2 * p * r / (p + r) : 0.0;
  return {PyRound(p, 3), PyRound(r, 3), PyRound(f, 3)};
}

ScoreRow Row(const std::array<long, 3>& v) {
  return ScoreRow{v[0], v[1], v[2], Prf(v[0], v[1], v[2])[2]};
}

std::vector<const PyJson*> Elements(const PyJson& x) {
  std::vector<const PyJson*> out;
  if (x.is_array()) {
    for (const PyJson& e : x) out.push_back(&e);
  }
  return out;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, 0, "cannot open"};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error{path, 0, "cannot read"};
  return ss.str();
}

// json.dumps string form with ensure_ascii.
std::string PyJsonString(const std::string& s) {
  std::string out = "\"";
  char buf[16];
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else if (c < 0x10000) {
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          unsigned v = static_cast<unsigned>(c) - 0x10000;
          std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xd800 + (v >> 10),
                        0xdc00 + (v & 0x3ff));
          out += buf;
        }
    }
  }
  return out + "\"";
}

// Python's f"{s:14}": left-aligned, padded to a width in code points.
std::string PadRight(const std::string& s, size_t width) {
  size_t n = CodePointCount(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

std::string Fmt3(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

std::string RowLine(const std::string& name, const ScoreRow& r) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " %4ld %4ld %4ld  ", r.tp, r.fp, r.fn);
  return "  " + PadRight(name, 14) + buf + Fmt3(r.f1) + "\n";
}

}  // namespace

Result<std::vector<GoldDoc>> LoadGoldDir(const std::string& dir) {
  namespace fs = std::filesystem;
  static const std::string kSuffix = ".gold.json";
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() >= kSuffix.size() &&
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
      names.push_back(name);
    }
  }
  if (ec) return Error{dir, 0, ec.message()};
  std::sort(names.begin(), names.end());  // byte order = code-point order = sorted()
  std::vector<GoldDoc> golds;
  std::map<std::string, size_t> position;
  for (const std::string& name : names) {
    std::string path = (fs::path(dir) / name).string();
    Result<std::string> text = ReadFile(path);
    if (!text) return text.error();
    if (!IsValidUtf8(*text)) return Error{path, 0, "not UTF-8"};
    PyJson g = PyJson::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (g.is_discarded()) return Error{path, 0, "not JSON"};
    if (!g.is_object()) return Error{path, 0, "not a JSON object"};
    const PyJson& doc = Get(g, "doc");
    std::string id = PyTruthy(doc) ? Str(doc) : name.substr(0, name.size() - kSuffix.size());
    // A repeated id keeps its first place and the last file's content, as a dict does.
    auto [it, fresh] = position.try_emplace(id, golds.size());
    if (fresh) {
      golds.push_back(GoldDoc{id, std::move(g)});
    } else {
      golds[it->second].json = std::move(g);
    }
  }
  return golds;
}

SystemDocs ParseSystemJsonl(std::string_view text) {
  SystemDocs out;
  long number = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Universal newlines, as Python's text mode reads: \n, \r\n and \r end a line.
    size_t j = i;
    while (j < text.size() && text[j] != '\n' && text[j] != '\r') ++j;
    std::string_view line = text.substr(i, j - i);
    if (j < text.size() && text[j] == '\r' && j + 1 < text.size() && text[j + 1] == '\n') ++j;
    i = j + 1;
    ++number;
    bool blank = true;
    for (size_t k = 0; k < line.size() && blank;) blank = PyIsSpace(DecodeUtf8(line, k));
    if (blank) continue;
    std::string prefix = "line " + std::to_string(number) + ": ";
    if (line.substr(0, 3) == "\xEF\xBB\xBF") {  // nlohmann would skip it; json.loads refuses
      out.problems.push_back(prefix + "not JSON (Unexpected UTF-8 BOM (decode using "
                             "utf-8-sig): line 1 column 1 (char 0))");
      continue;
    }
    PyJson obj;
    try {
      obj = PyJson::parse(line);
    } catch (const PyJson::exception& e) {
      out.problems.push_back(prefix + "not JSON (" + e.what() + ")");
      continue;
    }
    if (!obj.is_object()) {  // score.py would stop with a traceback
      out.problems.push_back(prefix + "not a JSON object");
      continue;
    }
    const PyJson& doc = Get(obj, "doc");
    if (doc.is_string()) out.docs[doc.get<std::string>()] = std::move(obj);
  }
  return out;
}

Result<SystemDocs> LoadSystemJsonl(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text) return text.error();
  size_t bad = 0;
  if (!IsValidUtf8(*text, &bad)) {
    return Error{path, 0, "not UTF-8 (byte " + std::to_string(bad) + ")"};
  }
  return ParseSystemJsonl(*text);
}

SystemDocs SystemFromFacts(const std::vector<DocumentFacts>& docs) {
  SystemDocs out;
  for (const DocumentFacts& d : docs) out.docs[d.doc] = ToJson(d);
  return out;
}

ScoreSummary ScoreDocuments(const std::vector<GoldDoc>& golds, const SystemDocs& system,
                            bool verbose, std::vector<std::string>* report_out) {
  static const PyJson kEmptyOutput = {{"facts", PyJson::array()}, {"entities", PyJson::array()}};
  std::vector<std::string> report;
  ScoreSummary s;
  s.problems = system.problems;
  long tp = 0, fp = 0, fn = 0, t_ok = 0, t_all = 0, no_evidence = 0;
  std::map<std::string, std::array<long, 3>> per_p;
  std::map<std::string, std::array<long, 3>> ent;
  for (const char* t : kEntityTypes) ent[t] = {0, 0, 0};

  for (const GoldDoc& gd : golds) {
    const std::string& doc_id = gd.id;
    const PyJson& gold = gd.json;
    GoldIndex d(gold);
    auto found = system.docs.find(doc_id);
    const PyJson& out = found == system.docs.end() ? kEmptyOutput : found->second;
    if (found == system.docs.end()) s.problems.push_back(doc_id + ": no output for this document");

    std::vector<const PyJson*> all = Elements(Get(out, "facts"));
    std::vector<const PyJson*> facts;
    for (const PyJson* f : Dedupe(all)) {
      const PyJson& p = Get(*f, "p");
      if (p.is_string() && kPredicates.count(p.get<std::string>())) facts.push_back(f);
    }
    for (const PyJson* f : all) {
      const PyJson& p = Get(*f, "p");
      if (!(p.is_string() && kPredicates.count(p.get<std::string>()))) {
        s.problems.push_back(doc_id + ": unknown predicate " + PyRepr(p));
      }
      if (!PyTruthy(Get(Get(*f, "evidence"), "sentence"))) ++no_evidence;
    }

    std::vector<const PyJson*> gfacts = Elements(Get(gold, "facts"));
    std::vector<bool> matched(gfacts.size(), false);
    for (const PyJson* f : facts) {
      const std::string p = Get(*f, "p").get<std::string>();
      std::vector<size_t> hits;
      for (size_t i = 0; i < gfacts.size(); ++i) {
        if (d.FactMatches(*gfacts[i], *f, p)) hits.push_back(i);
      }
      if (hits.empty()) {
        ++fp;
        per_p[p][1] += 1;
        report.push_back("  FP " + doc_id + ": " + Str(Get(*f, "s")) + " " + p + " " +
                         Str(Get(*f, "o")) + " " + Str(Or(Get(*f, "time"), kEmptyString)));
        continue;
      }
      // The first gold fact not yet taken; a fact whose hits are all taken (or
      // optional) counts neither way.
      for (size_t i : hits) {
        const PyJson& g = *gfacts[i];
        if (PyTruthy(Get(g, "optional")) || matched[i]) continue;
        matched[i] = true;
        ++tp;
        per_p[p][0] += 1;
        const PyJson& gt = Get(g, "time");
        if (PyTruthy(gt)) {
          ++t_all;
          if (TimeAgrees(gt, Get(*f, "time"))) {
            ++t_ok;
          } else if (verbose) {
            report.push_back("  TIME " + doc_id + ": " + Str(Get(g, "s")) + " " + p + " " +
                             Str(Get(g, "o")) + " gold " + Str(gt) + " got " +
                             Str(Get(*f, "time")));
          }
        }
        break;
      }
    }
    for (size_t i = 0; i < gfacts.size(); ++i) {
      const PyJson& g = *gfacts[i];
      if (matched[i] || PyTruthy(Get(g, "optional"))) continue;
      ++fn;
      std::vector<const PyJson*> gp = AsList(Get(g, "p"));
      if (!gp.empty()) per_p[Str(*gp[0])][2] += 1;
      report.push_back("  FN " + doc_id + ": " + Str(Get(g, "s")) + " " + Str(Get(g, "p")) +
                       " " + Str(Get(g, "o")) + " " + Str(Or(Get(g, "time"), kEmptyString)));
    }

    // Entities: which gold entities did the system list (by name or alias).
    std::vector<const PyJson*> sys_entities = Elements(Get(out, "entities"));
    std::set<std::string> listed;
    for (const PyJson* e : sys_entities) listed.insert(d.Entity(Get(*e, "name")));
    for (const PyJson* e : sys_entities) {
      for (const PyJson& a : Iterate(Get(*e, "aliases"))) listed.insert(d.Entity(a));
    }
    std::map<std::string, std::string> gold_names;
    for (const PyJson* e : Elements(Get(gold, "entities"))) {
      const PyJson& t = e->contains("type") ? Get(*e, "type") : PyJson("other");
      gold_names[Str(Get(*e, "name"))] = t.is_string() ? t.get<std::string>() : "";
    }
    for (const auto& [name, type] : gold_names) {
      std::string t = ent.count(type) ? type : "other";
      if (listed.count(name)) {
        ent[t][0] += 1;
      } else {
        ent[t][2] += 1;
      }
    }
    for (const PyJson* e : sys_entities) {
      std::string k = d.Entity(Get(*e, "name"));
      if (!k.empty() && k[0] == '?') {
        const PyJson& t = Get(*e, "type");
        std::string type = "other";
        if (t.is_string() && ent.count(t.get<std::string>())) type = t.get<std::string>();
        ent[type][1] += 1;
      }
    }
  }

  s.documents = static_cast<long>(golds.size());
  s.tp = tp;
  s.fp = fp;
  s.fn = fn;
  std::array<double, 3> prf = Prf(tp, fp, fn);
  s.precision = prf[0];
  s.recall = prf[1];
  s.f1 = prf[2];
  if (t_all) s.time_accuracy = PyRound(static_cast<double>(t_ok) / static_cast<double>(t_all), 3);
  s.time_checked = t_all;
  s.facts_without_evidence = no_evidence;
  for (const auto& [p, v] : per_p) s.per_predicate.emplace_back(p, Row(v));
  for (const char* t : kEntityTypes) {
    const std::array<long, 3>& v = ent[t];
    if (v[0] || v[1] || v[2]) s.entities.emplace_back(t, Row(v));
  }
  if (report_out) *report_out = std::move(report);
  return s;
}

ScoreSummary ScoreDocuments(const std::vector<GoldDoc>& gold,
                            const std::vector<DocumentFacts>& system, bool verbose,
                            std::vector<std::string>* report) {
  return ScoreDocuments(gold, SystemFromFacts(system), verbose, report);
}

Result<ScoreSummary> ScoreFiles(const std::string& gold_dir, const std::string& system_jsonl,
                                bool verbose, std::vector<std::string>* report) {
  Result<std::vector<GoldDoc>> gold = LoadGoldDir(gold_dir);
  if (!gold) return gold.error();
  Result<SystemDocs> system = LoadSystemJsonl(system_jsonl);
  if (!system) return system.error();
  return ScoreDocuments(*gold, *system, verbose, report);
}

std::string RenderScoreText(const ScoreSummary& s, const std::vector<std::string>& report,
                            bool verbose) {
  std::string out;
  out += "documents " + std::to_string(s.documents) + "\n";
  out += "facts     P " + Fmt3(s.precision) + "  R " + Fmt3(s.recall) + "  F1 " + Fmt3(s.f1) +
         "  (tp " + std::to_string(s.tp) + " fp " + std::to_string(s.fp) + " fn " +
         std::to_string(s.fn) + ")\n";
  out += "time      " + (s.time_accuracy ? PyFloatRepr(*s.time_accuracy) : std::string("None")) +
         " of " + std::to_string(s.time_checked) + " matched facts with a gold time\n";
  out += "no evidence on " + std::to_string(s.facts_without_evidence) + " facts\n";
  out += "predicate        tp   fp   fn   f1\n";
  for (const auto& [p, r] : s.per_predicate) out += RowLine(p, r);
  out += "entity type      tp   fp   fn   f1\n";
  for (const auto& [t, r] : s.entities) out += RowLine(t, r);
  for (const std::string& p : s.problems) out += "problem: " + p + "\n";
  if (verbose) {
    for (size_t i = 0; i < report.size(); ++i) {
      if (i) out += "\n";
      out += report[i];
    }
    out += "\n";
  }
  return out;
}

std::string RenderScoreJson(const ScoreSummary& s) {
  auto num = [](double x) { return PyFloatRepr(x); };
  auto rows = [&](const std::vector<std::pair<std::string, ScoreRow>>& v) {
    if (v.empty()) return std::string("{}");
    std::string out = "{";
    for (size_t i = 0; i < v.size(); ++i) {
      const ScoreRow& r = v[i].second;
      out += i ? ",\n  " : "\n  ";
      out += PyJsonString(v[i].first) + ": {\n   \"tp\": " + std::to_string(r.tp) +
             ",\n   \"fp\": " + std::to_string(r.fp) + ",\n   \"fn\": " + std::to_string(r.fn) +
             ",\n   \"f1\": " + num(r.f1) + "\n  }";
    }
    return out + "\n }";
  };
  std::string out = "{\n";
  out += " \"documents\": " + std::to_string(s.documents) + ",\n";
  out += " \"facts\": {\n  \"tp\": " + std::to_string(s.tp) + ",\n  \"fp\": " +
         std::to_string(s.fp) + ",\n  \"fn\": " + std::to_string(s.fn) +
         ",\n  \"precision\": " + num(s.precision) + ",\n  \"recall\": " + num(s.recall) +
         ",\n  \"f1\": " + num(s.f1) + "\n },\n";
  out += " \"time_accuracy\": " +
         (s.time_accuracy ? num(*s.time_accuracy) : std::string("null")) + ",\n";
  out += " \"time_checked\": " + std::to_string(s.time_checked) + ",\n";
  out += " \"facts_without_evidence\": " + std::to_string(s.facts_without_evidence) + ",\n";
  out += " \"per_predicate\": " + rows(s.per_predicate) + ",\n";
  out += " \"entities\": " + rows(s.entities) + ",\n";
  out += " \"problems\": ";
  if (s.problems.empty()) {
    out += "[]";
  } else {
    out += "[";
    for (size_t i = 0; i < s.problems.size(); ++i) {
      out += (i ? ",\n  " : "\n  ") + PyJsonString(s.problems[i]);
    }
    out += "\n ]";
  }
  return out + "\n}\n";
}

}  // namespace orbat
