// A port of eval/score.py, the official scorer (spec/facts.md, "Scoring"). It must give
// the numbers score.py gives on the same files: the same folding (eval/norm.h), the
// same matching loops, the same rounding. scorer_test.cc checks it against score.py.
//
// The CLI's `orbat eval GOLD_DIR [SYSTEM.jsonl]`:
//   std::vector<std::string> report;
//   Result<ScoreSummary> s = ScoreFiles(gold_dir, system_path, verbose, &report);
//   std::cout << (json ? RenderScoreJson(*s) : RenderScoreText(*s, report, verbose));
// or, without SYSTEM.jsonl, LoadGoldDir + extraction of each <doc>.txt + ScoreDocuments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "eval/pyvalue.h"
#include "extract/facts.h"

namespace orbat {

// One row of per_predicate or entities: counts and the rounded F1.
struct ScoreRow {
  long tp = 0;
  long fp = 0;
  long fn = 0;
  double f1 = 0.0;
};

// The summary dictionary of score.py, field for field. Ratios are rounded to three
// decimals as score.py rounds them.
struct ScoreSummary {
  long documents = 0;
  long tp = 0, fp = 0, fn = 0;
  double precision = 0.0, recall = 0.0, f1 = 0.0;
  std::optional<double> time_accuracy;  // None when no matched fact had a gold time
  long time_checked = 0;
  long facts_without_evidence = 0;
  std::vector<std::pair<std::string, ScoreRow>> per_predicate;  // sorted by predicate
  std::vector<std::pair<std::string, ScoreRow>> entities;  // group..other, non-zero rows
  std::vector<std::string> problems;
};

// One gold file: its document id ("doc", else the file name) and its JSON.
struct GoldDoc {
  std::string id;
  PyJson json;
};

// The system side as score.py holds it: doc id -> the last object with that id, plus
// the problems found while reading (lines that are not JSON).
struct SystemDocs {
  std::map<std::string, PyJson> docs;
  std::vector<std::string> problems;
};

// Every <doc>.gold.json in `dir`, in file-name order. A file that is not JSON is an
// Error (score.py stops there too).
Result<std::vector<GoldDoc>> LoadGoldDir(const std::string& dir);

// The system JSONL text / file. Lines that are not JSON objects become problems,
// "line N: not JSON (...)"; the message in parentheses is nlohmann's, not Python's.
SystemDocs ParseSystemJsonl(std::string_view text);
Result<SystemDocs> LoadSystemJsonl(const std::string& path);

// In-memory system output (e.g. fresh extraction), as the JSONL writer would print it.
SystemDocs SystemFromFacts(const std::vector<DocumentFacts>& docs);

// The scoring proper. `report` (may be null) receives the FP/FN (and with verbose,
// TIME) lines that score.py --verbose prints.
ScoreSummary ScoreDocuments(const std::vector<GoldDoc>& gold, const SystemDocs& system,
                            bool verbose, std::vector<std::string>* report);
ScoreSummary ScoreDocuments(const std::vector<GoldDoc>& gold,
                            const std::vector<DocumentFacts>& system, bool verbose,
                            std::vector<std::string>* report);

// LoadGoldDir + LoadSystemJsonl + ScoreDocuments.
Result<ScoreSummary> ScoreFiles(const std::string& gold_dir, const std::string& system_jsonl,
                                bool verbose, std::vector<std::string>* report);

// What score.py's main() prints without --json (every line newline-terminated; with
// verbose, the report lines after the summary).
std::string RenderScoreText(const ScoreSummary& s, const std::vector<std::string>& report,
                            bool verbose);

// What score.py --json prints: json.dumps(summary, indent=1) plus a newline.
std::string RenderScoreJson(const ScoreSummary& s);

// --min-f1: true when the summary passes (f1 >= min_f1).
inline bool PassesMinF1(const ScoreSummary& s, double min_f1) { return !(s.f1 < min_f1); }

}  // namespace orbat
