#include "core/float_format.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace connectors::core {
namespace {

// Expected strings are what CPython 3.11 prints for repr(x).
TEST(PythonFloat, FixedNotationKeepsOneDecimal) {
  EXPECT_EQ(python_float(0.0), "0.0");
  EXPECT_EQ(python_float(-0.0), "-0.0");
  EXPECT_EQ(python_float(1.0), "1.0");
  EXPECT_EQ(python_float(1.5), "1.5");
  EXPECT_EQ(python_float(-2.25), "-2.25");
  EXPECT_EQ(python_float(100.0), "100.0");
  EXPECT_EQ(python_float(0.1), "0.1");
  EXPECT_EQ(python_float(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(python_float(1e15), "1000000000000000.0");
  EXPECT_EQ(python_float(123456789.125), "123456789.125");
}

TEST(PythonFloat, SmallNumbersSwitchToExponentBelowTenToMinusFour) {
  EXPECT_EQ(python_float(0.001), "0.001");
  EXPECT_EQ(python_float(0.0001), "0.0001");
  EXPECT_EQ(python_float(0.00001), "1e-05");
  EXPECT_EQ(python_float(1.5e-7), "1.5e-07");
  EXPECT_EQ(python_float(5e-324), "5e-324");
}

TEST(PythonFloat, LargeNumbersSwitchToExponentFromTenToTheSixteen) {
  EXPECT_EQ(python_float(1e16), "1e+16");
  EXPECT_EQ(python_float(1.2345678901234568e+17), "1.2345678901234568e+17");
  EXPECT_EQ(python_float(1e100), "1e+100");
  EXPECT_EQ(python_float(-1.7976931348623157e308), "-1.7976931348623157e+308");
}

TEST(PythonFloat, NonFiniteValues) {
  EXPECT_EQ(python_float(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(python_float(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(python_float(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(PythonFloat, AppendsToExistingText) {
  std::string out = "(";
  append_python_float(out, 2.0);
  out += ", ";
  append_python_float(out, 0.5);
  out += ')';
  EXPECT_EQ(out, "(2.0, 0.5)");
}

}  // namespace
}  // namespace connectors::core
