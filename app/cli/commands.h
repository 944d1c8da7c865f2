#pragma once
// The command table: each group of commands lives in its own commands_*.cpp.

#include "app/cli/args.h"

#include <vector>

namespace tricoach::cli {

std::vector<CommandSpec> activityCommands(); // add, activities
std::vector<CommandSpec> chartCommands();    // pmc, analyze
std::vector<CommandSpec> volumeCommands();   // volume, distribution
std::vector<CommandSpec> heatmapCommands();  // heatmap
std::vector<CommandSpec> athleteCommands();  // athlete set|show|add|list
std::vector<CommandSpec> settingsCommands(); // settings show|set
std::vector<CommandSpec> importCommands();   // import, decode
std::vector<CommandSpec> planCommands();     // race set|show, plan week|season

// Every command, in the order the program's help lists them.
std::vector<CommandSpec> allCommands();

} // namespace tricoach::cli
