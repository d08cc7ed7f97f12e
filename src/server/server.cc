#include "server/server.h"

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>

namespace orbat::server {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const std::map<std::string, std::string>& ContentTypes() {
  static const std::map<std::string, std::string> m = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},          {".png", "image/png"},
      {".svg", "image/svg+xml"},              {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},               {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  return m;
}

// A plain asset name: one or two segments of [A-Za-z0-9_-] words with dots inside.
bool PlainAssetPath(const std::string& p) {
  static const std::regex re(R"(^/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,100}/)?[A-Za-z0-9_-][A-Za-z0-9_.-]{0,100}$)");
  return std::regex_match(p, re) && p.find("..") == std::string::npos;
}

std::string HostOnly(const std::string& host_header) {
  if (host_header.empty()) return "";
  if (host_header[0] == '[') {
    size_t close = host_header.find(']');
    return close == std::string::npos ? host_header : host_header.substr(0, close + 1);
  }
  size_t colon = host_header.rfind(':');
  return colon == std::string::npos ? host_header : host_header.substr(0, colon);
}

void SetJsonError(httplib::Response& res, int status, const std::string& message) {
  json j{{"error", message}, {"status", status}};
  res.status = status;
  res.set_content(j.dump(), "application/json");
}

std::string Reason(int status) {
  switch (status) {
    case 400: return "bad request (malformed HTTP)";
    case 403: return "forbidden";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 416: return "range not satisfiable";
    case 500: return "internal server error";
    default: return "HTTP error " + std::to_string(status);
  }
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" ||
         host.rfind("127.", 0) == 0;
}

std::string FindWebDir(const std::string& flag) {
  auto ok = [](const std::string& d) {
    std::error_code ec;
    return !d.empty() && fs::is_regular_file(fs::path(d) / "index.html", ec);
  };
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ORBAT_WEB_DIR"); env && *env) return env;
#ifdef ORBAT_SOURCE_DIR
  std::string built = std::string(ORBAT_SOURCE_DIR) + "/web/dist";
  if (ok(built)) return built;
#endif
  if (ok("web/dist")) return "web/dist";
  return "";
}

// cpp-httplib 0.11 listens with a backlog of 5, so a burst of new connections overflows
// it and the kernel makes clients retry after a second. Listening again on the bound
// socket (allowed on Linux) raises the backlog.
class Server : public httplib::Server {
 public:
  void RaiseBacklog(int n) {
    socket_t fd = svr_sock_;
    if (fd != INVALID_SOCKET) ::listen(fd, n);
  }
};

struct HttpServer::Impl {
  Api& api;
  ServeOptions opt;
  Server svr;
  int port = 0;
  fs::path web_root;  // canonical, or empty
  std::mutex log_mu;

  Impl(Api& a, ServeOptions o) : api(a), opt(std::move(o)) {}

  void Log(const httplib::Request& req, int status, double ms) {
    if (!opt.log_requests && status < 400) return;
    std::lock_guard<std::mutex> l(log_mu);
    std::string target = req.path;
    if (target.size() > 200) target = target.substr(0, 200) + "...";
    std::cerr << req.method << " " << target << " " << status << " " << static_cast<long>(ms * 10) / 10.0
              << " ms\n";
  }

