# Compiles tests/warnings/all_headers.cpp, which includes <restop/restop.hpp> and every transport
# header, as a consumer does (-I, not -isystem), with restop's warning set and -Werror, at
# OPTIMIZE (-O0 or -O2: GCC reports some warnings only when it optimises). Fails on any
# diagnostic, or if a header under restop/transports/ is missing from the TU.
#   cmake -DCXX=... -DINCLUDE_DIR=... -DSOURCE=... -DOUTPUT=... -DOPTIMIZE=-O2 -P check_consumer_warnings.cmake
file(READ ${SOURCE} tu)
file(GLOB transport_headers RELATIVE ${INCLUDE_DIR} ${INCLUDE_DIR}/restop/transports/*.hpp)
foreach(header ${transport_headers})
  string(FIND "${tu}" "#include <${header}>" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${SOURCE} does not include <${header}>: add it, so that its warnings are checked")
  endif()
endforeach()

# Debian's cpp-httplib is a compiled library whose header needs the library's own macros.
set(httplib_flags)
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  execute_process(COMMAND ${PKG_CONFIG} --cflags cpp-httplib OUTPUT_VARIABLE flags RESULT_VARIABLE status
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(status EQUAL 0)
    separate_arguments(httplib_flags UNIX_COMMAND "${flags}")
  endif()
endif()

set(command ${CXX} -std=c++20 ${OPTIMIZE} -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
    ${httplib_flags} -I${INCLUDE_DIR} -c ${SOURCE} -o ${OUTPUT})
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  string(JOIN " " shown ${command})
  message(FATAL_ERROR "${shown}\n${out}${err}")
endif()
message(STATUS "no warnings: ${transport_headers} and restop/restop.hpp at ${OPTIMIZE}")
