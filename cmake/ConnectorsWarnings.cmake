# Warning and sanitizer flags, applied per target through connectors_target_defaults().
function(connectors_target_defaults target)
  # -Wno-restrict: GCC 12 reports false positives inside std::string at -O2 (GCC bug 105329).
  # -Wno-missing-field-initializers: designated initializers leave the rest defaulted on purpose.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wno-missing-field-initializers -Wno-restrict)
  if(CONNECTORS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(CONNECTORS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
