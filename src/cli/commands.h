// The orbat subcommands. Each Register* adds its subcommands to the app and sets their
// callbacks; a callback stores its exit code in *exit_code (0 ok, 1 something failed
// or was skipped, 2 bad usage).
#pragma once

#include <CLI/CLI.hpp>

#include <algorithm>
#include <thread>

namespace orbat {

// Threads for extraction by default: the machine's cores, at most 8 (beyond that the
// single reader and writer are the bottleneck).
inline int DefaultJobs() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

// extract, eval (src/cli/extract_commands.cc)
void RegisterExtractCommands(CLI::App& app, int* exit_code);

// ingest, profile, relations, timeline, network, path, search, stats, merge, split,
// export (src/cli/graph_commands.cc)
void RegisterGraphCommands(CLI::App& app, int* exit_code);

// serve: the web page and JSON API (src/cli/serve_command.cc, src/server)
void RegisterServeCommands(CLI::App& app, int* exit_code);

}  // namespace orbat
