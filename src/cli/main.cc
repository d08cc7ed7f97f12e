#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"orbat: a sourced, time-aware knowledge graph of armed groups"};
  app.require_subcommand(1);
  int exit_code = 0;
  orbat::RegisterExtractCommands(app, &exit_code);
  orbat::RegisterGraphCommands(app, &exit_code);
  orbat::RegisterServeCommands(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
