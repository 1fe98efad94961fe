# connectors_add_test(<name> SOURCES <files...> LIBS <targets...> [LABEL unit|pg|integration])
#
# One executable per test file family, registered with CTest through gtest_discover_tests so
# that `ctest -L unit` is the fast loop and `ctest -L pg` needs a PostgreSQL server binary.
function(connectors_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  connectors_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name}
    PROPERTIES LABELS ${ARG_LABEL}
    DISCOVERY_TIMEOUT 60)
endfunction()
