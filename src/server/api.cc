#include "server/api.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "export/graph_export.h"
#include "extract/extractor.h"
#include "graph/dates.h"
#include "graph/queries.h"
#include "graph/report.h"
#include "io/reader.h"
#include "store/prepare.h"
#include "store/store.h"
#include "text/normalize.h"

namespace orbat::server {

using nlohmann::json;
using store::Store;

std::string ApiResponse::Body() const {
  if (is_raw) return raw;
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

using Clock = std::chrono::steady_clock;

ApiResponse Json(json j, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.json = std::move(j);
  return r;
}

ApiResponse Fail(int status, const std::string& message, json extra = json::object()) {
  json j = std::move(extra);
  j["error"] = message;
  j["status"] = status;
  return Json(std::move(j), status);
}

// A bad request: the handler returns it instead of a result.
struct BadParam {
  int status;
  std::string message;
  json extra = json::object();
};

class Params {
 public:
  Params(const std::multimap<std::string, std::string>& p, std::vector<std::string> allowed)
      : p_(p), allowed_(std::move(allowed)) {}

  // Unknown or repeated parameters are refused: a typo should not silently do nothing.
  std::optional<BadParam> Check() const {
    for (const auto& [k, v] : p_) {
      if (std::find(allowed_.begin(), allowed_.end(), k) == allowed_.end()) {
        std::string known;
        for (const auto& a : allowed_) known += (known.empty() ? "" : ", ") + a;
        return BadParam{400, "unknown parameter '" + k + "'" +
                                 (known.empty() ? " (this endpoint takes none)" : " (known: " + known + ")")};
      }
      if (p_.count(k) > 1) return BadParam{400, "parameter '" + k + "' given more than once"};
      if (v.size() > 1000) return BadParam{400, "parameter '" + k + "' is too long (1000 bytes at most)"};
    }
    return std::nullopt;
  }
  bool Has(const std::string& k) const { return p_.count(k) > 0; }
  std::string Get(const std::string& k, const std::string& dflt = "") const {
    auto it = p_.find(k);
    return it == p_.end() ? dflt : it->second;
  }

 private:
  const std::multimap<std::string, std::string>& p_;
  std::vector<std::string> allowed_;
};

std::optional<BadParam> ParseInt(const Params& p, const std::string& k, int64_t lo, int64_t hi, int64_t* out) {
  if (!p.Has(k)) return std::nullopt;
  std::string v = p.Get(k);
  bool ok = !v.empty() && v.size() < 12 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  int64_t n = ok ? std::stoll(v) : 0;
  if (!ok || n < lo || n > hi)
    return BadParam{400, "parameter '" + k + "' wants a whole number from " + std::to_string(lo) + " to " +
                             std::to_string(hi) + ", got \"" + v + "\""};
  *out = n;
  return std::nullopt;
}

std::optional<BadParam> ParseBool(const Params& p, const std::string& k, bool* out) {
  if (!p.Has(k)) return std::nullopt;
  std::string v = p.Get(k);
  if (v == "1" || v == "true" || v == "yes" || v.empty()) *out = true;
  else if (v == "0" || v == "false" || v == "no") *out = false;
  else return BadParam{400, "parameter '" + k + "' wants 1 or 0 (true or false), got \"" + v + "\""};
  return std::nullopt;
}

// IsIsoDate checks the shape; this also checks that the month and day exist.
bool ValidCalendarDate(const std::string& v) {
  if (v.size() >= 7) {
    int m = std::stoi(v.substr(5, 2));
    if (m < 1 || m > 12) return false;
  }
  if (v.size() == 10) {
    int d = std::stoi(v.substr(8, 2));
    if (d < 1 || d > 31) return false;
  }
  return true;
}

std::optional<BadParam> ParseAt(const Params& p, std::optional<std::string>* at) {
  if (!p.Has("at")) return std::nullopt;
  std::string v = p.Get("at");
  if (v.empty()) return std::nullopt;
  if (!graph::IsIsoDate(v) || !ValidCalendarDate(v))
    return BadParam{400, "parameter 'at' wants an ISO date (2016, 2016-02 or 2016-02-17), got \"" + v + "\""};
  *at = v;
  return std::nullopt;
}

std::optional<BadParam> ParseTypesParam(const Params& p, std::vector<std::string>* types) {
  if (!p.Has("types")) return std::nullopt;
  std::vector<std::string> bad;
  *types = graph::ParseTypes(p.Get("types"), &bad);
  if (!bad.empty()) {
    std::string known;
    for (const auto& t : graph::RelationTypes()) known += (known.empty() ? "" : ", ") + t;
    return BadParam{400, "unknown relation type \"" + bad[0] + "\" (known: " + known + ")"};
  }
  return std::nullopt;
}

json Nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Sanitizes an uploaded document name: base name only, no control characters, at most
// 120 bytes. The name is a document key (and picks the format by its extension); it
// never becomes a path on disk.
std::string CleanName(std::string name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
  while (!out.empty() && (out[0] == '.' || out[0] == ' ')) out.erase(0, 1);
  if (out.size() > 120) {
    size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    std::string ext = std::filesystem::path(out).extension().string();
    out = out.substr(0, cut - std::min(cut, ext.size())) + (ext.size() < 10 ? ext : "");
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

// ----------------------------------------------------------------------------- Impl

struct Job {
  int64_t id = 0;
  std::mutex mu;
  std::string state = "queued";  // queued, running, done, failed
  struct Input {
    std::string name, text;
  };
  std::vector<Input> inputs;
  std::string date;
  bool force = false;
  size_t total = 0, processed = 0, added = 0, changed = 0, unchanged = 0, errors = 0;
  std::vector<std::string> messages;
  std::vector<std::string> keys;  // documents stored by this job
  Clock::time_point queued = Clock::now(), started, finished;

  json ToJson() {
    std::lock_guard<std::mutex> l(mu);
    auto secs = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double>(b - a).count();
    };
    json j{{"job", id},          {"state", state},         {"total", total},
           {"processed", processed}, {"new", added},        {"changed", changed},
           {"unchanged", unchanged}, {"errors", errors},    {"messages", messages},
           {"documents", keys}};
    if (state == "done" || state == "failed") j["seconds"] = secs(started, finished);
    else if (state == "running") j["seconds"] = secs(started, Clock::now());
    return j;
  }
};

struct Snapshot {
  uint64_t version = 0;
  graph::GraphData g;                         // relation, event and dissolution claims
  std::unordered_map<int64_t, json> attrs;    // per entity: region, ideology, size, ...
  std::string min_date, max_date;             // over link starts and ends
};

struct Api::Impl {
  ApiOptions opt;

  // Pool of read connections.
  std::mutex pool_mu;
  std::vector<std::unique_ptr<Store>> pool;

  // The connection that watches PRAGMA data_version (changes committed by others).
  std::mutex watch_mu;
  std::unique_ptr<Store> watch;

  std::mutex snap_mu;      // guards `snap`
  std::mutex rebuild_mu;   // one rebuild at a time
  std::shared_ptr<const Snapshot> snap;

  // Ingest.
  std::mutex jobs_mu;
  std::condition_variable jobs_cv;
  std::map<int64_t, std::shared_ptr<Job>> jobs;
  std::deque<std::shared_ptr<Job>> queue;
  int64_t next_job = 1;
  bool stopping = false;
  std::thread worker;
  std::unique_ptr<Extractor> extractor;
  std::mutex write_mu;  // ingest and resolution

  class Lease {
   public:
    Lease(Impl* impl, std::unique_ptr<Store> s) : impl_(impl), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (s_) {
        std::lock_guard<std::mutex> l(impl_->pool_mu);
        if (impl_->pool.size() < 32) impl_->pool.push_back(std::move(s_));
      }
    }
    Store* operator->() { return s_.get(); }
    Store& operator*() { return *s_; }
    explicit operator bool() const { return s_ != nullptr; }

   private:
    Impl* impl_;
    std::unique_ptr<Store> s_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> l(pool_mu);
      if (!pool.empty()) {
        auto s = std::move(pool.back());
        pool.pop_back();
        return Lease(this, std::move(s));
      }
    }
    auto s = Store::Open(opt.db);
    if (!s.ok()) return s.error();
    return Lease(this, std::move(*s));
  }

  uint64_t DataVersion() {
    std::lock_guard<std::mutex> l(watch_mu);
    if (!watch) return 0;
    auto st = watch->db().Prepare("PRAGMA data_version");
    if (!st.ok()) return 0;
    auto row = st->Step();
    if (!row.ok() || !*row) return 0;
    return static_cast<uint64_t>(st->Int(0));
  }

  Result<std::shared_ptr<const Snapshot>> GetSnapshot();
  Result<std::shared_ptr<Snapshot>> BuildSnapshot(Store& st, uint64_t version);

  // Handlers.
  ApiResponse Stats(const Params& p);
  ApiResponse Network(const Params& p);
  ApiResponse Entities(const Params& p);
  ApiResponse Profile(const Params& p);
  ApiResponse Relations(const Params& p);
  ApiResponse Timeline(const Params& p);
  ApiResponse Path(const Params& p);
  ApiResponse Search(const Params& p);
  ApiResponse Documents(const Params& p);
  ApiResponse Document(const Params& p);
  ApiResponse Export(const Params& p);
  ApiResponse IngestPost(const ApiRequest& req);
  ApiResponse IngestGet(const Params& p);

  // Looks up `name` or `id`; on failure fills *err (400 or 404 with suggestions).
  std::optional<int64_t> Named(Store& st, const Params& p, const std::string& key, ApiResponse* err,
                               json* also = nullptr);

  void WorkerLoop();
  void RunJob(Job& job);
};

ApiResponse DbError(const Error& e) { return Fail(500, "database: " + e.ToString()); }

std::optional<int64_t> Api::Impl::Named(Store& st, const Params& p, const std::string& key, ApiResponse* err,
                                        json* also) {
  if (key == "name" && p.Has("id")) {
    int64_t id = 0;
    if (auto bad = ParseInt(p, "id", 1, INT64_MAX / 2, &id)) {
      *err = Fail(bad->status, bad->message);
      return std::nullopt;
    }
    auto e = st.Entity(id);
    if (!e.ok()) {
      *err = Fail(404, "no entity with id " + std::to_string(id));
      return std::nullopt;
    }
    return id;
  }
  std::string name = p.Get(key);
  if (name.empty()) {
    *err = Fail(400, "missing parameter '" + key + "'" + (key == "name" ? " (or 'id')" : ""));
    return std::nullopt;
  }
  auto hits = st.FindEntity(name);
  if (!hits.ok()) {
    *err = DbError(hits.error());
    return std::nullopt;
  }
  if (hits->empty()) {
    auto sug = st.Suggest(name, 5);
    json s = sug.ok() ? json(*sug) : json::array();
    std::string msg = "no entity named \"" + name + "\"";
    if (sug.ok() && !sug->empty()) {
      msg += "; did you mean ";
      for (size_t i = 0; i < sug->size(); ++i)
        msg += (i ? (i + 1 == sug->size() ? " or " : ", ") : "") + ("\"" + (*sug)[i] + "\"");
      msg += "?";
    }
    *err = Fail(404, msg, {{"suggestions", s}});
    return std::nullopt;
  }
  if (also) {
    *also = json::array();
    for (size_t i = 1; i < hits->size() && i < 10; ++i)
      also->push_back({{"id", (*hits)[i].entity}, {"name", (*hits)[i].name}, {"type", (*hits)[i].type}});
  }
  return (*hits)[0].entity;
}

// ------------------------------------------------------------------ network snapshot

Result<std::shared_ptr<Snapshot>> Api::Impl::BuildSnapshot(Store& st, uint64_t version) {
  auto g = st.LoadAll(true);
  if (!g.ok()) return g.error();
  auto snap = std::make_shared<Snapshot>();
  snap->version = version;
  snap->g = std::move(*g);
  for (const graph::Link& l : graph::BuildLinks(snap->g)) {
    for (const std::string& d : {l.start, l.end}) {
      if (d.empty()) continue;
      if (snap->min_date.empty() || graph::DateLo(d) < graph::DateLo(snap->min_date)) snap->min_date = d;
      if (snap->max_date.empty() || graph::DateLo(d) > graph::DateLo(snap->max_date)) snap->max_date = d;
    }
  }
  auto& attrs = snap->attrs;
  store::Db& db = st.db();
  auto each = [&](const std::string& sql, auto fn) -> Result<store::Ok> {
    auto q = db.Prepare(sql);
    if (!q.ok()) return q.error();
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.error();
      if (!*row) break;
      fn(*q);
    }
    return store::Ok{};
  };
  // Number of claims about the entity (as subject or object).
  auto r1 = each(
      "SELECT id, (SELECT count(*) FROM claims c WHERE c.s_entity=e.id) + "
      "(SELECT count(*) FROM claims c WHERE c.o_entity=e.id), docs FROM entities e",
      [&](store::Stmt& q) {
        attrs[q.Int(0)]["claims"] = q.Int(1);
        attrs[q.Int(0)]["documents"] = q.Int(2);
      });
  if (!r1.ok()) return r1.error();
  // Ideology: the most corroborated written form, then the others.
  std::map<int64_t, std::vector<std::pair<std::string, int64_t>>> ideology;
  auto r2 = each(
      "SELECT s_entity, o_text, count(DISTINCT document_id) n FROM claims WHERE p='ideology' AND "
      "s_entity IS NOT NULL AND o_text IS NOT NULL GROUP BY s_entity, lower(o_text) ORDER BY s_entity, n DESC, o_text",
      [&](store::Stmt& q) { ideology[q.Int(0)].push_back({q.Text(1), q.Int(2)}); });
  if (!r2.ok()) return r2.error();
  for (auto& [id, v] : ideology) {
    json all = json::array();
    for (auto& [t, n] : v) all.push_back(t);
    attrs[id]["ideology"] = v[0].first;
    attrs[id]["ideologies"] = all;
  }
  // Reported strength: the latest dated figure, else the largest.
  std::map<int64_t, std::tuple<std::string, double>> size;
  auto r3 = each(
      "SELECT s_entity, value, coalesce(time_start,'') FROM claims WHERE p='size' AND value IS NOT NULL AND "
      "s_entity IS NOT NULL",
      [&](store::Stmt& q) {
        int64_t id = q.Int(0);
        std::string d = q.Text(2);
        double v = q.Real(1);
        auto it = size.find(id);
        if (it == size.end()) {
          size[id] = {d, v};
          return;
        }
        auto& [bd, bv] = it->second;
        std::string a = graph::DateLo(d), b = graph::DateLo(bd);
        if (a > b || (a == b && v > bv)) it->second = {d, v};
      });
  if (!r3.ok()) return r3.error();
  for (auto& [id, s] : size) {
    attrs[id]["size"] = std::get<1>(s);
    attrs[id]["size_date"] = Nullable(std::get<0>(s));
  }
  // Region: the country the entity's mentions are most often tied to (lexicon entry,
  // `area` claims, "... in Libya"), else its most corroborated area.
  std::map<int64_t, std::map<std::string, int>> countries;
  auto r4 = each("SELECT entity_id, countries FROM mentions WHERE entity_id IS NOT NULL AND countries IS NOT NULL "
                 "AND countries != ''",
                 [&](store::Stmt& q) {
                   for (const std::string& c : store::SplitList(q.Text(1)))
                     if (!c.empty()) countries[q.Int(0)][c]++;
                 });
  if (!r4.ok()) return r4.error();
  for (auto& [id, m] : countries) {
    std::string best;
    int n = 0;
    for (auto& [c, k] : m)
      if (k > n) best = c, n = k;
    if (!best.empty()) attrs[id]["region"] = best;
  }
  std::map<int64_t, std::string> area;
  auto r5 = each(
      "SELECT s_entity, o_text, count(DISTINCT document_id) n FROM claims WHERE p='area' AND s_entity IS NOT NULL "
      "AND o_text IS NOT NULL GROUP BY s_entity, o_text ORDER BY s_entity, n DESC, o_text",
      [&](store::Stmt& q) { area.emplace(q.Int(0), q.Text(1)); });
  if (!r5.ok()) return r5.error();
  for (auto& [id, a] : area) attrs[id]["area"] = a;
  // Founding and dissolution years.
  auto r6 = each(
      "SELECT s_entity, p, min(coalesce(time_start, o_text)) FROM claims WHERE p IN ('founded','dissolved') AND "
      "s_entity IS NOT NULL GROUP BY s_entity, p",
      [&](store::Stmt& q) {
        std::string v = q.Text(2);
        if (graph::IsIsoDate(v)) attrs[q.Int(0)][q.Text(1)] = v;
      });
  if (!r6.ok()) return r6.error();
  return snap;
}

