// The JSON API behind `orbat serve`: one request in (method, path, query parameters,
// body), one response out (status, JSON or a file). No sockets here, so every endpoint
// is testable in-process (api_test.cc); server.h wires it to cpp-httplib.
//
// Endpoints (all GET unless noted; names are looked up through every alias):
//   /api/stats                                   counts, as `orbat stats --json`
//   /api/network   [at, types, around, depth, undated, compact]
//                                                `orbat network --json` plus node
//                                                attributes (region, ideology, size,
//                                                claims, aliases) and the date range
//   /api/entities  [q, limit, type]              autocomplete over names and aliases
//   /api/profile   name | id                     `orbat profile --json`
//   /api/relations name | id [at, types, undated] `orbat relations --json`
//   /api/timeline  name | id                     `orbat timeline --json`
//   /api/path      from, to [at]                 `orbat path --json`
//   /api/search    q [limit]                     `orbat search --json`
//   /api/documents [limit, offset]               stored documents, newest first
//   /api/document  key                           one document's text and evidence spans
//   /api/export    format [at, table]            graphml, gexf, dot, jsonl, csv
//   POST /api/ingest  {"documents":[{"name","text"}], "date", "force"}
//                                                queues an ingest job (202, {"job":N})
//   /api/ingest    job                           the job's progress
//
// Errors: 400 (bad or missing parameter, with the reason), 404 (unknown name, with
// "did you mean" suggestions, or unknown endpoint), 405 (wrong method), 413 (too much
// to ingest), 500 (database failure). The body is {"error": "...", ...}.
//
// Concurrency: Handle() may be called from many threads at once. Reads use a pool of
// SQLite connections (one per concurrent request, WAL mode); the network snapshot is
// cached and rebuilt when the database changes; ingest jobs run one at a time on a
// worker thread with their own connection.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace orbat::server {

struct ApiRequest {
  std::string method = "GET";
  std::string path;                                   // "/api/profile"
  std::multimap<std::string, std::string> params;     // decoded query parameters
  std::string body;
  std::string content_type;
};

struct ApiResponse {
  int status = 200;
  nlohmann::json json;        // the body, unless `raw` is set
  bool is_raw = false;
  std::string raw;            // exports
  std::string content_type = "application/json";
  std::string filename;       // Content-Disposition: attachment (exports)

  std::string Body() const;   // the JSON dumped (invalid UTF-8 replaced) or raw
};

struct ApiOptions {
  std::string db = "orbat.db";
  std::string data_dir;                        // extractor data; "" = DefaultDataDir()
  size_t max_ingest_documents = 1000;          // per POST
  size_t max_document_bytes = 8 * 1024 * 1024;  // per document
};

class Api {
 public:
  explicit Api(ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Opens the database (created if missing) and brings resolution up to date.
  // Returns "" or an error message.
  std::string Init();

  ApiResponse Handle(const ApiRequest& req);

  // Blocks until the ingest job is finished or failed (tests); false on timeout.
  bool WaitForJob(int64_t job, int timeout_ms);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace orbat::server
