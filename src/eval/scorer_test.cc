// Tests of the scorer port (against eval/score.py itself where the shared folder is
// present), of its Python-semantics helpers, and of the JSONL writer and reader.
#include "eval/scorer.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "base/utf8.h"
#include "eval/norm.h"
#include "eval/pyvalue.h"
#include "export/jsonl.h"
#include "export/pretty.h"

namespace orbat {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string SharedDir() {
  if (const char* env = std::getenv("ORBAT_SHARED")) return env;
#ifdef ORBAT_SOURCE_DIR
  return std::string(ORBAT_SOURCE_DIR) + "/../shared";
#else
  return "../shared";
#endif
}

std::string GoldDir() { return SharedDir() + "/corpus/dev"; }
std::string ScorePy() { return SharedDir() + "/eval/score.py"; }

bool HavePython() {
  static const bool ok = std::system("python3 -c pass >/dev/null 2>&1") == 0;
  return ok;
}

// Runs a shell command; returns its exit status and stdout.
int RunCommand(const std::string& cmd, std::string* out) {
  out->clear();
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("orbat_scorer_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    if (std::getenv("ORBAT_TEST_KEEP")) return;  // to inspect what score.py was given
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// ---------------------------------------------------------------- norm() and friends

TEST(ScoreNorm, HandChecked) {
  EXPECT_EQ(ScoreNorm("The Islamic State"), "islamic state");
  EXPECT_EQ(ScoreNorm("Ma’an"), "maan");
  EXPECT_EQ(ScoreNorm("Ma'an"), "maan");
  EXPECT_EQ(ScoreNorm("Jabhat Fateh al-Sham"), "jabhat fateh al sham");
  EXPECT_EQ(ScoreNorm("Ḥurrās ad-Dīn"), "hurras ad din");
  EXPECT_EQ(ScoreNorm("Asa'ib Ahl al-Haq"), "asaib ahl al haq");
  EXPECT_EQ(ScoreNorm("ʿAbd ʾx ʼy"), "abd x y");
  EXPECT_EQ(ScoreNorm("Jaysh al-Ummah!!"), "jaysh al ummah");
  EXPECT_EQ(ScoreNorm("snake_case"), "snake_case");  // '_' is a word character
  EXPECT_EQ(ScoreNorm("the the x"), "the x");         // only one leading "the "
  EXPECT_EQ(ScoreNorm("the"), "the");
  EXPECT_EQ(ScoreNorm("  --  "), "");
  EXPECT_EQ(ScoreNorm("x²"), "x2");                   // NFKD compatibility folding
  EXPECT_EQ(ScoreNorm("ﬁre"), "fire");
  EXPECT_EQ(ScoreNorm("½ and ⅷ"), "1 2 and viii");
  // Arabic letters are word characters: only the spacing changes...
  EXPECT_EQ(ScoreNorm("  جبهة   النصرة  "), "جبهة النصرة");
  // ...except what NFKD takes apart: hamza on alif is a combining mark.
  EXPECT_EQ(ScoreNorm("أنصار الشريعة"), "انصار الشريعة");
  EXPECT_EQ(ScoreNorm("ΟΔΟΣ"), "οδος");               // final sigma, as str.lower()
}

TEST(ScoreNorm, TextYearNumber) {
  EXPECT_EQ(ScoreNormText(Json("Salafist jihadists")), "salafi jihadism");
  EXPECT_EQ(ScoreNormText(Json("Salafism")), "salafi");
  EXPECT_EQ(ScoreNormText(Json("jihadistic")), "jihadistic");
  EXPECT_EQ(ScoreNormValue(Json()), "");
  EXPECT_EQ(ScoreNormValue(Json(1600)), "1600");
  EXPECT_EQ(ScoreNormValue(Json::array({"Hamas", "PIJ"})), "hamas pij");

  EXPECT_EQ(ScoreYearOf(Json("2016-02-17")), "2016");
  EXPECT_EQ(ScoreYearOf(Json("  2016")), "2016");
  EXPECT_EQ(ScoreYearOf(Json(2016)), "2016");
  EXPECT_EQ(ScoreYearOf(Json(2016.0)), "2016");
  EXPECT_EQ(ScoreYearOf(Json("c. 2016")), std::nullopt);
  EXPECT_EQ(ScoreYearOf(Json("")), std::nullopt);
  EXPECT_EQ(ScoreYearOf(Json()), std::nullopt);
  EXPECT_EQ(ScoreYearOf(Json("٢٠١٦")), "٢٠١٦");  // \d is Unicode in Python

  EXPECT_EQ(ScoreNumberOf(Json("about 1,600 fighters")), 1600.0);
  EXPECT_EQ(ScoreNumberOf(Json("2.5k")), 2.5);
  EXPECT_EQ(ScoreNumberOf(Json("1.")), 1.0);
  EXPECT_EQ(ScoreNumberOf(Json(400)), 400.0);
  EXPECT_EQ(ScoreNumberOf(Json(true)), 1.0);
  EXPECT_EQ(ScoreNumberOf(Json("٣٠٠")), 300.0);
  EXPECT_EQ(ScoreNumberOf(Json("none")), std::nullopt);
  EXPECT_EQ(ScoreNumberOf(Json()), std::nullopt);
}

TEST(PyValue, StrReprRound) {
  EXPECT_EQ(PyFloatRepr(1.0), "1.0");
  EXPECT_EQ(PyFloatRepr(0.0), "0.0");
  EXPECT_EQ(PyFloatRepr(-0.0), "-0.0");
  EXPECT_EQ(PyFloatRepr(0.667), "0.667");
  EXPECT_EQ(PyFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PyFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PyFloatRepr(1e-5), "1e-05");
  EXPECT_EQ(PyFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(PyFloatRepr(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(PyRound(0.8125, 3), 0.812);  // an exact tie goes to even
  EXPECT_EQ(PyRound(2.0 / 3.0, 3), 0.667);
  EXPECT_EQ(PyStr(Json::parse(R"({"start": "2014-02", "n": [1, null, true, 2.5]})")),
            "{'start': '2014-02', 'n': [1, None, True, 2.5]}");
  EXPECT_EQ(PyStrRepr("Ma'an"), "\"Ma'an\"");
  EXPECT_EQ(PyStrRepr("a\"b'c\\\n"), "'a\"b\\'c\\\\\\n'");
  EXPECT_EQ(PyStrRepr("Ḥ\u200b"), "'Ḥ\\u200b'");
  EXPECT_TRUE(PyTruthy(Json("x")));
  EXPECT_FALSE(PyTruthy(Json::object()));
  EXPECT_FALSE(PyTruthy(Json(0.0)));
}

// norm(), year_of(), number_of() and str() against score.py's own functions on strings
// chosen to hit every branch of the folding.
TEST(ScoreNorm, AgreesWithPython) {
  if (!fs::exists(ScorePy()) || !HavePython()) GTEST_SKIP() << "no score.py or python3";
  Json inputs = Json::array({
      "The Islamic State", "Ma’an", "Ḥurrās ad-Dīn", "ΟΔΟΣ ΣΑΣ Σ", "İstanbul", "ﬁ ² ½ ⅷ",
      "a´b", "Dev: कि", "هيئة تحرير الشام", "أَنْصَار", "ـــ", "x\u200by", "١٢٣ ٤",
      "Ǆemal", "ẞtraße", "the", "The  The", "  the x", "THE X", "Σ.", "a_b-c", "Ⅻ",
      "  2016-02", "\u20031999", "1,,2.5.6", "no digits", "7", "", "'`’‘ʿʾʼ", "①②", "𝐀𝐁",
      "ǅ", "Ꭰ", "ﬀ", "№5", "x\u0301", "\u0345", "ß", "ΐ"});
  Json values = inputs;
  values.push_back(1600);
  values.push_back(2016.5);
  values.push_back(nullptr);
  values.push_back(true);
  values.push_back(Json::array({"Hamas", 3, nullptr}));
  values.push_back(Json::parse(R"({"start": "2014-02"})"));
  TempDir dir;
  std::string in = dir.Write("values.json", values.dump());
  std::string script =
      "import json,sys; sys.path.insert(0, sys.argv[1]); import score;"
      "vs = json.load(open(sys.argv[2], encoding='utf-8'));"
      "print(json.dumps([[score.norm(v), score.norm_text(v), score.year_of(v), "
      "score.number_of(v), str(v)] for v in vs]))";
  std::string out;
  ASSERT_EQ(RunCommand("python3 -c " + Quote(script) + " " + Quote(SharedDir() + "/eval") + " " +
                    Quote(in),
                &out),
            0);
  Json want = Json::parse(out);
  ASSERT_EQ(want.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const Json& v = values[i];
    SCOPED_TRACE(v.dump());
    EXPECT_EQ(ScoreNormValue(v), want[i][0].get<std::string>());
    EXPECT_EQ(ScoreNormText(v), want[i][1].get<std::string>());
    std::optional<std::string> year = ScoreYearOf(v);
    EXPECT_EQ(year.has_value(), !want[i][2].is_null());
    if (year && !want[i][2].is_null()) {
      EXPECT_EQ(*year, want[i][2].get<std::string>());
    }
    std::optional<double> number = ScoreNumberOf(v);
    EXPECT_EQ(number.has_value(), !want[i][3].is_null());
    if (number && !want[i][3].is_null()) {
      EXPECT_EQ(*number, want[i][3].get<double>());
    }
    EXPECT_EQ(PyStr(v), want[i][4].get<std::string>());
  }
}

// ---------------------------------------------------------------- matching rules

std::vector<GoldDoc> TinyGold() {
  Json g = Json::parse(R"({"doc": "t", "entities": [
      {"name": "Jund al-Aqsa", "type": "group", "aliases": ["Sarayat al-Quds"]},
      {"name": "Ahrar al-Sham", "type": "group", "aliases": ["Ahrar ash-Sham"]},
      {"name": "Ma'an", "type": "place", "aliases": ["Maan"]},
      {"name": "Hamas", "type": "group"}],
    "facts": [
      {"s": "Jund al-Aqsa", "p": "clash", "o": "Ahrar al-Sham", "time": {"start": "2016-10"}},
      {"s": "Jund al-Aqsa", "p": "attack", "o": "Ma'an", "time": {"start": "2014-02"}},
      {"s": "Jund al-Aqsa", "p": "attack", "o": "Ma'an", "time": {"start": "2016"}},
      {"s": "Jund al-Aqsa", "p": "rival", "o": "Hamas", "optional": true},
      {"s": "Jund al-Aqsa", "p": ["part_of", "ally"], "o": ["Hamas", "Ahrar al-Sham"]},
      {"s": "Jund al-Aqsa", "p": "size", "o": "1,600", "time": {"start": "2016"}}]})");
  return {GoldDoc{"t", g}};
}

ScoreSummary ScoreTiny(const std::string& facts_json, std::vector<std::string>* report = nullptr) {
  SystemDocs sys;
  sys.docs["t"] = Json::parse(R"({"doc": "t", "entities": [], "facts": )" + facts_json + "}");
  return ScoreDocuments(TinyGold(), sys, true, report);
}

TEST(Scorer, MatchingRules) {
  // Swapped symmetric fact matches; the same fact again only hits a taken gold fact
  // and counts neither way.
  ScoreSummary s = ScoreTiny(R"([
      {"s": "Ahrar ash-Sham", "p": "clash", "o": "Jund al-Aqsa", "time": {"start": "2016-10-05"}},
      {"s": "Jund al-Aqsa", "p": "clash", "o": "Ahrar al-Sham", "time": {"start": "2016"}}])");
  EXPECT_EQ(s.tp, 1);
  EXPECT_EQ(s.fp, 0);
  EXPECT_EQ(s.fn, 4);
  EXPECT_EQ(s.time_checked, 1);
  EXPECT_EQ(s.time_accuracy, 1.0);

  // Event years are identity: 2016 hits the second attack, 2015 nothing.
  s = ScoreTiny(R"([
      {"s": "Sarayat al-Quds", "p": "attack", "o": "Maan", "time": {"start": "2016-03"}},
      {"s": "Jund al-Aqsa", "p": "attack", "o": "Maan", "time": {"start": "2015"}}])");
  EXPECT_EQ(s.tp, 1);
  EXPECT_EQ(s.fp, 1);

  // Optional facts neither help nor hurt; list-valued p and o accept any member; size
  // compares numbers from o or value; a non-event's time decides nothing.
  s = ScoreTiny(R"([
      {"s": "Jund al-Aqsa", "p": "rival", "o": "Hamas"},
      {"s": "Jund al-Aqsa", "p": "ally", "o": "Ahrar al-Sham"},
      {"s": "Jund al-Aqsa", "p": "size", "o": "", "value": 1600, "time": {"start": "2017"}}])");
  EXPECT_EQ(s.tp, 2);
  EXPECT_EQ(s.fp, 0);
  EXPECT_EQ(s.fn, 3);
  EXPECT_EQ(s.time_checked, 1);
  EXPECT_EQ(s.time_accuracy, 0.0);

  // Unknown predicates are problems and not scored; missing evidence is counted.
  std::vector<std::string> report;
  s = ScoreTiny(R"([{"s": "Jund al-Aqsa", "p": "likes", "o": "Hamas",
                     "evidence": {"sentence": "x"}}])", &report);
  EXPECT_EQ(s.tp + s.fp, 0);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0], "t: unknown predicate 'likes'");
  EXPECT_EQ(s.facts_without_evidence, 0);
  EXPECT_EQ(report.size(), 5u);  // the five FN lines
}

