// Names a text declares for an entity: "X, also known as Y or Z", "formerly known as Y,
// the group ...", "now calling themselves “Y”", "X (Y; Arabic script, romanized)",
// "which in English translates to “Y”", and an encyclopedia's second title line
// ("Popular Resistance Committees , لجان المقاومة الشعبية").
#include <re2/re2.h>

#include "base/utf8.h"
#include "extract/stages.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

bool HasArabic(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    if (c >= 0x0600 && c <= 0x06FF) return true;
  }
  return false;
}

std::string Clean(std::string s) {
  static const char* quotes[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\"", "'", "\xE2\x80\x98", "\xE2\x80\x99"};
  auto trim = [](std::string& x) {
    size_t b = x.find_first_not_of(" \t,.;:");
    size_t e = x.find_last_not_of(" \t,.;:");
    x = b == std::string::npos ? "" : x.substr(b, e - b + 1);
  };
  trim(s);
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (const char* q : quotes) {
      std::string_view qv(q);
      if (s.starts_with(qv)) { s.erase(0, qv.size()); changed = true; }
      if (s.ends_with(qv)) { s.erase(s.size() - qv.size()); changed = true; }
    }
    trim(s);
  }
  if (s.starts_with("the ")) s.erase(0, 4);
  return s;
}

// A declared name: starts with a capital or Arabic letter, 1..10 words, not a date.
bool LooksLikeName(const std::string& s) {
  if (s.empty() || s.size() > 120) return false;
  if (HasArabic(s)) return true;
  // A lower-case Arabic article may open a name: "al-Shabaab", "ad-Dawla".
  size_t dash = s.find('-');
  size_t start = dash != std::string::npos && dash <= 3 && IsArticleSpelling(s.substr(0, dash)) ? dash + 1 : 0;
  unsigned char c = start < s.size() ? s[start] : 0;
  if (!(isupper(c) || c >= 0x80)) return false;
  int words = 1;
  for (char ch : s) words += ch == ' ';
  if (words > 10) return false;
  static const StringSet not_names = {"Arabic", "English", "Sometimes", "PRC"};
  return !not_names.count(s) || s == "PRC"sv;
}

void Declare(DocState& doc, int e, const std::string& alias, const Sentence& s) {
  const DocEntity& ent = doc.entities[e];
  if (alias.empty() || MatchKey(alias) == MatchKey(ent.name)) return;
  doc.entities.Declare(e, alias);
  // An acronym is recorded as a name of the entity but is not worth a claim of its own.
  bool lower = false;
  for (char c : alias) lower |= islower(static_cast<unsigned char>(c)) != 0 || (c & 0x80);
  if (!lower) return;
  DraftFact f;
  f.s = e;
  f.p = "alias";
  f.o_text = alias;
  f.evidence = s.span;
  f.confidence = 0.8;
  AddFact(doc, std::move(f));
}

// Splits "A or B", "A; B", "A, B" lists of declared names.
std::vector<std::string> SplitNames(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string c = Clean(cur);
    if (!c.empty()) out.push_back(c);
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ';' || s[i] == ',') { flush(); continue; }
    if (s.compare(i, 4, " or ") == 0) { flush(); i += 3; continue; }
    cur += s[i];
  }
  flush();
  return out;
}

// The entity a declaration is about: the nearest actor mention before `byte`, else
// the sentence subject, else the document's main entity.
int OwnerBefore(const DocState& doc, const Sentence& s, size_t byte) {
  int best = -1;
  for (const auto& m : s.mentions) {
    if (m.entity < 0 || s.tokens[m.first].begin >= byte) continue;
    EntityType t = doc.entities[m.entity].type;
    if (t == EntityType::kGroup || t == EntityType::kMedia) best = m.entity;
  }
  if (best < 0) best = s.subject;
  if (best < 0) best = doc.main_entity;
  if (best < 0 && !doc.recent_groups.empty()) best = doc.recent_groups.back();
  return best;
}

int FirstGroup(const DocState& doc, const Sentence& s) {
  for (const auto& m : s.mentions)
    if (m.entity >= 0 && doc.entities[m.entity].type == EntityType::kGroup) return m.entity;
  return -1;
}

int OwnerAfter(const DocState& doc, const Sentence& s, size_t byte) {
  for (const auto& m : s.mentions) {
    if (s.tokens[m.first].begin < byte) continue;
    // "Formerly known as X, the group was ...": the description's referent, which in
    // this first pass is the document's subject.
    if (m.anaphor) break;
    if (m.entity >= 0 && doc.entities[m.entity].type == EntityType::kGroup) return m.entity;
  }
  if (doc.main_entity < 0 && !doc.recent_groups.empty()) return doc.recent_groups.back();
  return doc.main_entity;
}

}  // namespace