Result<std::shared_ptr<const Snapshot>> Api::Impl::GetSnapshot() {
  uint64_t v = DataVersion();
  {
    std::lock_guard<std::mutex> l(snap_mu);
    if (snap && snap->version == v) return snap;
  }
  std::lock_guard<std::mutex> rebuild(rebuild_mu);
  {
    std::lock_guard<std::mutex> l(snap_mu);
    if (snap && snap->version == v) return snap;  // another thread rebuilt it
  }
  auto lease = Acquire();
  if (!lease.ok()) return lease.error();
  auto built = BuildSnapshot(**lease, v);
  if (!built.ok()) return built.error();
  std::shared_ptr<const Snapshot> s = std::move(*built);
  std::lock_guard<std::mutex> l(snap_mu);
  snap = s;
  return s;
}

// ------------------------------------------------------------------------ handlers

#define CHECK_PARAMS(p)                                   \
  if (auto bad_ = (p).Check()) return Fail(bad_->status, bad_->message)
#define CHECK(expr)                                                      \
  if (auto bad_ = (expr)) return Fail(bad_->status, bad_->message, bad_->extra)
#define LEASE(var)                          \
  auto var##_r = Acquire();                 \
  if (!var##_r.ok()) return DbError(var##_r.error()); \
  Lease& var = *var##_r

ApiResponse Api::Impl::Stats(const Params& p) {
  CHECK_PARAMS(p);
  LEASE(st);
  auto s = st->GetStats();
  if (!s.ok()) return DbError(s.error());
  auto pairs = [](const std::vector<std::pair<std::string, int64_t>>& v) {
    json j = json::object();
    for (auto& [k, n] : v) j[k] = n;
    return j;
  };
  return Json({{"documents", s->documents}, {"text_bytes", s->bytes}, {"mentions", s->mentions},
               {"entities", s->entities}, {"aliases", s->aliases}, {"claims", s->claims},
               {"evidence_sentences", s->evidence}, {"corrections", s->corrections},
               {"database_bytes", s->db_bytes}, {"entities_by_type", pairs(s->entities_by_type)},
               {"claims_by_predicate", pairs(s->claims_by_predicate)},
               {"claims_by_hedge", pairs(s->claims_by_hedge)},
               {"first_document_date", s->first_date}, {"last_document_date", s->last_date}});
}

ApiResponse Api::Impl::Network(const Params& p) {
  CHECK_PARAMS(p);
  graph::NetworkQuery q;
  CHECK(ParseAt(p, &q.at));
  CHECK(ParseTypesParam(p, &q.types));
  int64_t depth = 1;
  CHECK(ParseInt(p, "depth", 0, 10, &depth));
  q.depth = static_cast<int>(depth);
  CHECK(ParseBool(p, "undated", &q.include_undated));
  bool compact = false;
  CHECK(ParseBool(p, "compact", &compact));
  if (p.Has("around")) {
    LEASE(st);
    ApiResponse err;
    auto id = Named(*st, p, "around", &err);
    if (!id) return err;
    q.around = *id;
  }
  auto snap = GetSnapshot();
  if (!snap.ok()) return DbError(snap.error());
  const Snapshot& s = **snap;
  graph::Network n = graph::BuildNetwork(s.g, q);
  json nodes = json::array();
  std::unordered_map<int64_t, int> degree;
  for (const graph::Link& l : n.edges) degree[l.a]++, degree[l.b]++;
  for (int64_t id : n.nodes) {
    const graph::EntityRec* e = s.g.entity(id);
    json node{{"id", id}, {"name", e ? e->name : ""}, {"type", e ? e->type : ""}, {"degree", degree[id]}};
    json aliases = json::array();
    if (e)
      for (size_t i = 0; i < e->aliases.size() && i < 12; ++i) aliases.push_back(e->aliases[i]);
    node["aliases"] = aliases;
    auto it = s.attrs.find(id);
    if (it != s.attrs.end())
      for (auto& [k, v] : it->second.items()) node[k] = v;
    nodes.push_back(std::move(node));
  }
  json edges = json::array();
  for (const graph::Link& l : n.edges) {
    json j = graph::LinkJson(s.g, l);
    if (compact) {
      json first = j["sources"].empty() ? json(nullptr) : j["sources"][0];
      j.erase("sources");
      j["sources_count"] = l.claims.size();
      j["first_source"] = first;
    }
    edges.push_back(std::move(j));
  }
  json out{{"nodes", nodes}, {"edges", edges}};
  out["at"] = q.at ? json(*q.at) : json(nullptr);
  out["dates"] = {{"min", Nullable(s.min_date)}, {"max", Nullable(s.max_date)}};
  out["relation_types"] = graph::RelationTypes();
  return Json(std::move(out));
}

ApiResponse Api::Impl::Entities(const Params& p) {
  CHECK_PARAMS(p);
  int64_t limit = 10;
  CHECK(ParseInt(p, "limit", 1, 100, &limit));
  std::string type = p.Get("type");
  std::string q = p.Get("q");
  std::string key = MatchKey(q);
  LEASE(st);
  struct Hit {
    int64_t id;
    std::string name, type, matched;
    int64_t docs, claims;
    int rank;  // 0 exact, 1 prefix, 2 word prefix, 3 substring, 4 no query
  };
  std::map<int64_t, Hit> best;
  std::string sql =
      "SELECT e.id, e.name, e.type, e.docs, (SELECT count(*) FROM claims c WHERE c.s_entity=e.id) + "
      "(SELECT count(*) FROM claims c WHERE c.o_entity=e.id), a.written, a.key "
      "FROM aliases a JOIN entities e ON e.id=a.entity_id WHERE a.key NOT LIKE '~%'";
  if (!key.empty()) sql += " AND instr(a.key, ?1) > 0";
  if (!type.empty()) sql += std::string(" AND e.type=") + (key.empty() ? "?1" : "?2");
  auto stmt = st->db().Prepare(sql);
  if (!stmt.ok()) return DbError(stmt.error());
  int bind = 1;
  if (!key.empty()) stmt->Bind(bind++, std::string_view(key));
  if (!type.empty()) stmt->Bind(bind++, std::string_view(type));
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return DbError(row.error());
    if (!*row) break;
    std::string k = stmt->Text(6);
    int rank = 4;
    if (!key.empty()) {
      if (k == key) rank = 0;
      else if (k.rfind(key, 0) == 0) rank = 1;
      else if (k.find(" " + key) != std::string::npos) rank = 2;
      else rank = 3;
    }
    Hit h{stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(5), stmt->Int(3), stmt->Int(4), rank};
    auto it = best.find(h.id);
    bool is_name = h.matched == h.name;
    if (it == best.end() || h.rank < it->second.rank ||
        (h.rank == it->second.rank && is_name && it->second.matched != it->second.name))
      best[h.id] = h;
  }
  std::vector<Hit> v;
  for (auto& [id, h] : best) v.push_back(h);
  std::sort(v.begin(), v.end(), [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    bool ga = a.type == "group", gb = b.type == "group";
    if (ga != gb) return ga;
    if (a.claims != b.claims) return a.claims > b.claims;
    return a.name < b.name;
  });
  json out = json::array();
  for (size_t i = 0; i < v.size() && static_cast<int64_t>(i) < limit; ++i) {
    json j{{"id", v[i].id}, {"name", v[i].name}, {"type", v[i].type}, {"documents", v[i].docs},
           {"claims", v[i].claims}};
    j["matched"] = v[i].matched != v[i].name && !key.empty() ? json(v[i].matched) : json(nullptr);
    out.push_back(std::move(j));
  }
  return Json({{"query", q}, {"results", out}});
}