// ---------------------------------------------------------------- against score.py

// System outputs derived from the dev gold, each a different stress on the rules.
using Mutator = std::function<std::string(const std::vector<GoldDoc>&)>;

Json EvidenceFor(size_t i) {
  return Json{{"sentence", "Sentence " + std::to_string(i) + "."}, {"begin", i}, {"end", i + 10}};
}

Json First(const Json& x) { return x.is_array() && !x.empty() ? x[0] : x; }

std::string Lines(const std::vector<Json>& objs) {
  std::string out;
  for (const Json& o : objs) out += o.dump() + "\n";
  return out;
}

// The gold itself, as a perfect system would print it.
std::string Exact(const std::vector<GoldDoc>& golds) {
  std::vector<Json> out;
  for (const GoldDoc& g : golds) {
    Json facts = Json::array();
    size_t i = 0;
    for (const Json& f : g.json["facts"]) {
      if (f.value("optional", false)) continue;
      Json sf = {{"s", f["s"]}, {"p", First(f["p"])}, {"o", First(f.value("o", Json()))}};
      sf["time"] = f.contains("time") ? f["time"] : Json();
      sf["hedge"] = f.contains("hedge") ? f["hedge"] : Json();
      sf["evidence"] = EvidenceFor(i++);
      sf["confidence"] = 0.9;
      facts.push_back(sf);
    }
    Json ents = Json::array();
    for (const Json& e : g.json["entities"]) {
      ents.push_back({{"name", e["name"]}, {"type", e["type"]}, {"aliases", e.value("aliases", Json::array())}});
    }
    out.push_back({{"doc", g.id}, {"date", nullptr}, {"entities", ents}, {"facts", facts}});
  }
  return Lines(out);
}

