#include "store/store.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "graph/names.h"
#include "store/schema.h"
#include "text/normalize.h"

namespace orbat::store {

namespace {

constexpr char kSep = '\x1f';

#define TRY(expr)                          \
  do {                                     \
    auto _r = (expr);                      \
    if (!_r.ok()) return _r.error();       \
  } while (0)

#define PREPARE(var, sql)                  \
  auto var##_r = db_->Prepare(sql);        \
  if (!var##_r.ok()) return var##_r.error(); \
  Stmt& var = *var##_r

size_t Levenshtein(const std::string& a, const std::string& b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A user's search text as an FTS5 query: each word quoted (so hyphens, apostrophes and
// operators in names are literal), all words required.
std::string FtsQuery(const std::string& text) {
  std::string out, word;
  auto flush = [&]() {
    if (word.empty()) return;
    std::string q = "\"";
    for (char c : word) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
    q += "\"";
    if (!out.empty()) out += " ";
    out += q;
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') flush();
    else word += c;
  }
  flush();
  return out;
}

}  // namespace

std::string JoinList(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += kSep;
    s += v[i];
  }
  return s;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(kSep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto db = Db::Open(path);
  if (!db.ok()) return db.error();
  auto r = PrepareDatabase(**db);
  if (!r.ok()) return r.error();
  return std::unique_ptr<Store>(new Store(std::move(*db)));
}

Result<std::optional<std::string>> Store::HashOf(const std::string& doc_key) {
  PREPARE(st, "SELECT content_hash FROM documents WHERE doc_key=?");
  st.Bind(1, std::string_view(doc_key));
  auto row = st.Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st.Text(0));
}

Result<Ok> Store::WriteBatch(const std::vector<StoredDoc>& docs) {
  auto tx = Transaction::Begin(*db_);
  if (!tx.ok()) return tx.error();
  PREPARE(find, "SELECT id FROM documents WHERE doc_key=?");
  PREPARE(del_claims, "DELETE FROM claims WHERE document_id=?");
  PREPARE(del_evidence, "DELETE FROM evidence WHERE document_id=?");
  PREPARE(del_mentions, "DELETE FROM mentions WHERE document_id=?");
  PREPARE(del_doc, "DELETE FROM documents WHERE id=?");
  PREPARE(ins_doc,
          "INSERT INTO documents(doc_key, source, path, content_hash, date, title, text, "
          "countries, bytes) VALUES (?,?,?,?,?,?,?,?,?)");
  PREPARE(ins_mention,
          "INSERT INTO mentions(document_id, name, type, lexicon_id, aliases, countries) "
          "VALUES (?,?,?,?,?,?)");
  PREPARE(ins_evidence, "INSERT INTO evidence(document_id, sentence, begin, end) VALUES (?,?,?,?)");
  PREPARE(ins_claim,
          "INSERT INTO claims(document_id, evidence_id, s_mention, p, o_mention, o_text, value, "
          "time_start, time_end, hedge, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  for (const StoredDoc& d : docs) {
    find.Bind(1, std::string_view(d.key));
    auto row = find.Step();
    if (!row.ok()) return row.error();
    std::optional<int64_t> old;
    if (*row) old = find.Int(0);
    find.Reset();
    if (old) {
      TRY(del_claims.Bind(1, *old).Run());
      TRY(del_evidence.Bind(1, *old).Run());
      TRY(del_mentions.Bind(1, *old).Run());
      TRY(del_doc.Bind(1, *old).Run());
    }
    ins_doc.Bind(1, std::string_view(d.key)).BindText(2, d.source).BindText(3, d.path)
        .Bind(4, std::string_view(d.hash)).BindText(5, d.date).BindText(6, d.title)
        .Bind(7, std::string_view(d.text)).BindText(8, JoinList(d.countries))
        .Bind(9, static_cast<int64_t>(d.text.size()));
    TRY(ins_doc.Run());
    int64_t doc_id = db_->LastInsertId();
    std::vector<int64_t> mention_ids;
    for (const StoredMention& m : d.mentions) {
      ins_mention.Bind(1, doc_id).Bind(2, std::string_view(m.name)).Bind(3, std::string_view(m.type))
          .BindText(4, m.lexicon_id).BindText(5, JoinList(m.aliases)).BindText(6, JoinList(m.countries));
      TRY(ins_mention.Run());
      mention_ids.push_back(db_->LastInsertId());
    }
    std::map<std::tuple<int64_t, int64_t, std::string>, int64_t> evidence_ids;
    for (const StoredClaim& c : d.claims) {
      if (c.s >= mention_ids.size() || (c.o && *c.o >= mention_ids.size())) continue;
      auto ek = std::make_tuple(c.begin, c.end_offset, c.sentence);
      auto it = evidence_ids.find(ek);
      int64_t ev;
      if (it == evidence_ids.end()) {
        ins_evidence.Bind(1, doc_id).Bind(2, std::string_view(c.sentence)).Bind(3, c.begin)
            .Bind(4, c.end_offset);
        TRY(ins_evidence.Run());
        ev = db_->LastInsertId();
        evidence_ids[ek] = ev;
      } else {
        ev = it->second;
      }
      ins_claim.Bind(1, doc_id).Bind(2, ev).Bind(3, mention_ids[c.s]).Bind(4, std::string_view(c.p));
      if (c.o) ins_claim.Bind(5, mention_ids[*c.o]);
      else ins_claim.BindNull(5);
      ins_claim.BindText(6, c.o_text).BindOpt(7, c.value).BindText(8, c.start).BindText(9, c.end)
          .BindText(10, c.hedge).Bind(11, c.confidence);
      TRY(ins_claim.Run());
    }
  }
  TRY(db_->Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '1')"));
  return (*tx)->Commit();
}

Result<bool> Store::Dirty() {
  PREPARE(st, "SELECT value FROM meta WHERE key='dirty'");
  auto row = st.Step();
  if (!row.ok()) return row.error();
  return *row && st.Text(0) == "1";
}

Result<Ok> Store::EnsureResolved() {
  auto d = Dirty();
  if (!d.ok()) return d.error();
  if (!*d) return Ok{};
  auto r = Resolve();
  if (!r.ok()) return r.error();
  return Ok{};
}

Result<ResolveStats> Store::Resolve() {
  std::vector<graph::MentionIn> mentions;
  std::unordered_map<int64_t, std::vector<std::string>> doc_countries;
  {
    PREPARE(st,
            "SELECT m.id, m.document_id, d.doc_key, m.name, m.type, m.lexicon_id, m.aliases, "
            "m.countries FROM mentions m JOIN documents d ON d.id=m.document_id");
    while (true) {
      auto row = st.Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      graph::MentionIn m;
      m.id = st.Int(0);
      m.doc = st.Int(1);
      m.doc_key = st.Text(2);
      m.name = st.Text(3);
      m.type = st.Text(4);
      m.lexicon_id = st.Text(5);
      m.aliases = SplitList(st.Text(6));
      m.countries = SplitList(st.Text(7));
      mentions.push_back(std::move(m));
    }
    PREPARE(dc, "SELECT id, countries FROM documents WHERE countries IS NOT NULL");
    while (true) {
      auto row = dc.Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      doc_countries[dc.Int(0)] = SplitList(dc.Text(1));
    }
  }
  auto corrections = Corrections();
  if (!corrections.ok()) return corrections.error();
  graph::Resolution res = graph::Resolve(mentions, doc_countries, *corrections);

  auto tx = Transaction::Begin(*db_);
  if (!tx.ok()) return tx.error();
  std::unordered_map<std::string, int64_t> existing;
  {
    PREPARE(st, "SELECT ekey, id FROM entities");
    while (true) {
      auto row = st.Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      existing[st.Text(0)] = st.Int(1);
    }
  }
  TRY(db_->Exec("DELETE FROM aliases"));
  TRY(db_->Exec("CREATE TEMP TABLE IF NOT EXISTS live_entities(id INTEGER PRIMARY KEY)"));
  TRY(db_->Exec("DELETE FROM live_entities"));
  TRY(db_->Exec("CREATE TEMP TABLE IF NOT EXISTS mention_entity(mention INTEGER PRIMARY KEY, entity INTEGER)"));
  TRY(db_->Exec("DELETE FROM mention_entity"));
  PREPARE(upd, "UPDATE entities SET name=?, type=?, lexicon_id=?, mentions=?, docs=? WHERE id=?");
  PREPARE(ins, "INSERT INTO entities(ekey, name, type, lexicon_id, mentions, docs) VALUES (?,?,?,?,?,?)");
  PREPARE(live, "INSERT INTO live_entities(id) VALUES (?)");
  PREPARE(alias, "INSERT OR IGNORE INTO aliases(key, entity_id, written, count) VALUES (?,?,?,?)");
  PREPARE(me, "INSERT INTO mention_entity(mention, entity) VALUES (?,?)");
  std::vector<int64_t> ids(res.entities.size());
  for (size_t k = 0; k < res.entities.size(); ++k) {
    const graph::ResolvedEntity& e = res.entities[k];
    auto it = existing.find(e.ekey);
    int64_t id;
    if (it != existing.end()) {
      id = it->second;
      upd.Bind(1, std::string_view(e.name)).Bind(2, std::string_view(e.type)).BindText(3, e.lexicon_id)
          .Bind(4, static_cast<int64_t>(e.mentions.size())).Bind(5, static_cast<int64_t>(e.docs)).Bind(6, id);
      TRY(upd.Run());
    } else {
      ins.Bind(1, std::string_view(e.ekey)).Bind(2, std::string_view(e.name)).Bind(3, std::string_view(e.type))
          .BindText(4, e.lexicon_id).Bind(5, static_cast<int64_t>(e.mentions.size()))
          .Bind(6, static_cast<int64_t>(e.docs));
      TRY(ins.Run());
      id = db_->LastInsertId();
    }
    ids[k] = id;
    TRY(live.Bind(1, id).Run());
    std::set<std::string> done;
    auto add_alias = [&](const std::string& written, int count) -> Result<Ok> {
      std::string key = MatchKey(written);
      if (key.empty() || !done.insert(key + kSep + written).second) return Ok{};
      return alias.Bind(1, std::string_view(key)).Bind(2, id).Bind(3, std::string_view(written))
          .Bind(4, static_cast<int64_t>(count)).Run();
    };
    TRY(add_alias(e.name, 0));
    for (const auto& [w, n] : e.written) TRY(add_alias(w, n));
    // Loose keys (transliteration variants) for name lookup.
    auto add_loose = [&](const std::string& written, int count) -> Result<Ok> {
      std::string key = graph::LooseKey(written);
      if (key.empty() || !done.insert(key + kSep + written).second) return Ok{};
      return alias.Bind(1, std::string_view(key)).Bind(2, id).Bind(3, std::string_view(written))
          .Bind(4, static_cast<int64_t>(count)).Run();
    };
    TRY(add_loose(e.name, 0));
    for (const auto& [w, n] : e.written) TRY(add_loose(w, n));
    for (int64_t m : e.mentions) TRY(me.Bind(1, m).Bind(2, id).Run());
  }
  TRY(db_->Exec("DELETE FROM entities WHERE id NOT IN (SELECT id FROM live_entities)"));
  TRY(db_->Exec(
      "UPDATE mentions SET entity_id=(SELECT entity FROM mention_entity WHERE mention=mentions.id)"));
  TRY(db_->Exec(
      "UPDATE claims SET s_entity=(SELECT entity_id FROM mentions WHERE id=claims.s_mention), "
      "o_entity=(SELECT entity_id FROM mentions WHERE id=claims.o_mention)"));
  TRY(db_->Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '0')"));
  auto c = (*tx)->Commit();
  if (!c.ok()) return c.error();
  ResolveStats stats;
  stats.mentions = mentions.size();
  stats.entities = res.entities.size();
  stats.notes = res.notes;
  return stats;
}

Result<int64_t> Store::AddCorrection(const graph::Correction& c) {
  PREPARE(st, "INSERT INTO corrections(kind, a, b, docs, new_name) VALUES (?,?,?,?,?)");
  st.Bind(1, std::string_view(c.kind)).Bind(2, std::string_view(c.a)).BindText(3, c.b)
      .BindText(4, JoinList(c.docs)).BindText(5, c.new_name);
  TRY(st.Run());
  int64_t id = db_->LastInsertId();
  TRY(db_->Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '1')"));
  return id;
}

Result<std::vector<graph::Correction>> Store::Corrections() {
  PREPARE(st, "SELECT id, kind, a, b, docs, new_name FROM corrections ORDER BY id");
  std::vector<graph::Correction> out;
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    graph::Correction c;
    c.id = st.Int(0);
    c.kind = st.Text(1);
    c.a = st.Text(2);
    c.b = st.Text(3);
    c.docs = SplitList(st.Text(4));
    c.new_name = st.Text(5);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<NameHit>> Store::FindEntity(const std::string& name) {
  std::string key = MatchKey(name);
  PREPARE(st,
          "SELECT DISTINCT e.id, e.name, e.type, e.docs, "
          "(SELECT count(*) FROM claims c WHERE c.s_entity=e.id) "
          "FROM aliases a JOIN entities e ON e.id=a.entity_id WHERE a.key=?");
  std::vector<NameHit> out;
  for (const std::string& k : {key, graph::LooseKey(name)}) {
    if (k.empty()) continue;
    st.Bind(1, std::string_view(k));
    while (true) {
      auto row = st.Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      out.push_back({st.Int(0), st.Text(1), st.Text(2), static_cast<int>(st.Int(3)),
                     static_cast<int>(st.Int(4))});
    }
    st.Reset();
    if (!out.empty()) break;
  }
  std::string folded = FoldName(name);
  std::sort(out.begin(), out.end(), [&](const NameHit& a, const NameHit& b) {
    bool ea = FoldName(a.name) == folded, eb = FoldName(b.name) == folded;
    if (ea != eb) return ea;
    bool ga = a.type == "group", gb = b.type == "group";
    if (ga != gb) return ga;
    if (a.claims != b.claims) return a.claims > b.claims;
    if (a.docs != b.docs) return a.docs > b.docs;
    return a.entity < b.entity;
  });
  return out;
}

Result<std::vector<std::string>> Store::Suggest(const std::string& name, size_t n) {
  std::string key = MatchKey(name);
  PREPARE(st, "SELECT a.key, e.name, e.docs FROM aliases a JOIN entities e ON e.id=a.entity_id");
  struct Cand {
    size_t dist;
    int docs;
    std::string name;
  };
  std::map<std::string, Cand> best;  // by entity name
  size_t cap = std::max<size_t>(2, key.size() / 4);
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::string k = st.Text(0);
    if (!k.empty() && k[0] == '~') continue;
    size_t d;
    if (!key.empty() && key.size() >= 4 && k.find(key) != std::string::npos) d = 1;
    else d = Levenshtein(key, k, cap);
    if (d > cap) continue;
    std::string nm = st.Text(1);
    auto it = best.find(nm);
    if (it == best.end() || d < it->second.dist) best[nm] = {d, static_cast<int>(st.Int(2)), nm};
  }
  std::vector<Cand> v;
  for (auto& [k, c] : best) v.push_back(c);
  std::sort(v.begin(), v.end(), [](const Cand& a, const Cand& b) {
    if (a.dist != b.dist) return a.dist < b.dist;
    if (a.docs != b.docs) return a.docs > b.docs;
    return a.name < b.name;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size() && i < n; ++i) out.push_back(v[i].name);
  return out;
}

Result<Ok> Store::LoadClaims(graph::GraphData& g, const std::string& where, int64_t bind) {
  std::string sql =
      "SELECT c.id, c.document_id, c.s_entity, c.p, c.o_entity, c.o_text, c.value, c.time_start, "
      "c.time_end, c.hedge, c.confidence, e.sentence, e.begin, e.end FROM claims c "
      "JOIN evidence e ON e.id=c.evidence_id WHERE c.s_entity IS NOT NULL AND (" + where +
      ") ORDER BY c.id";
  PREPARE(st, sql);
  if (bind) {
    for (int i = 1; i <= 2; ++i) st.Bind(i, bind);
  }
  std::unordered_set<int64_t> have;
  for (const auto& c : g.claims) have.insert(c.id);
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    graph::ClaimRec c;
    c.id = st.Int(0);
    if (have.count(c.id)) continue;
    c.doc = st.Int(1);
    c.s = st.Int(2);
    c.p = st.Text(3);
    c.o = st.IsNull(4) ? 0 : st.Int(4);
    c.o_text = st.Text(5);
    if (!st.IsNull(6)) c.value = st.Real(6);
    c.start = st.Text(7);
    c.end = st.Text(8);
    c.hedge = st.Text(9);
    c.confidence = st.Real(10);
    c.sentence = st.Text(11);
    c.begin = st.Int(12);
    c.end_offset = st.Int(13);
    g.claims.push_back(std::move(c));
  }
  return Ok{};
}

Result<Ok> Store::LoadEntities(graph::GraphData& g, const std::string& where) {
  PREPARE(st, "SELECT id, name, type, lexicon_id, mentions, docs FROM entities WHERE " + where);
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    graph::EntityRec e;
    e.id = st.Int(0);
    e.name = st.Text(1);
    e.type = st.Text(2);
    e.lexicon_id = st.Text(3);
    e.mentions = static_cast<int>(st.Int(4));
    e.docs = static_cast<int>(st.Int(5));
    g.entities[e.id] = std::move(e);
  }
  return Ok{};
}

std::string EntityNames::operator()(int64_t id) {
  if (!id) return "";
  auto it = names_.find(id);
  if (it != names_.end()) return it->second;
  auto e = store_.Entity(id);
  return names_[id] = e.ok() ? e->name : "?";
}

Result<graph::EntityRec> Store::Entity(int64_t id) {
  graph::GraphData g;
  TRY(LoadEntities(g, "id=" + std::to_string(id)));
  auto it = g.entities.find(id);
  if (it == g.entities.end()) return Error{"", 0, "no entity " + std::to_string(id)};
  PREPARE(st, "SELECT written FROM aliases WHERE entity_id=? ORDER BY count DESC, written");
  st.Bind(1, id);
  std::set<std::string> seen{it->second.name};
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::string w = st.Text(0);
    if (seen.insert(w).second) it->second.aliases.push_back(w);
  }
  return it->second;
}