ApiResponse Api::Impl::Profile(const Params& p) {
  CHECK_PARAMS(p);
  LEASE(st);
  ApiResponse err;
  json also;
  auto id = Named(*st, p, "name", &err, &also);
  if (!id) return err;
  auto g = st->LoadAround(*id);
  if (!g.ok()) return DbError(g.error());
  graph::Profile prof = graph::BuildProfile(*g, *id);
  json j = graph::ProfileJson(*g, prof);
  if (!also.is_null()) j["also_named"] = also;
  return Json(std::move(j));
}

ApiResponse Api::Impl::Relations(const Params& p) {
  CHECK_PARAMS(p);
  graph::RelationsQuery q;
  CHECK(ParseAt(p, &q.at));
  CHECK(ParseTypesParam(p, &q.types));
  CHECK(ParseBool(p, "undated", &q.include_undated));
  LEASE(st);
  ApiResponse err;
  auto id = Named(*st, p, "name", &err);
  if (!id) return err;
  auto g = st->LoadAround(*id);
  if (!g.ok()) return DbError(g.error());
  graph::RelationsResult r = graph::Relations(*g, *id, q);
  return Json(graph::RelationsJson(*g, *id, r, q));
}

ApiResponse Api::Impl::Timeline(const Params& p) {
  CHECK_PARAMS(p);
  LEASE(st);
  ApiResponse err;
  auto id = Named(*st, p, "name", &err);
  if (!id) return err;
  auto g = st->LoadAround(*id);
  if (!g.ok()) return DbError(g.error());
  return Json(graph::TimelineJson(*g, *id, graph::Timeline(*g, *id)));
}