std::string Perturbed(const std::vector<GoldDoc>& golds) {
  static const char* kOther[] = {"ally", "rival", "part_of", "member_of", "leader", "area"};
  std::vector<Json> out;
  size_t n = 0;
  for (size_t d = 0; d < golds.size(); ++d) {
    const GoldDoc& g = golds[d];
    if (d == 1) continue;  // a document with no output at all
    Json facts = Json::array();
    for (const Json& f : g.json["facts"]) {
      ++n;
      if (n % 3 == 0) continue;  // dropped
      Json sf = {{"s", f["s"]}, {"p", First(f["p"])}};
      const Json& o = f.value("o", Json());
      // Pick a later alternative of a list-valued o, and write names through aliases.
      sf["o"] = o.is_array() && o.size() > 1 && n % 2 ? o[o.size() - 1] : First(o);
      if (f.contains("time")) sf["time"] = f["time"];
      std::string p = sf["p"].get<std::string>();
      if (n % 5 == 0) sf["p"] = kOther[n % 6];  // wrong predicate
      if ((p == "ally" || p == "rival" || p == "clash") && n % 2 == 0) std::swap(sf["s"], sf["o"]);
      if (f.contains("time") && n % 4 == 0) {
        // Shift the year (identity for events, accuracy for the rest) or coarsen it.
        std::string t = f["time"].value("start", f["time"].value("end", std::string()));
        if (t.size() >= 4) {
          std::string shifted = std::to_string(std::stoi(t.substr(0, 4)) + 1) + t.substr(4);
          sf["time"] = n % 8 == 0 ? Json{{"start", shifted}} : Json{{"start", t.substr(0, 4)}};
        }
      }
      if (n % 7 != 0) sf["evidence"] = EvidenceFor(n);
      facts.push_back(sf);
      if (n % 6 == 1) facts.push_back(sf);  // an exact duplicate
    }
    facts.push_back({{"s", "Nobody Brigade"}, {"p", "ally"}, {"o", "Somebody Front"}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", "founded"}, {"o", "circa 1999"}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", "supports"}, {"o", "x"}});
    Json ents = Json::array();
    size_t k = 0;
    for (const Json& e : g.json["entities"]) {
      if (++k % 4 == 0) continue;
      const Json& aliases = e.value("aliases", Json::array());
      // Listed under an alias only, with the canonical name nowhere.
      if (k % 5 == 0 && !aliases.empty()) {
        ents.push_back({{"name", aliases[0]}, {"type", e["type"]}});
      } else {
        ents.push_back({{"name", e["name"]}, {"type", k % 3 ? e["type"] : Json("other")}});
      }
    }
    ents.push_back({{"name", "Unknown Front"}, {"type", "group"}});
    ents.push_back({{"name", "Somewhere"}, {"type", "town"}});
    out.push_back({{"doc", g.id}, {"date", "2020"}, {"entities", ents}, {"facts", facts}});
  }
  out.push_back({{"doc", "not-in-gold"}, {"facts", Json::array()}});
  return Lines(out);
}

