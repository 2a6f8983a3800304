# Compiles SOURCE and passes only if compilation fails with every "// expect: <regex>" line of
# SOURCE matched by the compiler's output, so a case cannot pass by failing for another reason.
file(STRINGS ${SOURCE} expectations REGEX "^// expect: ")
if(NOT expectations)
  message(FATAL_ERROR "${SOURCE} has no '// expect:' line")
endif()
execute_process(
  COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} ${SOURCE}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(diagnostics "${out}${err}")
if(status EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must not")
endif()
foreach(line ${expectations})
  string(REGEX REPLACE "^// expect: " "" pattern "${line}")
  if(NOT diagnostics MATCHES "${pattern}")
    message(FATAL_ERROR "the diagnostics of ${SOURCE} do not match '${pattern}':\n${diagnostics}")
  endif()
endforeach()
message(STATUS "refused as expected")