ApiResponse Api::Impl::Path(const Params& p) {
  CHECK_PARAMS(p);
  std::optional<std::string> at;
  CHECK(ParseAt(p, &at));
  LEASE(st);
  ApiResponse err;
  auto a = Named(*st, p, "from", &err);
  if (!a) return err;
  auto b = Named(*st, p, "to", &err);
  if (!b) return err;
  auto snap = GetSnapshot();
  if (!snap.ok()) return DbError(snap.error());
  const graph::GraphData& g = (*snap)->g;
  std::vector<graph::Link> links;
  for (graph::Link& l : graph::BuildLinks(g))
    if (!at || graph::HoldsAt(l, *at, true)) links.push_back(std::move(l));
  auto path = graph::FindPath(links, *a, *b);
  json j = graph::PathJson(g, path);
  j["from"] = g.EntityName(*a);
  j["to"] = g.EntityName(*b);
  j["connected"] = !path.empty() || *a == *b;
  return Json(std::move(j));
}

ApiResponse Api::Impl::Search(const Params& p) {
  CHECK_PARAMS(p);
  int64_t limit = 20;
  CHECK(ParseInt(p, "limit", 1, 200, &limit));
  std::string text = p.Get("q");
  if (text.empty()) return Fail(400, "missing parameter 'q' (the words to find)");
  LEASE(st);
  auto hits = st->Search(text, static_cast<size_t>(limit));
  if (!hits.ok()) return Fail(400, "search: " + hits.error().ToString());
  store::EntityNames name(*st);
  json arr = json::array();
  for (const auto& h : *hits) {
    json facts = json::array();
    for (const auto& cl : h.claims)
      facts.push_back({{"s", name(cl.s)}, {"s_id", cl.s}, {"p", cl.p}, {"o", cl.o ? name(cl.o) : cl.o_text},
                       {"hedge", Nullable(cl.hedge)}});
    arr.push_back({{"doc", h.doc_key}, {"doc_date", Nullable(h.doc_date)}, {"quote", h.sentence},
                   {"snippet", h.snippet}, {"begin", h.begin}, {"end", h.end}, {"facts", facts}});
  }
  return Json({{"query", text}, {"results", arr}});
}

