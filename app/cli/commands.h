#pragma once
// The command table: each group of commands lives in its own commands_*.cpp.

#include "app/cli/args.h"
#include "core/model/activity.h"
#include "core/model/session.h"

#include <QJsonObject>

#include <vector>

namespace tricoach::cli {

std::vector<CommandSpec> activityCommands(); // add, activities, activities show
CommandSpec activityShowCommand();           // activities show (commands_show.cpp)
std::vector<CommandSpec> chartCommands();    // pmc, analyze
std::vector<CommandSpec> volumeCommands();   // volume, distribution
std::vector<CommandSpec> heatmapCommands();  // heatmap
std::vector<CommandSpec> athleteCommands();  // athlete set|show|add|list
std::vector<CommandSpec> settingsCommands(); // settings show|set
std::vector<CommandSpec> importCommands();   // import, decode
std::vector<CommandSpec> planCommands();     // race set|show, plan week|season
std::vector<CommandSpec> stravaCommands();   // strava connect|sync|status|disconnect
std::vector<CommandSpec> accountCommands();  // account sign-in|status|sign-out|catch-up

// Shared by the activity commands: an activity as `activities --json` lists it, and the sports --sport accepts
// ("Swim, Bike, ... or Other").
QJsonObject activityJson(const Activity& a);
// A multisport session: the legs' totals, and each leg as an activity with its place ("leg") and "transition" (T1).
QJsonObject sessionJson(const TrainingSession& s);
QString sportList();

// Every command, in the order the program's help lists them.
std::vector<CommandSpec> allCommands();

} // namespace tricoach::cli