namespace {
std::string IdList(const std::set<int64_t>& ids) {
  std::string s;
  for (int64_t id : ids) {
    if (!s.empty()) s += ",";
    s += std::to_string(id);
  }
  return s.empty() ? "0" : s;
}
}  // namespace

Result<graph::GraphData> Store::LoadAround(int64_t entity) {
  graph::GraphData g;
  TRY(LoadClaims(g, "c.s_entity=? OR c.o_entity=?", entity));
  std::set<int64_t> ents{entity}, docs;
  for (const auto& c : g.claims) {
    ents.insert(c.s);
    if (c.o) ents.insert(c.o);
  }
  TRY(LoadClaims(g, "c.s_entity IN (" + IdList(ents) + ") AND c.p IN ('dissolved','merged_into')", 0));
  for (const auto& c : g.claims) {
    docs.insert(c.doc);
    if (c.o) ents.insert(c.o);
  }
  TRY(LoadEntities(g, "id IN (" + IdList(ents) + ")"));
  auto self = Entity(entity);
  if (self.ok()) g.entities[entity] = *self;
  PREPARE(st, "SELECT id, doc_key, title, date, source FROM documents WHERE id IN (" + IdList(docs) + ")");
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    g.docs[st.Int(0)] = {st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
  }
  return g;
}

