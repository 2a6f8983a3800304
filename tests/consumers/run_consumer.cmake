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

if(KIND STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${RESTOP_SOURCE_DIR} -B ${WORK_DIR}/restop-build -DCMAKE_CXX_COMPILER=${CXX}
      -DRESTOP_BUILD_TESTS=OFF -DRESTOP_BUILD_EXAMPLES=OFF -DRESTOP_INSTALL=ON)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/restop-build --prefix ${WORK_DIR}/prefix)
  list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
endif()

run(${CMAKE_COMMAND} -S ${RESTOP_SOURCE_DIR}/tests/consumers/${KIND} -B ${WORK_DIR}/build ${consumer_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE status OUTPUT_VARIABLE out)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the ${KIND} consumer exited with ${status}")
endif()
message(STATUS "${KIND} consumer printed: ${out}")