// Values of unusual JSON types, all of which score.py handles without an exception.
std::string OddTypes(const std::vector<GoldDoc>& golds) {
  std::vector<Json> out;
  for (const GoldDoc& g : golds) {
    Json facts = Json::array();
    size_t i = 0;
    for (const Json& f : g.json["facts"]) {
      ++i;
      Json sf = {{"s", f["s"]}, {"p", First(f["p"])}, {"o", f.value("o", Json())}};  // o may be a list
      if (i % 3 == 0) sf["time"] = "";
      else if (f.contains("time")) sf["time"] = f["time"];
      if (i % 4 == 0) sf["evidence"] = nullptr;
      else if (i % 4 == 1) sf["evidence"] = {{"sentence", ""}};
      else sf["evidence"] = {{"sentence", "x"}};
      facts.push_back(sf);
    }
    facts.push_back({{"s", nullptr}, {"p", "size"}, {"o", 1600}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", "founded"}, {"o", 2014}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", "dissolved"}, {"o", 2017.0}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", "ally"}, {"o", nullptr}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", nullptr}});
    facts.push_back({{"s", g.json["facts"][0]["s"]}, {"p", 7}, {"o", "Ma’an \u200b"}});
    facts.push_back({{"s", "x"}, {"p", "ideology"}, {"o", Json::array({"Salafi", "jihadists"})}});
    Json ents = Json::array();
    for (const Json& e : g.json["entities"]) {
      // Aliases given as a string iterate as characters in score.py.
      ents.push_back({{"name", e["name"]}, {"type", e["type"]}, {"aliases", "ISIS"}});
    }
    ents.push_back({{"name", nullptr}, {"type", nullptr}, {"aliases", nullptr}});
    out.push_back({{"doc", g.id}, {"entities", ents}, {"facts", facts}});
  }
  // An earlier line for the same document is overridden by the later one.
  std::string text = Json{{"doc", golds[0].id}, {"facts", Json::array()}}.dump() + "\r\n \n";
  return text + Lines(out);
}