ApiResponse Api::Impl::Documents(const Params& p) {
  CHECK_PARAMS(p);
  int64_t limit = 100, offset = 0;
  CHECK(ParseInt(p, "limit", 1, 1000, &limit));
  CHECK(ParseInt(p, "offset", 0, INT32_MAX, &offset));
  LEASE(st);
  auto q = st->db().Prepare(
      "SELECT doc_key, title, date, source, bytes, ingested_at, "
      "(SELECT count(*) FROM claims c WHERE c.document_id=d.id) FROM documents d ORDER BY d.id DESC LIMIT ? OFFSET ?");
  if (!q.ok()) return DbError(q.error());
  q->Bind(1, limit).Bind(2, offset);
  json arr = json::array();
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return DbError(row.error());
    if (!*row) break;
    arr.push_back({{"key", q->Text(0)}, {"title", Nullable(q->Text(1))}, {"date", Nullable(q->Text(2))},
                   {"source", Nullable(q->Text(3))}, {"bytes", q->Int(4)}, {"ingested_at", q->Text(5)},
                   {"claims", q->Int(6)}});
  }
  auto c = st->db().Prepare("SELECT count(*) FROM documents");
  if (!c.ok()) return DbError(c.error());
  auto row = c->Step();
  if (!row.ok()) return DbError(row.error());
  return Json({{"total", c->Int(0)}, {"offset", offset}, {"documents", arr}});
}