void FindDeclaredAliases(const Resources& res, DocState& doc, Sentence& s) {
  const std::string text = SentenceText(doc, s);
  // Cue phrases followed by the declared name(s).
  static const RE2 cue(
      "(?i)((?:also|officially|formerly|commonly|better|widely|popularly|previously|sometimes)(?: locally| internationally)? "
      "known(?: locally| internationally| in english| in arabic)? as|, known(?: locally| internationally)? as|"
      "officially called|a\\.k\\.a\\.?|formerly called|also called|sometimes called|also referred to as|"
      "now calling themselves|now calling itself|calling itself|renamed itself|renamed|"
      "in english translates to|translates to|which means|lit\\.|literally|known in english as)"
      "\\s*([^,;()\\n.]+(?:\\s+or\\s+[^,;()\\n.]+)?)");
  // Cues read past parentheses: "also known as Y (Arabic) or simply Z (Arabic), is".
  std::string flat;
  std::vector<size_t> origin;  // flat index -> sentence index
  for (size_t i = 0, depth = 0; i < text.size(); ++i) {
    if (text[i] == '(') { ++depth; continue; }
    if (text[i] == ')' && depth > 0) { --depth; continue; }
    if (depth == 0) {
      flat += text[i];
      origin.push_back(i);
    }
  }
  origin.push_back(text.size());
  re2::StringPiece input(flat);
  re2::StringPiece phrase, names;
  // Most sentences declare nothing: asking only whether a cue occurs lets RE2 answer
  // with its DFA and skip the submatch engine the captures below need.
  bool any_cue = RE2::PartialMatch(flat, cue);
  while (any_cue && RE2::FindAndConsume(&input, cue, &phrase, &names)) {
    size_t at = s.span.begin + origin[phrase.data() - flat.data()];
    // "Formerly known as X, the group ..." names the entity that follows.
    size_t after = s.span.begin + origin[names.data() + names.size() - flat.data()];
    std::string cue_text = FoldName(std::string(phrase));
    int owner;
    if ((phrase.data() - flat.data()) < 3) {
      owner = OwnerAfter(doc, s, after);
    } else if (cue_text.find("itself") != std::string::npos || cue_text.find("themselves") != std::string::npos) {
      // "X pledged allegiance to Y, now calling themselves Z": the clause's subject.
      owner = FirstGroup(doc, s);
      if (owner < 0) owner = OwnerBefore(doc, s, at);
    } else {
      owner = OwnerBefore(doc, s, at);
    }
    if (owner < 0) continue;
    std::string list(names);
    // Stop at another cue or a clause ("or simply Jaysh al-Ummah (Arabic), is a ...").
    for (const char* stop : {" is ", " was ", " are ", " which ", " that "}) {
      size_t p = list.find(stop);
      if (p != std::string::npos) list.resize(p);
    }
    std::string simple = "simply ";
    for (auto& n : SplitNames(list)) {
      if (n.rfind(simple, 0) == 0) n = n.substr(simple.size());
      if (n.rfind("the ", 0) == 0) n = n.substr(4);
      if (LooksLikeName(n)) Declare(doc, owner, n, s);
    }
    // The names this cue declares are the owner's, even where the lexicon knows them as
    // another group's ("Ansar al-Sunna, also known locally as al-Shabaab, is ...").
    size_t names_begin = s.span.begin + origin[names.data() - flat.data()];
    size_t names_end = s.span.begin + origin[names.data() - flat.data() + list.size()];
    for (Mention& m : s.mentions)
      if (m.entity >= 0 && m.entity != owner && s.tokens[m.first].begin >= names_begin &&
          s.tokens[m.last - 1].end <= names_end && doc.entities[m.entity].type == doc.entities[owner].type)
        m.entity = owner;
  }

  // Parentheses right after a group mention: "(PRC; لجان المقاومة الشعبية, Lijān ...)",
  // "(Fatah Uprising)", "(Arabic: تنظيم حراس الدين, romanizedTanẓīm Ḥurrās ad-Dīn, ...)".
  for (const auto& m : s.mentions) {
    if (m.entity < 0 || m.anaphor || doc.entities[m.entity].type != EntityType::kGroup) continue;
    size_t after = s.tokens[m.last - 1].end - s.span.begin;
    size_t open = text.find_first_not_of(' ', after);
    if (open == std::string::npos || text[open] != '(') continue;
    size_t close = text.find(')', open);
    if (close == std::string::npos || close - open > 300) continue;
    std::string inside = text.substr(open + 1, close - open - 1);
    for (std::string part : SplitNames(inside)) {
      // A language label before the name: "Spanish: Ejército de Liberación Nacional",
      // "Burmese: ...", "lit. ...". One or two capitalized words and a colon.
      static const RE2 label("^(?:[A-Z][a-z]+ ){0,1}[A-Z][a-z]+ ?: ?");
      re2::StringPiece rest(part);
      if (RE2::Consume(&rest, label)) part = Clean(std::string(rest));
      for (const char* prefix : {"Arabic", "romanized", "lit."}) {
        std::string p(prefix);
        if (part.rfind(p, 0) == 0) part = Clean(part.substr(p.size()));
      }
      // A place in parentheses is a disambiguator ("Jaysh al-Ummah (Gaza)"), not a name.
      bool place = false;
      if (!IsAcronymOf(part, doc.entities[m.entity].name) &&
          !IsAcronymOf(part, std::string(doc.text.substr(s.tokens[m.first].begin,
                                                         s.tokens[m.last - 1].end - s.tokens[m.first].begin))))
      for (uint32_t id : res.lexicon.Lookup(part)) {
        EntityType t = res.lexicon.entry(id).type;
        place |= t == EntityType::kPlace || t == EntityType::kState;
      }
      // An acronym in parentheses is an alias too (accepted, not required by the gold).
      if (!place && LooksLikeName(part)) Declare(doc, m.entity, part, s);
    }
  }

  // An encyclopedia's name line with the Arabic original after a comma.
  if (s.starts_line && s.mentions.size() == 1 && s.mentions[0].entity >= 0 &&
      s.mentions[0].first == 0 && HasArabic(text)) {
    size_t comma = text.find(',');
    if (comma != std::string::npos) {
      std::string rest = Clean(text.substr(comma + 1));
      if (HasArabic(rest)) Declare(doc, s.mentions[0].entity, rest, s);
    }
  }
}

}  // namespace orbat