// The DocumentFacts path: gold converted to the C++ model and written by ToJsonLine.
std::string ViaDocumentFacts(const std::vector<GoldDoc>& golds) {
  std::string out;
  for (const GoldDoc& g : golds) {
    DocumentFacts d;
    d.doc = g.id;
    d.title = "Title of " + g.id;
    for (const Json& e : g.json["entities"]) {
      EntityOut eo;
      eo.name = e["name"].get<std::string>();
      eo.type = ParseEntityType(e["type"].get<std::string>()).value_or(EntityType::kOther);
      for (const Json& a : e.value("aliases", Json::array())) eo.aliases.push_back(a);
      d.entities.push_back(eo);
    }
    size_t i = 0;
    for (const Json& f : g.json["facts"]) {
      Fact fo;
      fo.s = f["s"].get<std::string>();
      fo.p = First(f["p"]).get<std::string>();
      Json o = First(f.value("o", Json("")));
      fo.o = o.is_string() ? o.get<std::string>() : o.dump();
      if (f.contains("time")) {
        fo.time.start = f["time"].value("start", "");
        fo.time.end = f["time"].value("end", "");
      }
      if (f.contains("value")) fo.value = f["value"].get<double>();
      fo.hedge = f.value("hedge", "");
      fo.evidence = Evidence{"Sentence.", i, i + 9};
      fo.negated = ++i % 9 == 0;  // never written
      d.facts.push_back(fo);
    }
    out += ToJsonLine(d) + "\n";
  }
  return out;
}

