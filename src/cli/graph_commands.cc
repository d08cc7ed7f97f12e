// The knowledge-graph subcommands: ingest, profile, relations, timeline, network, path,
// search, stats, merge, split, export. Each opens the SQLite store (--db, default
// ./orbat.db), brings entity resolution up to date if needed, runs its query (src/graph)
// and prints text or, with --json, one JSON document.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/ordered_workers.h"
#include "cli/commands.h"
#include "export/graph_export.h"
#include "extract/extractor.h"
#include "graph/dates.h"
#include "graph/queries.h"
#include "graph/report.h"
#include "io/reader.h"
#include "store/prepare.h"
#include "store/store.h"

namespace orbat {

namespace {

using nlohmann::json;
using store::Store;

struct Common {
  std::string db = "orbat.db";
  bool json = false;
};

void AddCommon(CLI::App* cmd, Common& c, bool with_json = true) {
  cmd->add_option("--db", c.db, "SQLite database file")->capture_default_str();
  if (with_json) cmd->add_flag("--json", c.json, "print JSON instead of text");
}

void PrintJson(const json& j) { std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n"; }

// Opens an existing store for a query, with resolution up to date.
std::unique_ptr<Store> OpenForQuery(const std::string& path, int* exit_code) {
  if (!std::filesystem::exists(path)) {
    std::cerr << "orbat: no database at " << path << " (run `orbat ingest PATH --db " << path
              << "` first)\n";
    *exit_code = 1;
    return nullptr;
  }
  auto s = Store::Open(path);
  if (!s.ok()) {
    std::cerr << "orbat: " << s.error().ToString() << "\n";
    *exit_code = 1;
    return nullptr;
  }
  auto r = (*s)->EnsureResolved();
  if (!r.ok()) {
    std::cerr << "orbat: " << r.error().ToString() << "\n";
    *exit_code = 1;
    return nullptr;
  }
  return std::move(*s);
}

// Finds the entity a user named; prints "did you mean" on a miss.
std::optional<int64_t> FindNamed(Store& st, const std::string& name, int* exit_code) {
  auto hits = st.FindEntity(name);
  if (!hits.ok()) {
    std::cerr << "orbat: " << hits.error().ToString() << "\n";
    *exit_code = 1;
    return std::nullopt;
  }
  if (hits->empty()) {
    std::cerr << "orbat: no entity named \"" << name << "\"";
    auto sug = st.Suggest(name);
    if (sug.ok() && !sug->empty()) {
      std::cerr << "; did you mean ";
      for (size_t i = 0; i < sug->size(); ++i)
        std::cerr << (i ? (i + 1 == sug->size() ? " or " : ", ") : "") << "\"" << (*sug)[i] << "\"";
      std::cerr << "?";
    }
    std::cerr << "\n";
    *exit_code = 1;
    return std::nullopt;
  }
  if (hits->size() > 1) {
    std::cerr << "note: \"" << name << "\" also names:";
    for (size_t i = 1; i < hits->size() && i < 6; ++i)
      std::cerr << (i > 1 ? "," : "") << " " << (*hits)[i].name << " (" << (*hits)[i].type << ")";
    std::cerr << "; showing " << (*hits)[0].name << "\n";
  }
  return (*hits)[0].entity;
}

bool ValidDate(const std::string& at, int* exit_code) {
  if (graph::IsIsoDate(at)) return true;
  std::cerr << "orbat: --at wants an ISO date (2016, 2016-02 or 2016-02-17), got \"" << at << "\"\n";
  *exit_code = 2;
  return false;
}

std::string Human(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB"};
  int u = 0;
  while (bytes >= 1024 && u < 3) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return buf;
}

// ---------------------------------------------------------------- ingest

struct IngestArgs {
  Common c;
  std::vector<std::string> paths;
  std::string data;
  std::string date;
  size_t batch = 200;
  bool force = false;
  bool quiet = false;
  int jobs = DefaultJobs();
};

uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& p : paths) {
    if (std::filesystem::is_regular_file(p, ec)) {
      total += std::filesystem::file_size(p, ec);
    } else if (std::filesystem::is_directory(p, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
          std::string ext = it->path().extension().string();
          if (ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm" || ext == ".jsonl")
            total += it->file_size(ec);
        }
      }
    }
  }
  return total;
}

void RunIngest(IngestArgs& a, int* exit_code) {
  auto opened = Store::Open(a.c.db);
  if (!opened.ok()) {
    std::cerr << "orbat: " << opened.error().ToString() << "\n";
    *exit_code = 1;
    return;
  }
  Store& st = **opened;
  std::string data = a.data.empty() ? DefaultDataDir() : a.data;
  auto ex = Extractor::Create(data);
  if (!ex.ok()) {
    std::cerr << "orbat: " << ex.error().ToString() << "\n";
    *exit_code = 1;
    return;
  }
  const Extractor& extractor = **ex;
  ReadOptions ro;
  ro.default_date = a.date;
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto last_report = t0;
  bool tty = isatty(2);
  uint64_t total_bytes = InputBytes(a.paths);
  uint64_t done_bytes = 0;         // bytes of files finished
  uint64_t text_bytes = 0;         // document text processed
  std::string current_file;
  uint64_t current_file_size = 0;
  size_t seen = 0, added = 0, replaced = 0, unchanged = 0, errors = 0;
  std::vector<store::StoredDoc> batch;
  bool failed = false;

  auto flush = [&]() {
    if (batch.empty() || failed) return;
    auto r = st.WriteBatch(batch);
    if (!r.ok()) {
      std::cerr << "orbat: " << r.error().ToString() << "\n";
      failed = true;
    }
    batch.clear();
  };
  auto progress = [&](bool final) {
    auto now = Clock::now();
    double secs = std::chrono::duration<double>(now - t0).count();
    if (!final && a.quiet) return;
    if (!final && now - last_report < std::chrono::seconds(tty ? 1 : 10)) return;
    last_report = now;
    double dps = secs > 0 ? seen / secs : 0;
    double mbps = secs > 0 ? text_bytes / secs / 1e6 : 0;
    char buf[256];
    std::string eta;
    if (!final && total_bytes > 0 && done_bytes > 0 && done_bytes < total_bytes) {
      double rate = done_bytes / secs;
      double left = (total_bytes - done_bytes) / rate;
      eta = ", ETA " + std::to_string(static_cast<long>(left + 0.5)) + " s";
    }
    snprintf(buf, sizeof buf, "ingest: %zu documents (%zu new, %zu changed, %zu unchanged, %zu errors), %.1f docs/s, %.2f MB/s",
             seen, added, replaced, unchanged, errors, dps, mbps);
    if (final) std::cerr << (tty && !a.quiet ? "\r\033[K" : "") << buf << " in " << static_cast<long>(secs * 10) / 10.0 << " s\n";
    else if (tty) std::cerr << "\r\033[K" << buf << eta << std::flush;
    else std::cerr << buf << eta << "\n";
  };

  // Extraction runs on `jobs` threads; batches are still written in input order.
  OrderedWorkers<Document, store::StoredDoc> workers(
      a.jobs,
      [&](Document& doc) {
        DocumentFacts facts = extractor.Extract(doc);
        store::StoredDoc prepared = store::PrepareDocument(doc, facts, &extractor.lexicon());
        prepared.key = doc.id;  // the store's identity is the reader's document id
        return prepared;
      },
      [&](store::StoredDoc&& prepared) {
        if (failed) return;
        batch.push_back(std::move(prepared));
        if (batch.size() >= a.batch) flush();
        progress(false);
      });
  ReadInputs(
      a.paths, ro,
      [&](Document&& doc) {
        if (failed) return;
        if (doc.source != current_file) {
          done_bytes += current_file_size;
          current_file = doc.source;
          std::error_code ec;
          current_file_size = std::filesystem::file_size(doc.source, ec);
          if (ec) current_file_size = 0;
        }
        ++seen;
        text_bytes += doc.text.size();
        std::string hash = store::ContentHash(doc);
        auto old = st.HashOf(doc.id);
        if (!old.ok()) {
          std::cerr << "orbat: " << old.error().ToString() << "\n";
          failed = true;
          return;
        }
        // Documents with the same key earlier in this batch are replaced in order.
        if (old->has_value() && **old == hash && !a.force) {
          ++unchanged;
          progress(false);
          return;
        }
        (old->has_value() ? replaced : added)++;
        workers.Submit(std::move(doc));
      },
      [&](const Error& e) {
        ++errors;
        std::cerr << "orbat: " << e.ToString() << "\n";
      });
  workers.Finish();
  flush();
  done_bytes = total_bytes;
  if (failed) {
    *exit_code = 1;
    return;
  }
  auto res = st.EnsureResolved();
  if (!res.ok()) {
    std::cerr << "orbat: " << res.error().ToString() << "\n";
    *exit_code = 1;
    return;
  }
  progress(true);
  auto stats = st.GetStats();
  if (stats.ok()) {
    std::cerr << "database " << a.c.db << ": " << stats->documents << " documents, " << stats->entities
              << " entities, " << stats->claims << " claims, " << Human(stats->db_bytes) << "\n";
  }
  if (a.c.json) {
    PrintJson({{"documents", seen}, {"new", added}, {"changed", replaced}, {"unchanged", unchanged},
               {"errors", errors}});
  }
  if (errors) *exit_code = 1;
}

}  // namespace

