#pragma once
// Quartz cron expressions as Elasticsearch's Cron class accepts them (the connector
// scheduling `interval`): 6 or 7 fields, seconds minutes hours day-of-month month
// day-of-week [year], with * , - / ? L W # and month/day names.

#include <optional>
#include <string>
#include <string_view>

namespace connectors::emulator {

// nullopt when valid, else what is wrong ("Minute and Second values must be between 0 and 59").
std::optional<std::string> cron_problem(std::string_view expression);

}  // namespace connectors::emulator