// Runs score.py on the same files and demands identical output, both forms.
void ExpectSameAsScorePy(const std::string& name, const Mutator& make, bool exact_problems = true) {
  SCOPED_TRACE(name);
  Result<std::vector<GoldDoc>> golds = LoadGoldDir(GoldDir());
  ASSERT_TRUE(golds.ok()) << golds.error().ToString();
  ASSERT_FALSE(golds->empty());
  TempDir dir;
  std::string sys = dir.Write(name + ".jsonl", make(*golds));

  std::vector<std::string> report;
  Result<ScoreSummary> s = ScoreFiles(GoldDir(), sys, true, &report);
  ASSERT_TRUE(s.ok()) << s.error().ToString();

  std::string py_json, py_text;
  std::string cmd = "python3 " + Quote(ScorePy()) + " " + Quote(GoldDir()) + " " + Quote(sys);
  ASSERT_EQ(RunCommand(cmd + " --json", &py_json), 0) << py_json;
  ASSERT_EQ(RunCommand(cmd + " --verbose", &py_text), 0) << py_text;

  // Every number, one by one, for readable failures...
  Json want = Json::parse(py_json);
  EXPECT_EQ(s->documents, want["documents"].get<long>());
  EXPECT_EQ(s->tp, want["facts"]["tp"].get<long>());
  EXPECT_EQ(s->fp, want["facts"]["fp"].get<long>());
  EXPECT_EQ(s->fn, want["facts"]["fn"].get<long>());
  EXPECT_EQ(s->precision, want["facts"]["precision"].get<double>());
  EXPECT_EQ(s->recall, want["facts"]["recall"].get<double>());
  EXPECT_EQ(s->f1, want["facts"]["f1"].get<double>());
  if (want["time_accuracy"].is_null()) {
    EXPECT_FALSE(s->time_accuracy.has_value());
  } else {
    EXPECT_EQ(s->time_accuracy.value_or(-1), want["time_accuracy"].get<double>());
  }
  EXPECT_EQ(s->time_checked, want["time_checked"].get<long>());
  EXPECT_EQ(s->facts_without_evidence, want["facts_without_evidence"].get<long>());
  ASSERT_EQ(s->per_predicate.size(), want["per_predicate"].size());
  for (const auto& [p, row] : s->per_predicate) {
    SCOPED_TRACE(p);
    ASSERT_TRUE(want["per_predicate"].contains(p));
    const Json& w = want["per_predicate"][p];
    EXPECT_EQ(row.tp, w["tp"].get<long>());
    EXPECT_EQ(row.fp, w["fp"].get<long>());
    EXPECT_EQ(row.fn, w["fn"].get<long>());
    EXPECT_EQ(row.f1, w["f1"].get<double>());
  }
  ASSERT_EQ(s->entities.size(), want["entities"].size());
  for (const auto& [t, row] : s->entities) {
    SCOPED_TRACE(t);
    ASSERT_TRUE(want["entities"].contains(t));
    const Json& w = want["entities"][t];
    EXPECT_EQ(row.tp, w["tp"].get<long>());
    EXPECT_EQ(row.fp, w["fp"].get<long>());
    EXPECT_EQ(row.fn, w["fn"].get<long>());
    EXPECT_EQ(row.f1, w["f1"].get<double>());
  }
  ASSERT_EQ(s->problems.size(), want["problems"].size());
  // ...then the printed forms, byte for byte.
  if (exact_problems) {
    EXPECT_EQ(RenderScoreJson(*s), py_json);
    EXPECT_EQ(RenderScoreText(*s, report, true), py_text);
  }
}

class AgainstScorePy : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(GoldDir())) GTEST_SKIP() << GoldDir() << " not found";
    if (!fs::exists(ScorePy()) || !HavePython()) GTEST_SKIP() << "no score.py or python3";
  }
};

TEST_F(AgainstScorePy, GoldItselfScoresOne) {
  ExpectSameAsScorePy("exact", Exact);
  Result<ScoreSummary> s = [] {
    TempDir dir;
    std::string sys = dir.Write("exact.jsonl", Exact(*LoadGoldDir(GoldDir())));
    return ScoreFiles(GoldDir(), sys, false, nullptr);
  }();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->f1, 1.0);
  EXPECT_EQ(s->fp, 0);
  EXPECT_EQ(s->fn, 0);
  EXPECT_EQ(s->time_accuracy, 1.0);
  EXPECT_EQ(s->facts_without_evidence, 0);
}

TEST_F(AgainstScorePy, Perturbed) { ExpectSameAsScorePy("perturbed", Perturbed); }
TEST_F(AgainstScorePy, OddTypes) { ExpectSameAsScorePy("odd", OddTypes); }
TEST_F(AgainstScorePy, ViaDocumentFacts) { ExpectSameAsScorePy("facts", ViaDocumentFacts); }

TEST_F(AgainstScorePy, BrokenLines) {
  // Python's JSON error messages differ from nlohmann's: counts only, not bytes.
  ExpectSameAsScorePy(
      "broken",
      [](const std::vector<GoldDoc>& golds) {
        return std::string("{not json\n\xEF\xBB\xBF{\"doc\": \"x\"}\n") + Exact(golds);
      },
      /*exact_problems=*/false);
}

