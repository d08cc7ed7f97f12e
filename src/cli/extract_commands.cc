// `orbat extract` and `orbat eval`.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "base/ordered_workers.h"
#include "cli/commands.h"
#include "eval/scorer.h"
#include "export/jsonl.h"
#include "export/pretty.h"
#include "extract/extractor.h"
#include "io/reader.h"

namespace orbat {

namespace {

struct ExtractArgs {
  std::vector<std::string> paths;
  std::string format = "pretty";
  std::string date;
  std::string data_dir;
  bool color = false;
  int jobs = DefaultJobs();
};

struct EvalArgs {
  std::string gold_dir;
  std::string system;
  std::string data_dir;
  bool verbose = false;
  bool json = false;
  double min_f1 = -1;
};

std::unique_ptr<Extractor> MakeExtractor(const std::string& data_dir) {
  auto ex = Extractor::Create(data_dir.empty() ? DefaultDataDir() : data_dir);
  if (!ex) {
    std::cerr << "orbat: cannot load data: " << ex.error().ToString() << "\n";
    return nullptr;
  }
  return std::move(*ex);
}

int RunExtract(const ExtractArgs& a) {
  auto extractor = MakeExtractor(a.data_dir);
  if (!extractor) return 2;
  ReadOptions options;
  options.default_date = a.date;
  bool failed = false;
  PrettyOptions pretty;
  pretty.color = a.color && isatty(STDOUT_FILENO);
  // Documents are extracted on `jobs` threads and printed in input order, so the
  // output is the same bytes whatever the thread count.
  OrderedWorkers<Document, std::string> workers(
      a.jobs,
      [&](Document& doc) {
        DocumentFacts facts = extractor->Extract(doc);
        return a.format == "jsonl" ? ToJsonLine(facts) + '\n' : RenderPretty(facts, pretty);
      },
      [](std::string&& out) { std::cout << out; });
  ReadInputs(
      a.paths, options, [&](Document&& doc) { workers.Submit(std::move(doc)); },
      [&](const Error& e) {
        failed = true;
        std::cerr << "orbat: skipped " << e.ToString() << "\n";
      });
  workers.Finish();
  std::cout.flush();
  return failed ? 1 : 0;
}

int RunEval(const EvalArgs& a) {
  std::vector<std::string> report;
  Result<ScoreSummary> summary = Error{"", 0, "not scored"};
  if (!a.system.empty()) {
    summary = ScoreFiles(a.gold_dir, a.system, a.verbose, &report);
  } else {
    // Extract the documents beside the gold files, then score in memory.
    auto gold = LoadGoldDir(a.gold_dir);
    if (!gold) {
      std::cerr << "orbat: " << gold.error().ToString() << "\n";
      return 2;
    }
    auto extractor = MakeExtractor(a.data_dir);
    if (!extractor) return 2;
    std::vector<std::string> paths;
    for (const auto& g : *gold) {
      for (const char* ext : {".txt", ".md", ".html", ".htm"}) {
        std::filesystem::path p = std::filesystem::path(a.gold_dir) / (g.id + ext);
        if (std::filesystem::exists(p)) { paths.push_back(p.string()); break; }
      }
    }
    std::vector<DocumentFacts> system;
    ReadInputs(paths, ReadOptions{},
               [&](Document&& doc) { system.push_back(extractor->Extract(doc)); },
               [&](const Error& e) { std::cerr << "orbat: skipped " << e.ToString() << "\n"; });
    summary = ScoreDocuments(*gold, system, a.verbose, &report);
  }
  if (!summary) {
    std::cerr << "orbat: " << summary.error().ToString() << "\n";
    return 2;
  }
  std::cout << (a.json ? RenderScoreJson(*summary) : RenderScoreText(*summary, report, a.verbose));
  if (a.min_f1 >= 0 && !PassesMinF1(*summary, a.min_f1)) return 1;
  return 0;
}

}  // namespace

void RegisterExtractCommands(CLI::App& app, int* exit_code) {
  auto ex = std::make_shared<ExtractArgs>();
  CLI::App* extract = app.add_subcommand(
      "extract",
      "Print the entities and sourced facts of documents.\n"
      "  orbat extract article.txt\n"
      "  orbat extract reports/ --format jsonl > facts.jsonl");
  extract->add_option("paths", ex->paths, "files or folders (.txt .md .html .jsonl)")->required();
  extract->add_option("--format", ex->format, "pretty (default) or jsonl")
      ->check(CLI::IsMember({"pretty", "jsonl"}));
  extract->add_option("--date", ex->date, "document date (YYYY-MM-DD) where none is found");
  extract->add_option("--data", ex->data_dir, "data directory (lexicons and patterns)");
  extract->add_flag("--color", ex->color, "color the pretty output on a terminal");
  extract->add_option("-j,--jobs", ex->jobs, "threads extracting documents (output order and bytes do not change)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  extract->callback([ex, exit_code] { *exit_code = RunExtract(*ex); });

  auto ev = std::make_shared<EvalArgs>();
  CLI::App* eval = app.add_subcommand(
      "eval",
      "Score extraction against gold files (spec/facts.md).\n"
      "  orbat eval corpus/dev              # extracts the .txt beside the gold files\n"
      "  orbat eval corpus/dev facts.jsonl --verbose");
  eval->add_option("gold_dir", ev->gold_dir, "folder of <doc>.gold.json files")->required();
  eval->add_option("system", ev->system, "system output (JSONL); extracted when omitted");
  eval->add_option("--data", ev->data_dir, "data directory (lexicons and patterns)");
  eval->add_flag("--verbose", ev->verbose, "list every miss and false positive");
  eval->add_flag("--json", ev->json, "print the summary as JSON");
  eval->add_option("--min-f1", ev->min_f1, "exit 1 when fact F1 is below this");
  eval->callback([ev, exit_code] { *exit_code = RunEval(*ev); });
}

}  // namespace orbat