ApiResponse Api::Impl::Document(const Params& p) {
  CHECK_PARAMS(p);
  std::string key = p.Get("key");
  if (key.empty()) return Fail(400, "missing parameter 'key' (a document id, as /api/documents lists them)");
  LEASE(st);
  auto q = st->db().Prepare("SELECT id, doc_key, title, date, source, text FROM documents WHERE doc_key=?");
  if (!q.ok()) return DbError(q.error());
  q->Bind(1, std::string_view(key));
  auto row = q->Step();
  if (!row.ok()) return DbError(row.error());
  if (!*row) return Fail(404, "no document \"" + key + "\"");
  int64_t id = q->Int(0);
  json j{{"key", q->Text(1)}, {"title", Nullable(q->Text(2))}, {"date", Nullable(q->Text(3))},
         {"source", Nullable(q->Text(4))}, {"text", q->Text(5)}};
  auto ev = st->db().Prepare(
      "SELECT e.id, e.begin, e.end, (SELECT count(*) FROM claims c WHERE c.evidence_id=e.id) FROM evidence e "
      "WHERE e.document_id=? ORDER BY e.begin");
  if (!ev.ok()) return DbError(ev.error());
  ev->Bind(1, id);
  json spans = json::array();
  while (true) {
    auto r = ev->Step();
    if (!r.ok()) return DbError(r.error());
    if (!*r) break;
    spans.push_back({{"id", ev->Int(0)}, {"begin", ev->Int(1)}, {"end", ev->Int(2)}, {"claims", ev->Int(3)}});
  }
  j["evidence"] = spans;
  j["offsets"] = "code points";
  return Json(std::move(j));
}

ApiResponse Api::Impl::Export(const Params& p) {
  CHECK_PARAMS(p);
  std::string format = p.Get("format");
  static const std::map<std::string, std::pair<std::string, std::string>> kFormats = {
      {"graphml", {"application/graphml+xml; charset=utf-8", "graphml"}},
      {"gexf", {"application/gexf+xml; charset=utf-8", "gexf"}},
      {"dot", {"text/vnd.graphviz; charset=utf-8", "dot"}},
      {"jsonl", {"application/x-ndjson; charset=utf-8", "jsonl"}},
      {"csv", {"text/csv; charset=utf-8", "csv"}}};
  auto fmt = kFormats.find(format);
  if (fmt == kFormats.end())
    return Fail(400, format.empty() ? "missing parameter 'format' (graphml, gexf, dot, csv or jsonl)"
                                    : "unknown format \"" + format + "\" (graphml, gexf, dot, csv or jsonl)");
  std::string table = p.Get("table");
  if (format == "csv") {
    if (table.empty()) table = "edges";
    if (table != "nodes" && table != "edges" && table != "events")
      return Fail(400, "parameter 'table' wants nodes, edges or events, got \"" + table + "\"");
  } else if (p.Has("table")) {
    return Fail(400, "parameter 'table' only applies to format=csv");
  }
  exporter::ExportOptions o;
  CHECK(ParseAt(p, &o.at));
  LEASE(st);
  auto g = st->LoadAll(false);
  if (!g.ok()) return DbError(g.error());
  std::ostringstream out;
  if (format == "graphml") exporter::WriteGraphml(*g, o, out);
  else if (format == "gexf") exporter::WriteGexf(*g, o, out);
  else if (format == "dot") exporter::WriteDot(*g, o, out);
  else if (format == "jsonl") exporter::WriteGraphJsonl(*g, o, out);
  else if (table == "nodes") exporter::WriteCsvNodes(*g, o, out);
  else if (table == "edges") exporter::WriteCsvEdges(*g, o, out);
  else exporter::WriteCsvEvents(*g, o, out);
  ApiResponse r;
  r.is_raw = true;
  r.raw = out.str();
  r.content_type = fmt->second.first;
  r.filename = "orbat" + (o.at ? "-" + *o.at : std::string()) + (format == "csv" ? "-" + table : "") + "." +
               fmt->second.second;
  return r;
}

// --------------------------------------------------------------------------- ingest

