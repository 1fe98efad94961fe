// The wrong code that cmake/ConnectorsCompilerBugs.cmake works around, in the shape it took in
// this project (a service loop whose pause was garbage after a failed pass): it fails if the
// work-around is lost while the compiler still needs it.

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/clock.hpp"

namespace connectors::core {
namespace {

struct Recorded {
  Millis slept{0};
};

[[gnu::noinline]] void record(Recorded& recorded, Millis pause) { recorded.slept = pause; }

[[gnu::noinline]] Millis next_pause(bool fail) {
  if (fail) throw std::runtime_error("the pass failed");
  return Millis{5};
}

[[gnu::noinline]] void one_pass(Recorded& recorded, Millis period, bool fail) {
  Millis pause = period;
  try {
    pause = next_pause(fail);
  } catch (const std::exception&) {
  }
  record(recorded, pause);
}

// Read at run time, so that the optimiser cannot specialise one_pass for either case.
volatile bool fail_flag = false;

TEST(CompilerWorkarounds, AValueSetBeforeATryKeepsItWhenTheCallThatWouldReplaceItThrows) {
  Recorded recorded;
  fail_flag = true;
  one_pass(recorded, Millis{1000}, fail_flag);
  EXPECT_EQ(recorded.slept, Millis{1000});
  fail_flag = false;
  one_pass(recorded, Millis{1000}, fail_flag);
  EXPECT_EQ(recorded.slept, Millis{5});
}

}  // namespace
}  // namespace connectors::core