  void ServeApi(const httplib::Request& req, httplib::Response& res) {
    auto t0 = std::chrono::steady_clock::now();
    ApiRequest ar;
    ar.method = req.method;
    ar.path = req.path;
    ar.params.insert(req.params.begin(), req.params.end());
    ar.body = req.body;
    ar.content_type = req.get_header_value("Content-Type");
    ApiResponse r = api.Handle(ar);
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    if (!r.filename.empty()) res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    res.set_content(r.Body(), r.content_type);
    Log(req, r.status, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }

  void ServeStatic(const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    auto not_found = [&] {
      res.status = 404;
      res.set_content("not found\n", "text/plain; charset=utf-8");
      Log(req, 404, 0);
    };
    if (web_root.empty()) {
      if (path == "/index.html") {
        res.set_content(
            "<!doctype html><meta charset=utf-8><title>orbat</title><p>The web page's assets are not built. "
            "Run <code>scripts/build_web.sh</code> (or set ORBAT_WEB_DIR / --web-dir). The JSON API is at "
            "<code>/api/</code>.</p>\n",
            "text/html; charset=utf-8");
        res.set_header("Content-Security-Policy", kPageCsp);
        return;
      }
      return not_found();
    }
    if (!PlainAssetPath(path)) return not_found();
    fs::path ext_path(path);
    auto ct = ContentTypes().find(ext_path.extension().string());
    if (ct == ContentTypes().end()) return not_found();
    std::error_code ec;
    fs::path file = fs::weakly_canonical(web_root / path.substr(1), ec);
    if (ec) return not_found();
    auto [root_end, nothing] = std::mismatch(web_root.begin(), web_root.end(), file.begin(), file.end());
    if (root_end != web_root.end() || !fs::is_regular_file(file, ec)) return not_found();
    auto size = fs::file_size(file, ec);
    if (ec || size > 64 * 1024 * 1024) return not_found();
    std::ifstream in(file, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_header("Cache-Control", "no-cache");
    if (ct->first == ".html") res.set_header("Content-Security-Policy", kPageCsp);
    res.set_content(std::move(body), ct->second);
    if (opt.log_requests) Log(req, 200, 0);
  }
};

HttpServer::HttpServer(Api& api, ServeOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {
  Impl* I = impl_.get();
  auto& svr = I->svr;
  std::string dir = FindWebDir(I->opt.web_dir);
  if (!dir.empty()) {
    std::error_code ec;
    fs::path root = fs::canonical(dir, ec);
    if (!ec && fs::is_directory(root, ec)) I->web_root = root;
  }
  int threads = std::max(2, I->opt.threads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(I->opt.max_body_bytes);
  svr.set_read_timeout(5, 0);
  svr.set_write_timeout(10, 0);
  svr.set_keep_alive_timeout(2);
  svr.set_tcp_nodelay(true);  // small JSON answers: no 40 ms Nagle / delayed-ACK stalls
  // A keep-alive connection holds a worker thread; closing it after 20 requests lets
  // waiting connections in (fairness under load).
  svr.set_keep_alive_max_count(20);
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"}});
  bool loopback = IsLoopbackHost(I->opt.host);
  svr.set_pre_routing_handler([I, loopback](const httplib::Request& req, httplib::Response& res) {
    if (loopback) {
      std::string host = HostOnly(req.get_header_value("Host"));
      if (!host.empty() && !IsLoopbackHost(host)) {
        SetJsonError(res, 403, "this server only answers requests addressed to localhost (Host: " +
                                   host.substr(0, 100) + ")");
        I->Log(req, 403, 0);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto api_handler = [I](const httplib::Request& req, httplib::Response& res) { I->ServeApi(req, res); };
  svr.Get("/api(/.*)?", api_handler);
  svr.Post("/api(/.*)?", api_handler);
  svr.Put("/api(/.*)?", api_handler);
  svr.Patch("/api(/.*)?", api_handler);
  svr.Delete("/api(/.*)?", api_handler);
  svr.Get("/.*", [I](const httplib::Request& req, httplib::Response& res) { I->ServeStatic(req, res); });
  svr.set_exception_handler([I](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    SetJsonError(res, 500, "internal error: " + what);
    I->Log(req, 500, 0);
  });
  svr.set_error_handler([I](const httplib::Request& req, httplib::Response& res) {
    // Errors httplib produces itself (malformed requests, 413, unknown methods): a short
    // JSON body. Handler responses already have their own body.
    if (!res.body.empty()) return;
    SetJsonError(res, res.status, Reason(res.status));
    I->Log(req, res.status, 0);
  });
}

HttpServer::~HttpServer() = default;

std::string HttpServer::Bind() {
  Impl* I = impl_.get();
  if (I->opt.port == 0) {
    int p = I->svr.bind_to_any_port(I->opt.host);
    if (p <= 0) return "cannot listen on " + I->opt.host + " (any port)";
    I->port = p;
  } else {
    if (!I->svr.bind_to_port(I->opt.host, I->opt.port))
      return "cannot listen on " + I->opt.host + ":" + std::to_string(I->opt.port) +
             " (in use? try --port 0 for a free one)";
    I->port = I->opt.port;
  }
  I->svr.RaiseBacklog(512);
  return "";
}

int HttpServer::port() const { return impl_->port; }
bool HttpServer::Run() { return impl_->svr.listen_after_bind(); }
void HttpServer::Stop() { impl_->svr.stop(); }
const ServeOptions& HttpServer::options() const { return impl_->opt; }

}  // namespace orbat::server