ApiResponse Api::Impl::IngestPost(const ApiRequest& req) {
  Params none(req.params, {});
  CHECK_PARAMS(none);
  std::string ct = Lower(req.content_type);
  if (ct.rfind("application/json", 0) != 0)
    return Fail(415, "POST /api/ingest wants Content-Type: application/json, got \"" + req.content_type + "\"");
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return Fail(400, "the request body is not valid JSON");
  if (!body.is_object()) return Fail(400, "the request body must be a JSON object {\"documents\": [...]}");
  for (auto& [k, v] : body.items())
    if (k != "documents" && k != "date" && k != "force")
      return Fail(400, "unknown field '" + k + "' (known: documents, date, force)");
  if (!body.contains("documents") || !body["documents"].is_array() || body["documents"].empty())
    return Fail(400, "field 'documents' must be a non-empty array of {\"name\": ..., \"text\": ...}");
  const json& docs = body["documents"];
  if (docs.size() > opt.max_ingest_documents)
    return Fail(413, "too many documents in one request: " + std::to_string(docs.size()) + " (at most " +
                         std::to_string(opt.max_ingest_documents) + ")");
  auto job = std::make_shared<Job>();
  if (body.contains("date")) {
    if (!body["date"].is_string() || (!body["date"].get<std::string>().empty() &&
                                      (!graph::IsIsoDate(body["date"].get<std::string>()) ||
                                       !ValidCalendarDate(body["date"].get<std::string>()))))
      return Fail(400, "field 'date' wants an ISO date (2016, 2016-02 or 2016-02-17)");
    job->date = body["date"].get<std::string>();
  }
  if (body.contains("force")) {
    if (!body["force"].is_boolean()) return Fail(400, "field 'force' wants true or false");
    job->force = body["force"].get<bool>();
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    const json& d = docs[i];
    std::string where = "documents[" + std::to_string(i) + "]";
    if (!d.is_object()) return Fail(400, where + " must be an object {\"name\": ..., \"text\": ...}");
    for (auto& [k, v] : d.items())
      if (k != "name" && k != "text") return Fail(400, where + ": unknown field '" + k + "' (known: name, text)");
    if (!d.contains("text") || !d["text"].is_string()) return Fail(400, where + ".text must be a string");
    if (d.contains("name") && !d["name"].is_string()) return Fail(400, where + ".name must be a string");
    std::string text = d["text"].get<std::string>();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Fail(400, where + ".text is empty");
    if (text.size() > opt.max_document_bytes)
      return Fail(413, where + " is too large: " + std::to_string(text.size()) + " bytes (at most " +
                           std::to_string(opt.max_document_bytes) + ")");
    std::string name = d.contains("name") ? CleanName(d["name"].get<std::string>()) : "";
    if (std::filesystem::path(name).stem().string().empty()) name.clear();
    job->inputs.push_back({name, std::move(text)});
  }
  job->total = job->inputs.size();
  std::lock_guard<std::mutex> l(jobs_mu);
  if (stopping) return Fail(503, "the server is stopping");
  if (queue.size() >= 16) return Fail(503, "too many ingest jobs queued; try again when they have finished");
  job->id = next_job++;
  for (size_t i = 0; i < job->inputs.size(); ++i)
    if (job->inputs[i].name.empty())
      job->inputs[i].name = "pasted-" + std::to_string(job->id) + "-" + std::to_string(i + 1) + ".txt";
  jobs[job->id] = job;
  while (jobs.size() > 200) jobs.erase(jobs.begin());
  queue.push_back(job);
  if (!worker.joinable()) worker = std::thread([this] { WorkerLoop(); });
  jobs_cv.notify_all();
  return Json({{"job", job->id}, {"state", "queued"}, {"total", job->total},
               {"status_url", "/api/ingest?job=" + std::to_string(job->id)}},
              202);
}

ApiResponse Api::Impl::IngestGet(const Params& p) {
  CHECK_PARAMS(p);
  if (!p.Has("job")) return Fail(400, "missing parameter 'job' (the id POST /api/ingest returned)");
  int64_t id = 0;
  CHECK(ParseInt(p, "job", 1, INT64_MAX / 2, &id));
  std::shared_ptr<Job> job;
  {
    std::lock_guard<std::mutex> l(jobs_mu);
    auto it = jobs.find(id);
    if (it == jobs.end()) return Fail(404, "no ingest job " + std::to_string(id));
    job = it->second;
  }
  return Json(job->ToJson());
}

void Api::Impl::WorkerLoop() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> l(jobs_mu);
      jobs_cv.wait(l, [&] { return stopping || !queue.empty(); });
      if (stopping) {
        for (auto& j : queue) {
          std::lock_guard<std::mutex> jl(j->mu);
          j->state = "failed";
          j->messages.push_back("the server stopped before this job ran");
        }
        queue.clear();
        jobs_cv.notify_all();
        return;
      }
      job = queue.front();
      queue.pop_front();
    }
    RunJob(*job);
    jobs_cv.notify_all();
  }
}

