#include "store/sqlite.h"

#include <memory>

namespace orbat::store {

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (st_) sqlite3_finalize(st_);
    db_ = o.db_;
    st_ = o.st_;
    o.st_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() {
  if (st_) sqlite3_finalize(st_);
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}
Stmt& Stmt::BindOpt(int i, const std::optional<double>& v) {
  return v ? Bind(i, *v) : BindNull(i);
}
Stmt& Stmt::BindId(int i, int64_t v) { return v ? Bind(i, v) : BindNull(i); }
Stmt& Stmt::BindText(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error{db_ ? db_->path() : "", 0, std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(st_))};
}

Result<Ok> Stmt::Run() {
  while (true) {
    auto r = Step();
    if (!r.ok()) {
      Reset();
      return r.error();
    }
    if (!*r) break;
  }
  Reset();
  return Ok{};
}

void Stmt::Reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(st_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(st_, col); }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(st_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st_, col));
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

Result<std::unique_ptr<Db>> Db::Open(const std::string& path) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &db->db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : "cannot open";
    return Error{path, 0, "cannot open database: " + msg};
  }
  sqlite3_busy_timeout(db->db_, 10000);
  return db;
}

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Result<Ok> Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Error{path_, 0, "sqlite: " + msg};
  }
  return Ok{};
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  Stmt st;
  st.db_ = this;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st.st_, nullptr) != SQLITE_OK) {
    return Error{path_, 0, "sqlite: " + Message() + " in: " + std::string(sql.substr(0, 80))};
  }
  return st;
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }
std::string Db::Message() const { return sqlite3_errmsg(db_); }

Result<std::unique_ptr<Transaction>> Transaction::Begin(Db& db) {
  auto r = db.Exec("BEGIN IMMEDIATE");
  if (!r.ok()) return r.error();
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Result<Ok> Transaction::Commit() {
  auto r = db_.Exec("COMMIT");
  if (r.ok()) done_ = true;
  return r;
}

Transaction::~Transaction() {
  if (!done_) db_.Exec("ROLLBACK");
}

}  // namespace orbat::store