void RegisterGraphCommands(CLI::App& app, int* exit_code) {
  // ingest
  {
    auto a = std::make_shared<IngestArgs>();
    auto* cmd = app.add_subcommand(
        "ingest",
        "Extract documents and store them in the knowledge graph.\n"
        "Unchanged documents are skipped (content hash); changed ones replace their claims.\n"
        "Example: orbat ingest examples/ --db orbat.db");
    AddCommon(cmd, a->c);
    cmd->add_option("paths", a->paths, "files or folders (.txt .md .html .jsonl)")->required();
    cmd->add_option("--data", a->data, "data directory (lexicon, patterns); default $ORBAT_DATA or the built-in one");
    cmd->add_option("--date", a->date, "date for documents that carry none (ISO)");
    cmd->add_option("--batch", a->batch, "documents per transaction")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_flag("--force", a->force, "re-extract every document even when unchanged");
    cmd->add_option("-j,--jobs", a->jobs, "threads extracting documents (results do not change)")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    cmd->add_flag("-q,--quiet", a->quiet, "no progress lines");
    cmd->callback([a, exit_code]() { RunIngest(*a, exit_code); });
  }
  // profile
  {
    auto c = std::make_shared<Common>();
    auto name = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "profile",
        "Everything known about one entity, each line with date, sources and quote.\n"
        "Example: orbat profile \"Jund al-Aqsa\"");
    AddCommon(cmd, *c);
    cmd->add_option("name", *name, "entity name or alias")->required();
    cmd->callback([c, name, exit_code]() {
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto id = FindNamed(*st, *name, exit_code);
      if (!id) return;
      auto g = st->LoadAround(*id);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      graph::Profile p = graph::BuildProfile(*g, *id);
      if (c->json) PrintJson(graph::ProfileJson(*g, p));
      else std::cout << graph::ProfileText(*g, p);
    });
  }
  // relations
  {
    auto c = std::make_shared<Common>();
    auto name = std::make_shared<std::string>();
    auto at = std::make_shared<std::string>();
    auto types = std::make_shared<std::string>();
    auto undated = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand(
        "relations",
        "Relations of an entity, optionally those holding at a date and of some types.\n"
        "Example: orbat relations \"Jund al-Aqsa\" --at 2016-02 --type ally,rival");
    AddCommon(cmd, *c);
    cmd->add_option("name", *name, "entity name or alias")->required();
    cmd->add_option("--at", *at, "only relations holding at this date (2016, 2016-02, 2016-02-17)");
    cmd->add_option("--type", *types, "comma-separated relation types (ally,rival,affiliate_of,...)");
    cmd->add_flag("--undated", *undated, "with --at, also show relations that carry no date");
    cmd->callback([=]() {
      graph::RelationsQuery q;
      if (!at->empty()) {
        if (!ValidDate(*at, exit_code)) return;
        q.at = *at;
      }
      std::vector<std::string> bad;
      q.types = graph::ParseTypes(*types, &bad);
      if (!bad.empty()) {
        std::cerr << "orbat: unknown relation type \"" << bad[0] << "\"\n";
        *exit_code = 2;
        return;
      }
      q.include_undated = *undated;
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto id = FindNamed(*st, *name, exit_code);
      if (!id) return;
      auto g = st->LoadAround(*id);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      graph::RelationsResult r = graph::Relations(*g, *id, q);
      if (c->json) PrintJson(graph::RelationsJson(*g, *id, r, q));
      else std::cout << graph::RelationsText(*g, *id, r, q);
    });
  }
  // timeline
  {
    auto c = std::make_shared<Common>();
    auto name = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("timeline",
                                   "Events and relation changes of an entity in date order.\n"
                                   "Example: orbat timeline \"Jaysh al-Ummah\"");
    AddCommon(cmd, *c);
    cmd->add_option("name", *name, "entity name or alias")->required();
    cmd->callback([=]() {
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto id = FindNamed(*st, *name, exit_code);
      if (!id) return;
      auto g = st->LoadAround(*id);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      auto t = graph::Timeline(*g, *id);
      if (c->json) PrintJson(graph::TimelineJson(*g, *id, t));
      else std::cout << graph::TimelineText(*g, *id, t);
    });
  }
  // network
  {
    auto c = std::make_shared<Common>();
    auto at = std::make_shared<std::string>();
    auto around = std::make_shared<std::string>();
    auto depth = std::make_shared<int>(1);
    auto types = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "network",
        "The network of relations, optionally at a date and around one entity.\n"
        "Example: orbat network --at 2016-06 --around \"Jund al-Aqsa\" --depth 2");
    AddCommon(cmd, *c);
    cmd->add_option("--at", *at, "only links holding at this date (undated links included)");
    cmd->add_option("--around", *around, "only entities within --depth links of this one");
    cmd->add_option("--depth", *depth, "hops from --around")->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--type", *types, "comma-separated relation types");
    cmd->callback([=]() {
      graph::NetworkQuery q;
      if (!at->empty()) {
        if (!ValidDate(*at, exit_code)) return;
        q.at = *at;
      }
      std::vector<std::string> bad;
      q.types = graph::ParseTypes(*types, &bad);
      if (!bad.empty()) {
        std::cerr << "orbat: unknown relation type \"" << bad[0] << "\"\n";
        *exit_code = 2;
        return;
      }
      q.depth = *depth;
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      if (!around->empty()) {
        auto id = FindNamed(*st, *around, exit_code);
        if (!id) return;
        q.around = *id;
      }
      auto g = st->LoadAll(true);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      graph::Network n = graph::BuildNetwork(*g, q);
      if (c->json) PrintJson(graph::NetworkJson(*g, n));
      else std::cout << graph::NetworkText(*g, n);
    });
  }
  // path
  {
    auto c = std::make_shared<Common>();
    auto a = std::make_shared<std::string>();
    auto b = std::make_shared<std::string>();
    auto at = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("path",
                                   "How two entities are connected: the shortest chain of relations.\n"
                                   "Example: orbat path \"Jund al-Aqsa\" \"Ahrar al-Sham\"");
    AddCommon(cmd, *c);
    cmd->add_option("a", *a, "first entity")->required();
    cmd->add_option("b", *b, "second entity")->required();
    cmd->add_option("--at", *at, "only links holding at this date");
    cmd->callback([=]() {
      if (!at->empty() && !ValidDate(*at, exit_code)) return;
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto ia = FindNamed(*st, *a, exit_code);
      if (!ia) return;
      auto ib = FindNamed(*st, *b, exit_code);
      if (!ib) return;
      auto g = st->LoadAll(true);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      std::vector<graph::Link> links;
      for (graph::Link& l : graph::BuildLinks(*g))
        if (at->empty() || graph::HoldsAt(l, *at, true)) links.push_back(std::move(l));
      auto path = graph::FindPath(links, *ia, *ib);
      if (c->json) {
        PrintJson(graph::PathJson(*g, path));
      } else if (path.empty()) {
        std::cout << (*ia == *ib ? "same entity\n"
                                 : "no connection between " + g->EntityName(*ia) + " and " + g->EntityName(*ib) + "\n");
      } else {
        std::cout << graph::PathText(*g, path);
      }
      if (path.empty() && *ia != *ib) *exit_code = 1;
    });
  }
  // search
  {
    auto c = std::make_shared<Common>();
    auto text = std::make_shared<std::string>();
    auto limit = std::make_shared<size_t>(20);
    auto* cmd = app.add_subcommand("search",
                                   "Full-text search over evidence sentences (SQLite FTS5; all words must occur).\n"
                                   "Example: orbat search \"pledged allegiance\"");
    AddCommon(cmd, *c);
    cmd->add_option("text", *text, "words to find")->required();
    cmd->add_option("--limit", *limit, "most results")->capture_default_str();
    cmd->callback([=]() {
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto hits = st->Search(*text, *limit);
      if (!hits.ok()) {
        std::cerr << "orbat: " << hits.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      // Names of the claims' entities.
      store::EntityNames name(*st);
      if (c->json) {
        json arr = json::array();
        for (const auto& h : *hits) {
          json facts = json::array();
          for (const auto& cl : h.claims)
            facts.push_back({{"s", name(cl.s)}, {"p", cl.p}, {"o", cl.o ? name(cl.o) : cl.o_text},
                             {"hedge", cl.hedge.empty() ? json(nullptr) : json(cl.hedge)}});
          arr.push_back({{"doc", h.doc_key}, {"doc_date", h.doc_date.empty() ? json(nullptr) : json(h.doc_date)},
                         {"quote", h.sentence}, {"snippet", h.snippet}, {"begin", h.begin}, {"end", h.end},
                         {"facts", facts}});
        }
        PrintJson({{"query", *text}, {"results", arr}});
        return;
      }
      if (hits->empty()) std::cout << "no evidence matches \"" << *text << "\"\n";
      for (const auto& h : *hits) {
        std::cout << h.doc_key << (h.doc_date.empty() ? "" : " (" + h.doc_date + ")") << " [" << h.begin << "-"
                  << h.end << "]: " << h.snippet << "\n";
        for (const auto& cl : h.claims)
          std::cout << "    " << name(cl.s) << " " << cl.p << " " << (cl.o ? name(cl.o) : cl.o_text)
                    << (cl.hedge.empty() ? "" : " [" + cl.hedge + "]") << "\n";
      }
    });
  }
  // stats
  {
    auto c = std::make_shared<Common>();
    auto* cmd = app.add_subcommand("stats", "Counts of documents, entities, claims.\nExample: orbat stats --db orbat.db");
    AddCommon(cmd, *c);
    cmd->callback([=]() {
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto s = st->GetStats();
      if (!s.ok()) {
        std::cerr << "orbat: " << s.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      auto pairs = [](const std::vector<std::pair<std::string, int64_t>>& v) {
        json j = json::object();
        for (auto& [k, n] : v) j[k] = n;
        return j;
      };
      if (c->json) {
        PrintJson({{"documents", s->documents}, {"text_bytes", s->bytes}, {"mentions", s->mentions},
                   {"entities", s->entities}, {"aliases", s->aliases}, {"claims", s->claims},
                   {"evidence_sentences", s->evidence}, {"corrections", s->corrections},
                   {"database_bytes", s->db_bytes}, {"entities_by_type", pairs(s->entities_by_type)},
                   {"claims_by_predicate", pairs(s->claims_by_predicate)},
                   {"claims_by_hedge", pairs(s->claims_by_hedge)},
                   {"first_document_date", s->first_date}, {"last_document_date", s->last_date}});
        return;
      }
      std::cout << "documents:   " << s->documents << " (" << Human(s->bytes) << " of text";
      if (!s->first_date.empty()) std::cout << ", dated " << s->first_date << " to " << s->last_date;
      std::cout << ")\nentities:    " << s->entities << " (";
      for (size_t i = 0; i < s->entities_by_type.size(); ++i)
        std::cout << (i ? ", " : "") << s->entities_by_type[i].second << " " << s->entities_by_type[i].first;
      std::cout << ")\naliases:     " << s->aliases << "\nmentions:    " << s->mentions
                << "\nclaims:      " << s->claims << " from " << s->evidence << " evidence sentences\n";
      for (auto& [p, n] : s->claims_by_predicate) std::cout << "  " << p << ": " << n << "\n";
      std::cout << "hedges:      ";
      for (size_t i = 0; i < s->claims_by_hedge.size(); ++i)
        std::cout << (i ? ", " : "") << s->claims_by_hedge[i].first << " " << s->claims_by_hedge[i].second;
      std::cout << "\ncorrections: " << s->corrections << "\ndatabase:    " << Human(s->db_bytes) << "\n";
    });
  }
  // merge / split
  auto apply_correction = [exit_code](const std::string& db, const graph::Correction& corr) {
    auto st = OpenForQuery(db, exit_code);
    if (!st) return;
    auto id = st->AddCorrection(corr);
    if (!id.ok()) {
      std::cerr << "orbat: " << id.error().ToString() << "\n";
      *exit_code = 1;
      return;
    }
    auto r = st->Resolve();
    if (!r.ok()) {
      std::cerr << "orbat: " << r.error().ToString() << "\n";
      *exit_code = 1;
      return;
    }
    for (const auto& n : r->notes) std::cerr << "note: " << n << "\n";
    std::cout << "correction " << *id << " stored (" << corr.kind << "); " << r->entities << " entities\n";
  };
  {
    auto c = std::make_shared<Common>();
    auto a = std::make_shared<std::string>();
    auto b = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "merge",
        "Record that two names are one entity (A keeps its name). Stored; survives re-ingest.\n"
        "Example: orbat merge \"Jabhat al-Nusra\" \"Nusra Front\"");
    AddCommon(cmd, *c, false);
    cmd->add_option("a", *a, "entity to keep")->required();
    cmd->add_option("b", *b, "entity merged into A")->required();
    cmd->callback([=]() {
      {
        auto st = OpenForQuery(c->db, exit_code);
        if (!st) return;
        if (!FindNamed(*st, *a, exit_code) || !FindNamed(*st, *b, exit_code)) return;
      }
      graph::Correction corr;
      corr.kind = "merge";
      corr.a = *a;
      corr.b = *b;
      apply_correction(c->db, corr);
    });
  }
  {
    auto c = std::make_shared<Common>();
    auto name = std::make_shared<std::string>();
    auto docs = std::make_shared<std::vector<std::string>>();
    auto alias = std::make_shared<std::string>();
    auto new_name = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "split",
        "Separate wrongly joined mentions out of an entity: those in some documents, or those\n"
        "written a certain way. Stored; survives re-ingest.\n"
        "Example: orbat split \"Ansar al-Sharia\" --docs ansar-yemen-2012 --name \"Ansar al-Sharia (Yemen)\"");
    AddCommon(cmd, *c, false);
    cmd->add_option("name", *name, "entity to split")->required();
    cmd->add_option("--docs", *docs, "document ids whose mentions leave the entity")->delimiter(',');
    cmd->add_option("--alias", *alias, "written form whose mentions leave the entity");
    cmd->add_option("--name", *new_name, "name of the new entity");
    cmd->callback([=]() {
      if (docs->empty() && alias->empty()) {
        std::cerr << "orbat: split needs --docs or --alias\n";
        *exit_code = 2;
        return;
      }
      {
        auto st = OpenForQuery(c->db, exit_code);
        if (!st) return;
        if (!FindNamed(*st, *name, exit_code)) return;
      }
      graph::Correction corr;
      corr.kind = "split";
      corr.a = *name;
      corr.b = *alias;
      corr.docs = *docs;
      corr.new_name = *new_name;
      apply_correction(c->db, corr);
    });
  }
  // export
  {
    auto c = std::make_shared<Common>();
    auto format = std::make_shared<std::string>();
    auto at = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "export",
        "Export the graph: graphml (Gephi, networkx), gexf (Gephi timeline), dot (Graphviz),\n"
        "csv (nodes.csv, edges.csv, events.csv in the --output folder), jsonl.\n"
        "Example: orbat export --format gexf -o groups.gexf");
    AddCommon(cmd, *c, false);
    cmd->add_option("--format", *format, "graphml, gexf, dot, csv or jsonl")
        ->required()
        ->check(CLI::IsMember({"graphml", "gexf", "dot", "csv", "jsonl"}));
    cmd->add_option("--at", *at, "only links holding at this date");
    cmd->add_option("-o,--output", *output, "output file (folder for csv); default stdout");
    cmd->callback([=]() {
      exporter::ExportOptions o;
      if (!at->empty()) {
        if (!ValidDate(*at, exit_code)) return;
        o.at = *at;
      }
      auto st = OpenForQuery(c->db, exit_code);
      if (!st) return;
      auto g = st->LoadAll(false);
      if (!g.ok()) {
        std::cerr << "orbat: " << g.error().ToString() << "\n";
        *exit_code = 1;
        return;
      }
      if (*format == "csv") {
        std::string dir = output->empty() ? "." : *output;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        struct Table {
          const char* file;
          void (*write)(const graph::GraphData&, const exporter::ExportOptions&, std::ostream&);
        };
        for (const Table& t : {Table{"nodes.csv", exporter::WriteCsvNodes}, Table{"edges.csv", exporter::WriteCsvEdges},
                               Table{"events.csv", exporter::WriteCsvEvents}}) {
          std::string path = (std::filesystem::path(dir) / t.file).string();
          std::ofstream f(path);
          if (!f) {
            std::cerr << "orbat: cannot write " << path << "\n";
            *exit_code = 1;
            return;
          }
          t.write(*g, o, f);
          std::cerr << "wrote " << path << "\n";
        }
        return;
      }
      std::ofstream file;
      std::ostream* out = &std::cout;
      if (!output->empty()) {
        file.open(*output);
        if (!file) {
          std::cerr << "orbat: cannot write " << *output << "\n";
          *exit_code = 1;
          return;
        }
        out = &file;
      }
      if (*format == "graphml") exporter::WriteGraphml(*g, o, *out);
      else if (*format == "gexf") exporter::WriteGexf(*g, o, *out);
      else if (*format == "dot") exporter::WriteDot(*g, o, *out);
      else exporter::WriteGraphJsonl(*g, o, *out);
      out->flush();
    });
  }
}

}  // namespace orbat
