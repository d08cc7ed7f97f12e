// The HTTP side of `orbat serve`: cpp-httplib wiring for the JSON API (api.h) and the
// web page's static assets.
//
// Contract:
//  - Listens on loopback (127.0.0.1) unless told otherwise. When it listens on loopback,
//    requests whose Host header names another machine are refused (403), which stops
//    DNS-rebinding pages from reaching the API.
//  - Static files are served only from the web directory, only with known extensions,
//    only by plain names (letters, digits, '.', '-', '_', one folder level); anything
//    else, and anything that resolves outside the directory, is 404.
//  - Request bodies are limited (413), reads and writes time out, handler exceptions
//    become 500 JSON errors; a bad request never stops the server.
//  - Every response carries X-Content-Type-Options: nosniff; pages carry a
//    Content-Security-Policy that allows only the server's own scripts.
#pragma once

#include <memory>
#include <string>

#include "server/api.h"

namespace orbat::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0 picks a free port
  std::string web_dir;                    // "" = FindWebDir("")
  size_t max_body_bytes = 32 * 1024 * 1024;
  int threads = 32;
  bool log_requests = false;              // every request on stderr (errors always)
};

// The web assets directory: `flag` if given, else $ORBAT_WEB_DIR, else the build's
// web/dist in the source tree (compiled in), else "" (the API still works; the page
// explains how to build the assets).
std::string FindWebDir(const std::string& flag);

bool IsLoopbackHost(const std::string& host);

class HttpServer {
 public:
  HttpServer(Api& api, ServeOptions options);
  ~HttpServer();

  // Binds the socket; returns "" or an error message. port() is then the real port.
  std::string Bind();
  int port() const;
  // Serves until Stop() (blocking).
  bool Run();
  void Stop();
  const ServeOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace orbat::server