Result<graph::GraphData> Store::LoadAll(bool links_only) {
  graph::GraphData g;
  std::string where = "1";
  if (links_only) {
    where = "c.p IN ('ally','rival','affiliate_of','part_of','splinter_of','merged_into',"
            "'member_of','defected_to','attack','clash','arrest','capture','threaten','dissolved')";
  }
  TRY(LoadClaims(g, where, 0));
  TRY(LoadEntities(g, "1"));
  {
    PREPARE(st, "SELECT entity_id, written FROM aliases ORDER BY entity_id, count DESC, written");
    while (true) {
      auto row = st.Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      auto it = g.entities.find(st.Int(0));
      if (it == g.entities.end()) continue;
      std::string w = st.Text(1);
      if (w != it->second.name &&
          std::find(it->second.aliases.begin(), it->second.aliases.end(), w) == it->second.aliases.end())
        it->second.aliases.push_back(w);
    }
  }
  PREPARE(st, "SELECT id, doc_key, title, date, source FROM documents");
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    g.docs[st.Int(0)] = {st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
  }
  return g;
}

Result<std::vector<SearchHit>> Store::Search(const std::string& query, size_t limit) {
  std::string q = FtsQuery(query);
  if (q.empty()) return std::vector<SearchHit>();
  PREPARE(st,
          "SELECT e.id, d.doc_key, d.date, snippet(evidence_fts, 0, '[', ']', '...', 16), "
          "e.sentence, e.begin, e.end FROM evidence_fts JOIN evidence e ON e.id=evidence_fts.rowid "
          "JOIN documents d ON d.id=e.document_id WHERE evidence_fts MATCH ? ORDER BY rank LIMIT ?");
  st.Bind(1, std::string_view(q)).Bind(2, static_cast<int64_t>(limit));
  std::vector<SearchHit> out;
  while (true) {
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    SearchHit h;
    h.evidence_id = st.Int(0);
    h.doc_key = st.Text(1);
    h.doc_date = st.Text(2);
    h.snippet = st.Text(3);
    h.sentence = st.Text(4);
    h.begin = st.Int(5);
    h.end = st.Int(6);
    out.push_back(std::move(h));
  }
  for (auto& h : out) {
    graph::GraphData g;
    TRY(LoadClaims(g, "c.evidence_id=" + std::to_string(h.evidence_id), 0));
    h.claims = std::move(g.claims);
  }
  return out;
}

