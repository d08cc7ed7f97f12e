#include "graph/resolve.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "graph/names.h"
#include "text/normalize.h"

namespace orbat::graph {

namespace {

struct Cluster {
  std::string lexicon_id;             // "" when none
  std::set<std::string> keys;         // MatchKeys of every written form
  std::set<std::string> countries;    // strong context
  std::set<std::string> doc_countries;
  std::set<std::string> co_keys;      // name keys of entities co-mentioned in its documents
  std::vector<size_t> members;        // indexes into the mention vector
  std::string type;                   // dominant non-"other" type seen so far
  std::string forced_name;            // from a correction
  std::string forced_key;             // ekey from a split
  bool alive = true;
};

bool TypesCompatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b || a == "other" || b == "other") return true;
  return false;
}

bool Disjoint(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  for (const auto& x : a)
    if (b.count(x)) return false;
  return true;
}

int Overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  int n = 0;
  for (const auto& x : a) n += b.count(x) ? 1 : 0;
  return n;
}

class Resolver {
 public:
  Resolver(const std::vector<MentionIn>& m,
           const std::unordered_map<int64_t, std::vector<std::string>>& doc_countries)
      : m_(m), doc_countries_(doc_countries) {
    order_.resize(m.size());
    std::iota(order_.begin(), order_.end(), 0);
    std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
      if (m[a].doc_key != m[b].doc_key) return m[a].doc_key < m[b].doc_key;
      if (m[a].name != m[b].name) return m[a].name < m[b].name;
      return m[a].type < m[b].type;
    });
    name_key_.resize(m.size());
    for (size_t i = 0; i < m.size(); ++i) {
      name_key_[i] = MatchKey(m[i].name);
      by_doc_[m[i].doc].push_back(i);
    }
    cluster_of_.assign(m.size(), SIZE_MAX);
  }

  void Run() {
    // 1. Lexicon entities.
    std::map<std::string, size_t> by_lex;
    for (size_t i : order_) {
      if (m_[i].lexicon_id.empty()) continue;
      auto it = by_lex.find(m_[i].lexicon_id);
      size_t c;
      if (it == by_lex.end()) {
        c = NewCluster();
        clusters_[c].lexicon_id = m_[i].lexicon_id;
        by_lex[m_[i].lexicon_id] = c;
      } else {
        c = it->second;
      }
      Add(c, i);
    }
    // 2. Everything else, in document order.
    for (size_t i : order_) {
      if (!m_[i].lexicon_id.empty()) continue;
      Place(i);
    }
  }

  size_t Find(size_t c) {
    while (parent_[c] != c) c = parent_[c] = parent_[parent_[c]];
    return c;
  }

  // Union of b into a (both roots). Returns a.
  size_t Union(size_t a, size_t b) {
    if (a == b) return a;
    Cluster& A = clusters_[a];
    Cluster& B = clusters_[b];
    if (A.lexicon_id.empty()) A.lexicon_id = B.lexicon_id;
    A.keys.insert(B.keys.begin(), B.keys.end());
    A.countries.insert(B.countries.begin(), B.countries.end());
    A.doc_countries.insert(B.doc_countries.begin(), B.doc_countries.end());
    A.co_keys.insert(B.co_keys.begin(), B.co_keys.end());
    A.members.insert(A.members.end(), B.members.begin(), B.members.end());
    if (A.type.empty() || A.type == "other") A.type = B.type;
    if (A.forced_name.empty()) A.forced_name = B.forced_name;
    B.alive = false;
    B.members.clear();
    parent_[b] = a;
    for (size_t i : A.members) cluster_of_[i] = a;
    return a;
  }

  // Clusters (roots) whose keys include `key`.
  std::vector<size_t> WithKey(const std::string& key) {
    std::vector<size_t> out;
    auto it = key_index_.find(key);
    if (it == key_index_.end()) return out;
    for (size_t c : it->second) {
      size_t r = Find(c);
      if (clusters_[r].alive && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
    return out;
  }

  Resolution Finish(const std::vector<Correction>& corrections);

 private:
  size_t NewCluster() {
    clusters_.emplace_back();
    parent_.push_back(clusters_.size() - 1);
    return clusters_.size() - 1;
  }

  std::set<std::string> KeysOf(size_t i) const {
    std::set<std::string> k;
    if (!name_key_[i].empty()) k.insert(name_key_[i]);
    std::string lk = LooseKey(m_[i].name);
    if (!lk.empty()) k.insert(lk);
    for (const auto& a : m_[i].aliases) {
      std::string ak = MatchKey(a);
      if (!ak.empty()) k.insert(ak);
      std::string al = LooseKey(a);
      if (!al.empty()) k.insert(al);
    }
    return k;
  }

  std::set<std::string> CoKeys(size_t i) const {
    std::set<std::string> k;
    auto it = by_doc_.find(m_[i].doc);
    if (it == by_doc_.end()) return k;
    for (size_t j : it->second)
      if (j != i && !name_key_[j].empty()) k.insert(name_key_[j]);
    return k;
  }

  std::set<std::string> DocCountries(size_t i) const {
    auto it = doc_countries_.find(m_[i].doc);
    if (it == doc_countries_.end()) return {};
    return {it->second.begin(), it->second.end()};
  }

  void Add(size_t c, size_t i) {
    Cluster& C = clusters_[c];
    C.members.push_back(i);
    cluster_of_[i] = c;
    for (const auto& k : KeysOf(i)) {
      if (C.keys.insert(k).second) key_index_[k].push_back(c);
    }
    C.countries.insert(m_[i].countries.begin(), m_[i].countries.end());
    for (const auto& dc : DocCountries(i)) C.doc_countries.insert(dc);
    for (const auto& k : CoKeys(i)) C.co_keys.insert(k);
    if (C.type.empty() || C.type == "other") C.type = m_[i].type;
  }

  bool Compatible(const Cluster& a, const Cluster& b) const {
    if (!a.lexicon_id.empty() && !b.lexicon_id.empty() && a.lexicon_id != b.lexicon_id) return false;
    if (!TypesCompatible(a.type, b.type)) return false;
    if (Disjoint(a.countries, b.countries)) return false;
    return true;
  }

  void Place(size_t i) {
    std::set<std::string> keys = KeysOf(i);
    std::set<std::string> strong(m_[i].countries.begin(), m_[i].countries.end());
    std::set<std::string> weak = DocCountries(i);
    std::set<std::string> co = CoKeys(i);
    struct Cand {
      size_t c;
      double score;
    };
    std::vector<Cand> cands;
    std::set<size_t> seen;
    for (const auto& k : keys) {
      for (size_t c : WithKey(k)) {
        if (!seen.insert(c).second) continue;
        const Cluster& C = clusters_[c];
        if (!TypesCompatible(C.type, m_[i].type)) continue;
        if (Disjoint(strong, C.countries)) continue;  // same name, different place
        double score = 0;
        score += C.keys.count(name_key_[i]) ? 2.0 : 1.0;
        score += 3.0 * Overlap(strong, C.countries);
        score += 1.0 * std::min(2, Overlap(weak, C.doc_countries));
        score += 0.5 * std::min(4, Overlap(co, C.co_keys));
        if (!C.lexicon_id.empty()) score += 0.25;
        cands.push_back({c, score});
      }
    }
    if (cands.empty()) {
      Add(NewCluster(), i);
      return;
    }
    std::sort(cands.begin(), cands.end(), [&](const Cand& a, const Cand& b) {
      if (a.score != b.score) return a.score > b.score;
      if (clusters_[a.c].members.size() != clusters_[b.c].members.size())
        return clusters_[a.c].members.size() > clusters_[b.c].members.size();
      return a.c < b.c;
    });
    size_t target = cands[0].c;
    Add(target, i);
    // Bridge: the mention's declared names join other compatible entities.
    for (size_t k = 1; k < cands.size(); ++k) {
      size_t c = Find(cands[k].c);
      target = Find(target);
      if (c == target) continue;
      if (Compatible(clusters_[target], clusters_[c])) {
        target = clusters_[c].lexicon_id.empty() || !clusters_[target].lexicon_id.empty()
                     ? Union(target, c)
                     : Union(c, target);
      }
    }
  }

  // Best live cluster known by this name (most mentions).
  std::optional<size_t> Named(const std::string& name) {
    std::string key = MatchKey(name);
    std::optional<size_t> best;
    // Forced names first (corrections may have renamed an entity).
    for (size_t c = 0; c < clusters_.size(); ++c) {
      if (!clusters_[c].alive || clusters_[c].forced_name.empty()) continue;
      if (MatchKey(clusters_[c].forced_name) == key) return c;
    }
    for (size_t c : WithKey(key)) {
      if (!best || clusters_[c].members.size() > clusters_[*best].members.size()) best = c;
    }
    return best;
  }

  const std::vector<MentionIn>& m_;
  const std::unordered_map<int64_t, std::vector<std::string>>& doc_countries_;
  std::vector<size_t> order_;
  std::vector<std::string> name_key_;
  std::unordered_map<int64_t, std::vector<size_t>> by_doc_;
  std::vector<Cluster> clusters_;
  std::vector<size_t> parent_;
  std::vector<size_t> cluster_of_;
  std::unordered_map<std::string, std::vector<size_t>> key_index_;
  std::vector<std::string> country_of_;

  friend Resolution Resolve(const std::vector<MentionIn>&,
                            const std::unordered_map<int64_t, std::vector<std::string>>&,
                            const std::vector<Correction>&);
};

std::string DominantType(const std::vector<const MentionIn*>& ms) {
  std::map<std::string, int> n;
  for (auto* m : ms)
    if (m->type != "other" && !m->type.empty()) n[m->type]++;
  if (n.empty()) return ms.empty() || ms[0]->type.empty() ? "other" : ms[0]->type;
  return std::max_element(n.begin(), n.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

bool AllCaps(const std::string& s) {
  bool letter = false;
  for (char ch : s) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') letter = true;
  }
  return letter;
}

}  // namespace

Resolution Resolver::Finish(const std::vector<Correction>& corrections) {
  Resolution out;
  // Corrections, in order.
  for (const Correction& c : corrections) {
    if (c.kind == "merge") {
      auto a = Named(c.a);
      auto b = Named(c.b);
      if (!a || !b) {
        out.notes.push_back("merge \"" + c.a + "\" \"" + c.b + "\": " +
                            (!a ? c.a : c.b) + " is not known (yet)");
        continue;
      }
      size_t ra = Find(*a), rb = Find(*b);
      if (ra == rb) continue;
      std::string keep = clusters_[ra].forced_name;
      if (keep.empty()) {
        // Keep the canonical name the analyst named first.
        keep = c.a;
        for (size_t i : clusters_[ra].members)
          if (MatchKey(m_[i].name) == MatchKey(c.a)) {
            keep = m_[i].lexicon_id.empty() ? keep : m_[i].name;
            break;
          }
      }
      std::string lex_a = clusters_[ra].lexicon_id;
      size_t r = Union(ra, rb);
      clusters_[r].lexicon_id = lex_a.empty() ? clusters_[r].lexicon_id : lex_a;
      if (clusters_[r].forced_name.empty() && clusters_[r].lexicon_id.empty()) clusters_[r].forced_name = keep;
    } else if (c.kind == "split") {
      auto a = Named(c.a);
      if (!a) {
        out.notes.push_back("split \"" + c.a + "\": not known (yet)");
        continue;
      }
      size_t ra = Find(*a);
      std::string alias_key = c.b.empty() ? "" : MatchKey(c.b);
      std::set<std::string> docs(c.docs.begin(), c.docs.end());
      std::vector<size_t> stay, go;
      for (size_t i : clusters_[ra].members) {
        bool leave = (!alias_key.empty() && name_key_[i] == alias_key) || docs.count(m_[i].doc_key);
        (leave ? go : stay).push_back(i);
      }
      if (go.empty() || stay.empty()) {
        out.notes.push_back("split \"" + c.a + "\": no mention " +
                            (go.empty() ? "matched" : "would remain") + "; nothing split");
        continue;
      }
      // Rebuild the remaining cluster and the new one from their mentions.
      Cluster& old = clusters_[ra];
      std::string forced = old.forced_name, lex = old.lexicon_id;
      old.alive = false;
      old.members.clear();
      size_t keep = NewCluster();
      clusters_[keep].lexicon_id = lex;
      clusters_[keep].forced_name = forced;
      for (size_t i : stay) Add(keep, i);
      size_t fresh = NewCluster();
      std::string nn = !c.new_name.empty() ? c.new_name : (!c.b.empty() ? c.b : m_[go[0]].name + " (split)");
      clusters_[fresh].forced_name = nn;
      clusters_[fresh].forced_key = "split:" + MatchKey(nn);
      for (size_t i : go) Add(fresh, i);
    }
  }

  // Emit entities.
  std::vector<ResolvedEntity> ents;
  for (size_t c = 0; c < clusters_.size(); ++c) {
    Cluster& C = clusters_[c];
    if (!C.alive || Find(c) != c || C.members.empty()) continue;
    ResolvedEntity e;
    std::vector<const MentionIn*> ms;
    std::map<std::string, int> written;
    std::map<std::string, int> lex_names;
    std::set<int64_t> docs;
    for (size_t i : C.members) {
      ms.push_back(&m_[i]);
      e.mentions.push_back(m_[i].id);
      written[m_[i].name]++;
      for (const auto& a : m_[i].aliases) written[a] += 0;  // declared forms count as seen
      if (!m_[i].lexicon_id.empty()) lex_names[m_[i].name]++;
      docs.insert(m_[i].doc);
    }
    e.docs = static_cast<int>(docs.size());
    e.type = DominantType(ms);
    e.lexicon_id = C.lexicon_id;
    for (auto& [w, n] : written) e.written.push_back({w, n});
    std::stable_sort(e.written.begin(), e.written.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
    if (!C.forced_name.empty()) {
      e.name = C.forced_name;
    } else {
      auto& pool = lex_names.empty() ? written : lex_names;
      // Most frequent, preferring full names to acronyms, then the longer, then A-Z.
      const std::string* best = nullptr;
      int best_n = -1;
      for (auto& [w, n] : pool) {
        int score = n * 4 + (AllCaps(w) ? 0 : 2);
        if (!best || score > best_n || (score == best_n && w.size() > best->size())) {
          best = &w;
          best_n = score;
        }
      }
      e.name = best ? *best : "?";
    }
    if (!C.forced_key.empty()) e.ekey = C.forced_key;
    else if (!C.lexicon_id.empty()) e.ekey = "lex:" + C.lexicon_id;
    else e.ekey = "key:" + MatchKey(e.name);
    ents.push_back(std::move(e));
    // Remember the strong countries for disambiguation below.
    ents.back().lexicon_id = C.lexicon_id;
    country_of_.push_back(C.countries.empty() ? std::string() : *C.countries.begin());
  }
  // Same display name and type for different entities: qualify by country; without a
  // country, every entity but the most mentioned gets a number.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_name;
  for (size_t k = 0; k < ents.size(); ++k) by_name[{MatchKey(ents[k].name), ents[k].type}].push_back(k);
  for (auto& [key, ks] : by_name) {
    if (ks.size() < 2) continue;
    std::stable_sort(ks.begin(), ks.end(),
                     [&](size_t a, size_t b) { return ents[a].mentions.size() > ents[b].mentions.size(); });
    std::set<std::string> used;
    int n = 1;
    for (size_t k : ks) {
      std::string q = country_of_[k];
      if (q.empty() || !used.insert(q).second) {
        if (k == ks[0] && country_of_[k].empty()) continue;  // the main one keeps its name
        q = std::to_string(++n);
      }
      ents[k].name += " (" + q + ")";
      if (ents[k].ekey.rfind("key:", 0) == 0) ents[k].ekey += "@" + q;
    }
  }
  // Make ekeys unique in any case.
  std::map<std::string, int> ek;
  for (auto& e : ents) {
    int& n = ek[e.ekey];
    if (n++ > 0) e.ekey += "#" + std::to_string(n);
  }
  std::vector<size_t> idx(ents.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return ents[a].ekey < ents[b].ekey; });
  for (size_t k : idx) out.entities.push_back(std::move(ents[k]));
  for (size_t k = 0; k < out.entities.size(); ++k)
    for (int64_t mid : out.entities[k].mentions) out.of_mention[mid] = k;
  return out;
}

Resolution Resolve(const std::vector<MentionIn>& mentions,
                   const std::unordered_map<int64_t, std::vector<std::string>>& doc_countries,
                   const std::vector<Correction>& corrections) {
  Resolver r(mentions, doc_countries);
  r.Run();
  return r.Finish(corrections);
}

}  // namespace orbat::graph
