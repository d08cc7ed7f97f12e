// `orbat serve`: the web page and JSON API over the knowledge graph (src/server).
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "server/api.h"
#include "server/server.h"
#include "store/store.h"

namespace orbat {

namespace {

struct ServeArgs {
  std::string db = "orbat.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;
  std::string data;
  size_t max_upload_mb = 32;
  int threads = 32;
  bool log = false;
};

void RunServe(const ServeArgs& a, int* exit_code) {
  bool existed = std::filesystem::exists(a.db);
  server::ApiOptions ao;
  ao.db = a.db;
  ao.data_dir = a.data;
  ao.max_document_bytes = std::min<size_t>(a.max_upload_mb, 1024) * 1024 * 1024;
  server::Api api(ao);
  if (std::string err = api.Init(); !err.empty()) {
    std::cerr << "orbat: " << err << "\n";
    *exit_code = 1;
    return;
  }
  server::ServeOptions so;
  so.host = a.host;
  so.port = a.port;
  so.web_dir = a.web_dir;
  so.max_body_bytes = std::min<size_t>(a.max_upload_mb, 1024) * 1024 * 1024 + 64 * 1024;
  so.threads = a.threads;
  so.log_requests = a.log;
  // SIGINT/SIGTERM are taken by a thread that stops the server cleanly; block them
  // before any other thread starts so that they inherit the mask.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  server::HttpServer http(api, so);
  if (std::string err = http.Bind(); !err.empty()) {
    std::cerr << "orbat: " << err << "\n";
    *exit_code = 1;
    return;
  }
  std::string web = server::FindWebDir(a.web_dir);
  std::string shown_host = a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host;
  std::cout << "orbat serve: listening on http://" << shown_host << ":" << http.port() << "/" << std::endl;
  std::cerr << "database " << a.db << (existed ? "" : " (new, empty: add documents from the page)") << "; web assets "
            << (web.empty() ? "not found (run scripts/build_web.sh; the API works without them)" : "from " + web)
            << "\n";
  if (!server::IsLoopbackHost(a.host))
    std::cerr << "warning: listening on " << a.host
              << ", not loopback: anyone who can reach this port can read the graph and ingest documents\n";
  std::thread waiter([&http, sigs]() {
    int sig = 0;
    sigwait(&sigs, &sig);
    http.Stop();
  });
  bool ok = http.Run();
  // If Run() returned without a signal (e.g. the socket failed), wake the waiter.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cerr << "orbat serve: stopped\n";
  if (!ok) *exit_code = 1;
}

}  // namespace

void RegisterServeCommands(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the web page and JSON API over the graph (network, profiles, timeline, search,\n"
      "ingest, export). Listens on loopback unless --host says otherwise.\n"
      "Example: orbat serve --db orbat.db --port 8080, then open http://127.0.0.1:8080/");
  cmd->add_option("--db", a->db, "SQLite database file (created if missing)")->capture_default_str();
  cmd->add_option("--host", a->host, "address to listen on (0.0.0.0 for every interface)")->capture_default_str();
  cmd->add_option("--port", a->port, "port (0 picks a free one and prints it)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web-dir", a->web_dir, "web assets directory; default $ORBAT_WEB_DIR or the built web/dist");
  cmd->add_option("--data", a->data, "data directory for ingest (lexicon, patterns); default $ORBAT_DATA or built-in");
  cmd->add_option("--max-upload-mb", a->max_upload_mb, "largest request body / document, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--threads", a->threads, "worker threads")->capture_default_str()->check(CLI::Range(2, 256));
  cmd->add_flag("--log", a->log, "log every request on stderr (errors are always logged)");
  cmd->callback([a, exit_code]() { RunServe(*a, exit_code); });
}

}  // namespace orbat