Result<Stats> Store::GetStats() {
  Stats s;
  auto scalar = [&](const char* sql, int64_t* out) -> Result<Ok> {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.error();
    auto row = st->Step();
    if (!row.ok()) return row.error();
    *out = *row ? st->Int(0) : 0;
    return Ok{};
  };
  TRY(scalar("SELECT count(*) FROM documents", &s.documents));
  TRY(scalar("SELECT coalesce(sum(bytes),0) FROM documents", &s.bytes));
  TRY(scalar("SELECT count(*) FROM mentions", &s.mentions));
  TRY(scalar("SELECT count(*) FROM entities", &s.entities));
  TRY(scalar("SELECT count(*) FROM aliases", &s.aliases));
  TRY(scalar("SELECT count(*) FROM claims", &s.claims));
  TRY(scalar("SELECT count(*) FROM evidence", &s.evidence));
  TRY(scalar("SELECT count(*) FROM corrections", &s.corrections));
  auto groups = [&](const char* sql, std::vector<std::pair<std::string, int64_t>>* out) -> Result<Ok> {
    auto st = db_->Prepare(sql);
    if (!st.ok()) return st.error();
    while (true) {
      auto row = st->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      out->push_back({st->Text(0), st->Int(1)});
    }
    return Ok{};
  };
  TRY(groups("SELECT type, count(*) FROM entities GROUP BY type ORDER BY 2 DESC, 1", &s.entities_by_type));
  TRY(groups("SELECT p, count(*) FROM claims GROUP BY p ORDER BY 2 DESC, 1", &s.claims_by_predicate));
  TRY(groups("SELECT coalesce(hedge,'none'), count(*) FROM claims GROUP BY 1 ORDER BY 2 DESC, 1",
             &s.claims_by_hedge));
  {
    PREPARE(st, "SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL");
    auto row = st.Step();
    if (!row.ok()) return row.error();
    if (*row) {
      s.first_date = st.Text(0);
      s.last_date = st.Text(1);
    }
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    auto sz = std::filesystem::file_size(db_->path() + suffix, ec);
    if (!ec) s.db_bytes += static_cast<int64_t>(sz);
  }
  return s;
}

}  // namespace orbat::store
