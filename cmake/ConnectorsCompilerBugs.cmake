# Work-arounds for wrong code from the compilers this project is built with, each detected by
# running a probe rather than assumed from a version number.
include(CheckCXXSourceRuns)

# GCC 12.2's tree dead-store elimination drops `v = x;` before `try { v = f(); }` when v is a
# trivially copyable aggregate, so after f throws, v holds garbage (a service loop slept for
# 56 years after a failed pass because of it). Turning that one pass off fixes it everywhere.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  file(READ "${CMAKE_CURRENT_LIST_DIR}/probes/eh_store_kept.cpp" connectors_probe_source)
  set(CMAKE_REQUIRED_FLAGS "-O2")
  check_cxx_source_runs("${connectors_probe_source}" CONNECTORS_GCC_KEEPS_STORES_BEFORE_THROWING_CALLS)
  unset(CMAKE_REQUIRED_FLAGS)
  if(NOT CONNECTORS_GCC_KEEPS_STORES_BEFORE_THROWING_CALLS)
    message(STATUS "GCC drops stores before calls that throw (dead-store elimination): building with -fno-tree-dse")
    add_compile_options(-fno-tree-dse)
  endif()
endif()
