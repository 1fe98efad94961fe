# connectors_add_test(<name> SOURCES <files...> LIBS <targets...> [LABEL unit|pg|integration])
#
# One executable per test file family. Unit tests are registered test by test
# (gtest_discover_tests), so `ctest -L unit` reports each one. PostgreSQL (`pg`) and
# `integration` tests start servers once per executable (a throwaway PostgreSQL, an
# es-emulator), so each executable is one CTest test: starting a server per test case would
# cost more than the tests themselves.
function(connectors_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  connectors_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  if(ARG_LABEL STREQUAL "unit")
    gtest_discover_tests(${name} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 60)
  else()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT 900)
  endif()
endfunction()
