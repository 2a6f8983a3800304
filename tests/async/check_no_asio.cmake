# The core and the single header stay free of Boost.Asio: async is opt-in (restop/async.hpp).
#   cmake -DCXX=... -DINCLUDE_DIR=... -DSINGLE_INCLUDE_DIR=... -P check_no_asio.cmake
foreach(dir ${INCLUDE_DIR} ${SINGLE_INCLUDE_DIR})
  execute_process(
    COMMAND ${CXX} -std=c++20 -x c++ -M -I${dir} ${dir}/restop/restop.hpp
    RESULT_VARIABLE status OUTPUT_VARIABLE deps ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${dir}/restop/restop.hpp does not compile on its own:\n${err}")
  endif()
  if(deps MATCHES "boost/asio")
    message(FATAL_ERROR "${dir}/restop/restop.hpp includes Boost.Asio, but async must stay opt-in")
  endif()
endforeach()
message(STATUS "restop.hpp and the single header include no Boost.Asio")
