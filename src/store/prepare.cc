#include "store/prepare.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "graph/model.h"
#include "lexicon/lexicon.h"
#include "store/hash.h"
#include "text/normalize.h"

namespace orbat::store {

namespace {

std::string TypeFor(const std::string& p, bool subject) {
  if (subject) return "group";
  if (p == "founder" || p == "leader") return "person";
  if (p == "area" || p == "capture") return "place";
  if (p == "designated_by") return "state";
  if (p == "media_outlet") return "media";
  if (graph::IsRelation(p)) return "group";
  return "other";
}

// Country of the best place/state entry for a name (preferring `id` when given).
std::string CountryOf(const Lexicon& lex, const std::string& name, const std::string& id = "") {
  std::string fallback;
  for (uint32_t i : lex.Lookup(name)) {
    const LexEntry& e = lex.entry(i);
    if (!id.empty() && e.id == id) return e.country;
    if (fallback.empty() && !e.country.empty() &&
        (e.type == EntityType::kPlace || e.type == EntityType::kState))
      fallback = e.country;
  }
  return id.empty() ? fallback : std::string();
}

// "Ansar al-Sharia in Libya", "Ansar al-Sharia (Yemen)" -> "Libya", "Yemen".
std::string Qualifier(const std::string& name) {
  if (!name.empty() && name.back() == ')') {
    size_t open = name.rfind('(');
    if (open != std::string::npos) return name.substr(open + 1, name.size() - open - 2);
  }
  for (const char* sep : {" in ", " of "}) {
    size_t pos = name.rfind(sep);
    if (pos != std::string::npos) return name.substr(pos + std::string(sep).size());
  }
  return {};
}

}  // namespace

std::string ContentHash(const Document& doc) {
  uint64_t h = Fnv1a64(doc.text);
  h = Fnv1a64("\x1f" + doc.title + "\x1f" + doc.date + "\x1f" + doc.source, h);
  return HexHash(h);
}

StoredDoc PrepareDocument(const Document& doc, const DocumentFacts& facts, const Lexicon* lexicon) {
  StoredDoc d;
  d.key = !facts.doc.empty() ? facts.doc : doc.id;
  d.source = !doc.url.empty() ? doc.url : (!facts.source.empty() ? facts.source : doc.source);
  d.path = doc.source;
  d.hash = ContentHash(doc);
  d.date = !facts.date.empty() ? facts.date : doc.date;
  d.title = !facts.title.empty() ? facts.title : doc.title;
  d.text = doc.text;

  std::unordered_map<std::string, size_t> by_key;
  auto index = [&](const std::string& name, size_t i) {
    std::string k = MatchKey(name);
    if (!k.empty()) by_key.emplace(k, i);
  };
  for (const EntityOut& e : facts.entities) {
    StoredMention m;
    m.name = e.name;
    m.type = EntityTypeName(e.type);
    m.lexicon_id = e.lexicon_id;
    m.aliases = e.aliases;
    d.mentions.push_back(std::move(m));
  }
  // Names first so that an alias never shadows another entity's own name.
  for (size_t i = 0; i < d.mentions.size(); ++i) index(d.mentions[i].name, i);
  for (size_t i = 0; i < d.mentions.size(); ++i)
    for (const auto& a : d.mentions[i].aliases) index(a, i);

  auto mention_for = [&](const std::string& name, const std::string& type) -> std::optional<size_t> {
    std::string k = MatchKey(name);
    if (k.empty()) return std::nullopt;
    auto it = by_key.find(k);
    if (it != by_key.end()) return it->second;
    if (type.empty()) return std::nullopt;
    StoredMention m;
    m.name = name;
    m.type = type;
    d.mentions.push_back(std::move(m));
    by_key[k] = d.mentions.size() - 1;
    return d.mentions.size() - 1;
  };

  for (const Fact& f : facts.facts) {
    if (f.negated || f.s.empty() || f.p.empty()) continue;
    StoredClaim c;
    auto s = mention_for(f.s, "group");
    if (!s) continue;
    c.s = *s;
    c.p = f.p;
    c.o_text = f.o;
    if (graph::IsEntityObject(f.p) && !f.o.empty()) {
      bool create = !graph::IsEvent(f.p) || f.p == "capture";
      c.o = mention_for(f.o, create ? TypeFor(f.p, false) : "");
    }
    c.value = f.value;
    if (!c.value && f.p == "size" && !f.o.empty()) {
      try {
        size_t used = 0;
        double v = std::stod(f.o, &used);
        if (used > 0) c.value = v;
      } catch (...) {
      }
    }
    c.start = f.time.start;
    c.end = f.time.end;
    c.hedge = f.hedge;
    c.confidence = f.confidence;
    c.sentence = f.evidence.sentence;
    c.begin = static_cast<int64_t>(f.evidence.begin);
    c.end_offset = static_cast<int64_t>(f.evidence.end);
    d.claims.push_back(std::move(c));
  }

  if (lexicon) {
    // Trust a lexicon id only when the lexicon knows the mention's name (or a declared
    // alias) as that entry; drop declared aliases the lexicon knows as another entity's
    // name. Both guard the graph against one mislinked mention joining two groups.
    auto knows = [&](const std::string& name, const std::string& id) {
      for (uint32_t i : lexicon->Lookup(name))
        if (lexicon->entry(i).id == id) return true;
      return false;
    };
    for (StoredMention& m : d.mentions) {
      if (!m.lexicon_id.empty()) {
        bool ok = knows(m.name, m.lexicon_id);
        for (const auto& a : m.aliases) ok = ok || knows(a, m.lexicon_id);
        if (!ok) m.lexicon_id.clear();
      }
      std::vector<std::string> kept;
      for (const auto& a : m.aliases) {
        auto hits = lexicon->Lookup(a);
        bool other = !hits.empty() && (m.lexicon_id.empty() || !knows(a, m.lexicon_id)) &&
                     MatchKey(a) != MatchKey(m.name);
        if (other && !m.lexicon_id.empty()) continue;
        if (other && m.lexicon_id.empty()) {
          // The mention itself is unknown to the lexicon: keep the alias only if the
          // lexicon doesn't know the mention's own name as something else.
          bool self_known = !lexicon->Lookup(m.name).empty();
          if (self_known) continue;
        }
        kept.push_back(a);
      }
      m.aliases = std::move(kept);
    }
    std::set<std::string> doc_countries;
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      StoredMention& m = d.mentions[i];
      std::set<std::string> cs;
      if (!m.lexicon_id.empty() && (m.type == "group" || m.type == "other")) {
        std::string c = CountryOf(*lexicon, m.name, m.lexicon_id);
        if (!c.empty()) cs.insert(c);
      }
      std::string q = Qualifier(m.name);
      if (!q.empty()) {
        std::string c = CountryOf(*lexicon, q);
        if (!c.empty()) cs.insert(c);
      }
      if (m.type == "place" || m.type == "state") {
        std::string c = CountryOf(*lexicon, m.name, m.lexicon_id);
        if (c.empty()) c = CountryOf(*lexicon, m.name);
        if (!c.empty()) doc_countries.insert(c);
      }
      for (const StoredClaim& c : d.claims) {
        if (c.s != i || c.p != "area") continue;
        std::string cc = CountryOf(*lexicon, c.o_text);
        if (!cc.empty()) cs.insert(cc);
      }
      m.countries.assign(cs.begin(), cs.end());
    }
    d.countries.assign(doc_countries.begin(), doc_countries.end());
  }
  return d;
}

}  // namespace orbat::store
