# Warnings for our own code only; third-party headers come in as SYSTEM includes.
add_library(quire_warnings INTERFACE)
target_compile_options(quire_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                -Wnon-virtual-dtor -Wno-missing-field-initializers)
if(QUIRE_WERROR)
  target_compile_options(quire_warnings INTERFACE -Werror)
endif()

# One call gives a target both interfaces.
function(quire_target_defaults target)
  target_link_libraries(${target} PRIVATE quire_settings quire_warnings)
endfunction()