TEST_F(AgainstScorePy, InMemoryEqualsFile) {
  Result<std::vector<GoldDoc>> golds = LoadGoldDir(GoldDir());
  ASSERT_TRUE(golds.ok());
  std::string jsonl = ViaDocumentFacts(*golds);
  std::vector<DocumentFacts> docs;
  for (size_t i = 0, j; i < jsonl.size(); i = j + 1) {
    j = jsonl.find('\n', i);
    Result<DocumentFacts> d = FromJsonLine(std::string_view(jsonl).substr(i, j - i));
    ASSERT_TRUE(d.ok()) << d.error().ToString();
    docs.push_back(*d);
  }
  TempDir dir;
  Result<ScoreSummary> from_file = ScoreFiles(GoldDir(), dir.Write("f.jsonl", jsonl), false, nullptr);
  ASSERT_TRUE(from_file.ok());
  ScoreSummary in_memory = ScoreDocuments(*golds, docs, false, nullptr);
  EXPECT_EQ(RenderScoreJson(in_memory), RenderScoreJson(*from_file));
}

TEST(Scorer, MissingGoldDirIsAnError) {
  Result<ScoreSummary> s = ScoreFiles("/nonexistent/gold", "/nonexistent/sys.jsonl", false, nullptr);
  EXPECT_FALSE(s.ok());
}

// ---------------------------------------------------------------- JSONL export

DocumentFacts TinyFacts() {
  DocumentFacts d;
  d.doc = "jund-al-aqsa";
  d.date = "2016-11-01";
  d.title = "Jund al-Aqsa – Ma’an";
  d.entities.push_back({"Jund al-Aqsa", EntityType::kGroup, {"Sarayat al-Quds"}, "local:7"});
  d.entities.push_back({"Abu Abdul Aziz al-Qatari", EntityType::kPerson, {}, ""});
  Fact f;
  f.s = "Jund al-Aqsa";
  f.p = "defected_to";
  f.o = "al-Nusra Front";
  f.value = 400;
  f.time.start = "2016-02-17";
  f.evidence = {"On 17 February 2016, over 400 fighters defected.", 1180, 1229};
  f.confidence = 0.9;
  d.facts.push_back(f);
  Fact g;
  g.s = "Jund al-Aqsa";
  g.p = "size";
  g.o = "2.5 thousand";
  g.value = 2.5;
  g.time.end = "2017";
  g.hedge = "estimated";
  g.evidence = {"It had \"2.5 thousand\" men.", 10, 36};
  g.confidence = 0.45;
  d.facts.push_back(g);
  return d;
}

TEST(Jsonl, Golden) {
  DocumentFacts d = TinyFacts();
  d.facts[0].confidence = 0.904;  // written as 0.9
  Fact negated = d.facts[0];
  negated.negated = true;
  d.facts.push_back(negated);
  EXPECT_EQ(ToJsonLine(d),
            R"({"doc":"jund-al-aqsa","date":"2016-11-01","title":"Jund al-Aqsa – Ma’an",)"
            R"("entities":[{"name":"Jund al-Aqsa","type":"group","aliases":["Sarayat al-Quds"],"id":"local:7"},)"
            R"({"name":"Abu Abdul Aziz al-Qatari","type":"person","aliases":[]}],)"
            R"("facts":[{"s":"Jund al-Aqsa","p":"defected_to","o":"al-Nusra Front","value":400,)"
            R"("time":{"start":"2016-02-17"},"hedge":null,)"
            R"("evidence":{"sentence":"On 17 February 2016, over 400 fighters defected.","begin":1180,"end":1229},)"
            R"("confidence":0.9},)"
            R"({"s":"Jund al-Aqsa","p":"size","o":"2.5 thousand","value":2.5,"time":{"end":"2017"},)"
            R"("hedge":"estimated","evidence":{"sentence":"It had \"2.5 thousand\" men.","begin":10,"end":36},)"
            R"("confidence":0.45}]})");
  DocumentFacts bare;
  bare.doc = "x";
  Fact f;
  f.s = "a";
  f.p = "ally";
  f.o = "b";
  bare.facts.push_back(f);
  EXPECT_EQ(ToJsonLine(bare),
            R"({"doc":"x","date":null,"entities":[],"facts":[{"s":"a","p":"ally","o":"b",)"
            R"("time":null,"hedge":null,"evidence":{"sentence":"","begin":0,"end":0},"confidence":0.5}]})");
}

