// The HTTP layer of `orbat serve` over real loopback sockets: static files without path
// traversal, security headers, the Host check, body limits, malformed requests, and
// that the server keeps answering after each of them.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace orbat::server {
namespace {

namespace fs = std::filesystem;

// Sends raw bytes and returns whatever the server answers before closing (or 1 s of
// silence). The write side stays open: httplib drops half-closed connections unanswered.
std::string Raw(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("orbat-server-test-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "web" / "vendor");
    std::ofstream(root_ / "web" / "index.html") << "<!doctype html><title>orbat test page</title>";
    std::ofstream(root_ / "web" / "app.js") << "console.log('app');";
    std::ofstream(root_ / "web" / "vendor" / "lib.mjs") << "export default 1;";
    std::ofstream(root_ / "web" / "notes.exe") << "binary";
    std::ofstream(root_ / "secret.txt") << "TOP SECRET";
    fs::create_symlink(root_ / "secret.txt", root_ / "web" / "link.txt");
    ApiOptions ao;
    ao.db = (root_ / "serve.db").string();
    api_ = std::make_unique<Api>(ao);
    ASSERT_EQ(api_->Init(), "");
    ServeOptions so;
    so.port = 0;
    so.web_dir = (root_ / "web").string();
    so.max_body_bytes = 64 * 1024;
    so.threads = 8;
    http_ = std::make_unique<HttpServer>(*api_, so);
    ASSERT_EQ(http_->Bind(), "");
    port_ = http_->port();
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_->Run(); });
    httplib::Client probe("127.0.0.1", port_);
    for (int i = 0; i < 100; ++i) {
      if (probe.Get("/api/stats")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  void TearDown() override {
    http_->Stop();
    thread_.join();
    http_.reset();
    api_.reset();
    fs::remove_all(root_);
  }
  bool StillServing() {
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Get("/api/stats");
    return r && r->status == 200 && r->body.find("\"documents\"") != std::string::npos;
  }

  fs::path root_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> http_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerTest, ServesPageAndAssetsWithSecurityHeaders) {
  httplib::Client c("127.0.0.1", port_);
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("orbat test page"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  auto js = c.Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  auto mjs = c.Get("/vendor/lib.mjs");
  ASSERT_TRUE(mjs);
  EXPECT_EQ(mjs->status, 200);
  auto api = c.Get("/api/stats");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(api->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, NoPathTraversal) {
  httplib::Client c("127.0.0.1", port_);
  for (const char* p : {"/../secret.txt", "/%2e%2e/secret.txt", "/vendor/../../secret.txt", "/..%2fsecret.txt",
                        "/%2e%2e%2fsecret.txt", "/vendor/%2e%2e/%2e%2e/secret.txt", "//etc/passwd",
                        "/link.txt", "/notes.exe", "/.hidden", "/vendor/", "/nope.js", "/a/b/c.js",
                        "/index.html%00.js", "/%5c..%5csecret.txt"}) {
    auto r = c.Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_NE(r->status, 200) << p;
    EXPECT_EQ(r->body.find("TOP SECRET"), std::string::npos) << p;
  }
  // Raw request lines, not normalized by any client.
  for (const char* line : {"GET /../secret.txt HTTP/1.1", "GET /../../../../etc/passwd HTTP/1.1",
                           "GET /vendor/../../secret.txt HTTP/1.1"}) {
    std::string resp = Raw(port_, std::string(line) + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(resp.find("TOP SECRET"), std::string::npos) << line;
    EXPECT_EQ(resp.find("root:"), std::string::npos) << line;
  }
  EXPECT_TRUE(StillServing());
}

TEST_F(ServerTest, RefusesForeignHostOnLoopback) {
  httplib::Client c("127.0.0.1", port_);
  auto evil = c.Get("/api/stats", {{"Host", "evil.example:80"}});
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 403);
  auto local = c.Get("/api/stats", {{"Host", "localhost:" + std::to_string(port_)}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
}

TEST_F(ServerTest, BodyLimitAndApiErrors) {
  httplib::Client c("127.0.0.1", port_);
  std::string big(200 * 1024, 'a');
  auto r = c.Post("/api/ingest", big, "application/json");
  if (r) {
    EXPECT_EQ(r->status, 413);  // or the connection is closed while sending
  }
  EXPECT_TRUE(StillServing());
  auto bad = c.Get("/api/network?at=not-a-date");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("ISO date"), std::string::npos);
  auto miss = c.Get("/api/profile?name=Nobody");
  ASSERT_TRUE(miss);
  EXPECT_EQ(miss->status, 404);
  EXPECT_NE(miss->body.find("suggestions"), std::string::npos);
  auto del = c.Delete("/api/stats");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto exp = c.Get("/api/export?format=dot");
  ASSERT_TRUE(exp);
  EXPECT_EQ(exp->status, 200);
  EXPECT_EQ(exp->get_header_value("Content-Disposition"), "attachment; filename=\"orbat.dot\"");
}

TEST_F(ServerTest, MalformedAndHugeRequestsDoNotStopTheServer) {
  std::string junk = Raw(port_, "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(junk.find(" 400 "), std::string::npos) << junk;
  std::string big_header = Raw(port_, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(100000, 'b') + "\r\n\r\n");
  EXPECT_NE(big_header.find(" 400 "), std::string::npos) << big_header.substr(0, 100);
  std::string too_long = Raw(port_, "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\n\r\nabc");
  EXPECT_TRUE(too_long.empty() || too_long.find(" 413 ") != std::string::npos) << too_long.substr(0, 100);
  Raw(port_, std::string("GET /") + std::string(100000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  Raw(port_, "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n");
  Raw(port_, "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n");
  Raw(port_, std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));  // a TLS hello
  Raw(port_, "");
  std::string ok = Raw(port_, "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_NE(ok.find("200 OK"), std::string::npos) << ok;
  EXPECT_TRUE(StillServing());
}

// A bounded load on loopback: 16 concurrent keep-alive clients, 40 requests each, while
// a slow client holds a connection open. Every answer is right; the server stays up.
TEST_F(ServerTest, KeepsAnsweringUnderConcurrentLoad) {
  std::thread slow([this] { Raw(port_, "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n"); });
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> clients;
  auto t0 = std::chrono::steady_clock::now();
  for (int t = 0; t < 16; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port_);
      c.set_keep_alive(true);
      c.set_read_timeout(10, 0);
      const char* paths[] = {"/api/stats", "/api/network?compact=1", "/api/entities?q=a", "/", "/app.js",
                             "/api/network?at=2016"};
      for (int i = 0; i < 40; ++i) {
        auto r = c.Get(paths[(t + i) % 6]);
        (r && r->status == 200 ? ok : bad)++;
      }
    });
  }
  for (auto& th : clients) th.join();
  slow.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(ok.load(), 16 * 40);
  EXPECT_LT(secs, 30.0);
  EXPECT_TRUE(StillServing());
}

TEST(ServerFunctions, LoopbackAndWebDir) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.2"));
  EXPECT_EQ(FindWebDir("/some/dir"), "/some/dir");
}

}  // namespace
}  // namespace orbat::server