void Api::Impl::RunJob(Job& job) {
  {
    std::lock_guard<std::mutex> l(job.mu);
    job.state = "running";
    job.started = Clock::now();
  }
  auto fail = [&](const std::string& msg) {
    std::lock_guard<std::mutex> l(job.mu);
    job.state = "failed";
    job.messages.push_back(msg);
    job.finished = Clock::now();
  };
  std::lock_guard<std::mutex> write(write_mu);
  if (!extractor) {
    auto ex = Extractor::Create(opt.data_dir.empty() ? DefaultDataDir() : opt.data_dir);
    if (!ex.ok()) return fail("extractor: " + ex.error().ToString());
    extractor = std::move(*ex);
  }
  auto opened = Store::Open(opt.db);
  if (!opened.ok()) return fail("database: " + opened.error().ToString());
  Store& st = **opened;
  ReadOptions ro;
  ro.default_date = job.date;
  ro.max_document_bytes = opt.max_document_bytes;
  std::vector<store::StoredDoc> batch;
  bool failed = false;
  auto flush = [&]() {
    if (batch.empty() || failed) return;
    auto r = st.WriteBatch(batch);
    if (!r.ok()) {
      failed = true;
      fail("database: " + r.error().ToString());
    }
    batch.clear();
  };
  auto on_doc = [&](orbat::Document&& doc) {
    if (failed) return;
    std::string hash = store::ContentHash(doc);
    auto old = st.HashOf(doc.id);
    if (!old.ok()) {
      failed = true;
      return fail("database: " + old.error().ToString());
    }
    bool unchanged = old->has_value() && **old == hash && !job.force;
    if (!unchanged) {
      DocumentFacts facts = extractor->Extract(doc);
      batch.push_back(store::PrepareDocument(doc, facts, &extractor->lexicon()));
      batch.back().key = doc.id;
      if (batch.size() >= 50) flush();
    }
    std::lock_guard<std::mutex> l(job.mu);
    job.keys.push_back(doc.id);
    (unchanged ? job.unchanged : old->has_value() ? job.changed : job.added)++;
  };
  auto on_error = [&](const Error& e) {
    std::lock_guard<std::mutex> l(job.mu);
    job.errors++;
    job.messages.push_back(e.ToString());
  };
  for (Job::Input& in : job.inputs) {
    std::string ext = Lower(std::filesystem::path(in.name).extension().string());
    if (ext == ".jsonl") {
      // JSONL holds many documents: let the reader parse it from a private temp file.
      char tmpl[] = "/tmp/orbat-ingest-XXXXXX";
      char* dir = mkdtemp(tmpl);
      if (!dir) {
        on_error({in.name, 0, "cannot create a temporary file"});
      } else {
        std::string stem;
        for (char c : std::filesystem::path(in.name).stem().string())
          stem += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
        std::filesystem::path file = std::filesystem::path(dir) / ((stem.empty() ? "upload" : stem) + ".jsonl");
        {
          std::ofstream f(file, std::ios::binary);
          f << in.text;
        }
        size_t before;
        {
          std::lock_guard<std::mutex> l(job.mu);
          before = job.added + job.changed + job.unchanged;
        }
        ReadInputs({file.string()}, ro, on_doc, on_error);
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        std::lock_guard<std::mutex> l(job.mu);
        size_t got = job.added + job.changed + job.unchanged - before;
        job.total += got > 0 ? got - 1 : 0;
      }
    } else {
      auto doc = DocumentFromText(in.name, std::move(in.text), ro);
      if (doc.ok()) on_doc(std::move(*doc));
      else on_error(doc.error());
    }
    std::lock_guard<std::mutex> l(job.mu);
    job.processed++;
    in.text.clear();
    if (failed) break;
  }
  flush();
  if (failed) return;
  auto res = st.EnsureResolved();
  if (!res.ok()) return fail("resolution: " + res.error().ToString());
  std::lock_guard<std::mutex> l(job.mu);
  job.processed = job.total;
  job.state = "done";
  job.finished = Clock::now();
}

// ------------------------------------------------------------------------------ Api

Api::Api(ApiOptions options) : impl_(std::make_unique<Impl>()) { impl_->opt = std::move(options); }

Api::~Api() {
  {
    std::lock_guard<std::mutex> l(impl_->jobs_mu);
    impl_->stopping = true;
  }
  impl_->jobs_cv.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

std::string Api::Init() {
  auto s = Store::Open(impl_->opt.db);
  if (!s.ok()) return s.error().ToString();
  {
    std::lock_guard<std::mutex> w(impl_->write_mu);
    auto r = (*s)->EnsureResolved();
    if (!r.ok()) return r.error().ToString();
  }
  std::lock_guard<std::mutex> l(impl_->watch_mu);
  impl_->watch = std::move(*s);
  return "";
}

bool Api::WaitForJob(int64_t id, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock<std::mutex> l(impl_->jobs_mu);
  auto it = impl_->jobs.find(id);
  if (it == impl_->jobs.end()) return false;
  auto job = it->second;
  return impl_->jobs_cv.wait_until(l, deadline, [&] {
    std::lock_guard<std::mutex> jl(job->mu);
    return job->state == "done" || job->state == "failed";
  });
}

ApiResponse Api::Handle(const ApiRequest& req) {
  using Getter = ApiResponse (Impl::*)(const Params&);
  struct Route {
    Getter fn;
    std::vector<std::string> params;
  };
  static const std::map<std::string, Route> kGet = {
      {"/api/stats", {&Impl::Stats, {}}},
      {"/api/network", {&Impl::Network, {"at", "types", "around", "depth", "undated", "compact"}}},
      {"/api/entities", {&Impl::Entities, {"q", "limit", "type"}}},
      {"/api/profile", {&Impl::Profile, {"name", "id"}}},
      {"/api/relations", {&Impl::Relations, {"name", "id", "at", "types", "undated"}}},
      {"/api/timeline", {&Impl::Timeline, {"name", "id"}}},
      {"/api/path", {&Impl::Path, {"from", "to", "at"}}},
      {"/api/search", {&Impl::Search, {"q", "limit"}}},
      {"/api/documents", {&Impl::Documents, {"limit", "offset"}}},
      {"/api/document", {&Impl::Document, {"key"}}},
      {"/api/export", {&Impl::Export, {"format", "at", "table"}}},
      {"/api/ingest", {&Impl::IngestGet, {"job"}}},
  };
  try {
    std::string path = req.path;
    while (path.size() > 5 && path.back() == '/') path.pop_back();
    if (path == "/api/ingest" && req.method == "POST") return impl_->IngestPost(req);
    auto it = kGet.find(path);
    if (it == kGet.end()) {
      json eps = json::array();
      for (auto& [k, v] : kGet) eps.push_back(k);
      return Fail(404, "no endpoint " + req.path, {{"endpoints", eps}});
    }
    if (req.method != "GET" && req.method != "HEAD") {
      ApiResponse r = Fail(405, "method " + req.method + " not allowed on " + path +
                                    (path == "/api/ingest" ? " (GET or POST)" : " (GET only)"));
      return r;
    }
    Params p(req.params, it->second.params);
    return (impl_.get()->*(it->second.fn))(p);
  } catch (const std::exception& e) {
    return Fail(500, std::string("internal error: ") + e.what());
  }
}

}  // namespace orbat::server