void ExpectSameFacts(const DocumentFacts& a, const DocumentFacts& b) {
  EXPECT_EQ(a.doc, b.doc);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].name, b.entities[i].name);
    EXPECT_EQ(a.entities[i].type, b.entities[i].type);
    EXPECT_EQ(a.entities[i].aliases, b.entities[i].aliases);
    EXPECT_EQ(a.entities[i].lexicon_id, b.entities[i].lexicon_id);
  }
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (size_t i = 0; i < a.facts.size(); ++i) {
    const Fact& x = a.facts[i];
    const Fact& y = b.facts[i];
    EXPECT_EQ(x.s, y.s);
    EXPECT_EQ(x.p, y.p);
    EXPECT_EQ(x.o, y.o);
    EXPECT_EQ(x.value, y.value);
    EXPECT_EQ(x.time.start, y.time.start);
    EXPECT_EQ(x.time.end, y.time.end);
    EXPECT_EQ(x.hedge, y.hedge);
    EXPECT_EQ(x.evidence.sentence, y.evidence.sentence);
    EXPECT_EQ(x.evidence.begin, y.evidence.begin);
    EXPECT_EQ(x.evidence.end, y.evidence.end);
    EXPECT_EQ(x.confidence, y.confidence);
  }
}

TEST(Jsonl, RoundTripAndDeterminism) {
  DocumentFacts d = TinyFacts();
  d.source = "https://en.wikipedia.org/wiki/Jund_al-Aqsa";
  std::string line = ToJsonLine(d);
  Result<DocumentFacts> back = FromJsonLine(line);
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ExpectSameFacts(d, *back);
  EXPECT_EQ(ToJsonLine(*back), line);
  EXPECT_EQ(ToJsonLine(TinyFacts()), ToJsonLine(TinyFacts()));
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Jsonl, ReaderErrors) {
  EXPECT_FALSE(FromJsonLine("{not json").ok());
  EXPECT_FALSE(FromJsonLine("[1, 2]").ok());
  EXPECT_FALSE(FromJsonLine(R"({"doc": "x", "facts": {}})").ok());
  EXPECT_FALSE(FromJsonLine(R"({"doc": "x", "facts": [{"s": ["a"]}]})").ok());
  // Absent optional fields and unknown types are fine.
  Result<DocumentFacts> d = FromJsonLine(
      R"({"doc": "x", "entities": [{"name": "A", "type": "town"}], "facts": [{"s": "A", "p": "size", "o": 1600}]})");
  ASSERT_TRUE(d.ok()) << d.error().ToString();
  EXPECT_EQ(d->entities[0].type, EntityType::kOther);
  EXPECT_EQ(d->facts[0].o, "1600");
  EXPECT_TRUE(d->date.empty());

  TempDir dir;
  std::string path = dir.Write("x.jsonl", ToJsonLine(TinyFacts()) + "\n\n{bad\n");
  Result<std::vector<DocumentFacts>> all = ReadFactsJsonl(path);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().line, 3);
}

// ---------------------------------------------------------------- pretty

TEST(Pretty, Renders) {
  std::string out = RenderPretty(TinyFacts());
  EXPECT_NE(out.find("jund-al-aqsa"), std::string::npos);
  EXPECT_NE(out.find("Jund al-Aqsa (group)"), std::string::npos);
  EXPECT_NE(out.find("defected_to  al-Nusra Front  value 400  [2016-02-17]  0.90"), std::string::npos);
  EXPECT_NE(out.find("(estimated)"), std::string::npos);
  EXPECT_NE(out.find("[1180,1229)"), std::string::npos);
  EXPECT_NE(out.find("person: Abu Abdul Aziz al-Qatari"), std::string::npos);
  EXPECT_EQ(out.find("\x1b["), std::string::npos);
  PrettyOptions color;
  color.color = true;
  EXPECT_NE(RenderPretty(TinyFacts(), color).find("\x1b["), std::string::npos);
}

TEST(Pretty, TrimAround) {
  std::string s = std::string(300, 'a') + " Ma’an " + std::string(300, 'b');
  std::string t = TrimAround(s, "Ma’an", 50);
  EXPECT_NE(t.find("Ma’an"), std::string::npos);
  EXPECT_EQ(t.rfind("…", 0), 0u);
  EXPECT_EQ(CodePointCount(t), 52u);
  EXPECT_EQ(TrimAround("short", "x", 50), "short");
}

}  // namespace
}  // namespace orbat
