# Builds and runs one consumer project (KIND = find_package | add_subdirectory | fetch_content)
# with the compiler restop's tests use; prints the consumer's output for CTest to match.
file(REMOVE_RECURSE ${WORK_DIR})
set(consumer_args -DCMAKE_CXX_COMPILER=${CXX} -DRESTOP_SOURCE_DIR=${RESTOP_SOURCE_DIR})

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGV}\n${out}\n${err}")
  endif()
endfunction()

if(KIND STREQUAL "find_package" OR KIND STREQUAL "core_without_boost")
  run(${CMAKE_COMMAND} -S ${RESTOP_SOURCE_DIR} -B ${WORK_DIR}/restop-build -DCMAKE_CXX_COMPILER=${CXX}
      -DRESTOP_BUILD_TESTS=OFF -DRESTOP_BUILD_EXAMPLES=OFF -DRESTOP_INSTALL=ON)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/restop-build --prefix ${WORK_DIR}/prefix)
  list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
endif()

if(KIND STREQUAL "core_without_boost")
  # Boost stays installed on this machine, so hide its CMake package and have the compiler list
  # every header it reads (-H): the build fails below if one of them is Boost's.
  list(APPEND consumer_args -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCMAKE_CXX_FLAGS=-H)
endif()

run(${CMAKE_COMMAND} -S ${RESTOP_SOURCE_DIR}/tests/consumers/${KIND} -B ${WORK_DIR}/build ${consumer_args})
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "failed to build the ${KIND} consumer\n${out}\n${err}")
endif()
if(KIND STREQUAL "core_without_boost")
  if("${out}${err}" MATCHES "[^\n]*/boost/[^\n]*")
    message(FATAL_ERROR "the restop::core consumer read a Boost header: ${CMAKE_MATCH_0}")
  endif()
  if(NOT "${out}${err}" MATCHES "restop/encode.hpp")
    message(FATAL_ERROR "no header list from -H, so the Boost check above proved nothing:\n${out}\n${err}")
  endif()
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE status OUTPUT_VARIABLE out)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the ${KIND} consumer exited with ${status}")
endif()
message(STATUS "${KIND} consumer printed: ${out}")
