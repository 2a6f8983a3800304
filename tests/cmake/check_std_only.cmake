# The headers that describe, validate and encode must not pull in Boost: another SDK takes
# them for compile-time checks without taking Boost.
set(std_only_headers
  restop/fixed_string.hpp restop/http_method.hpp restop/header.hpp restop/request.hpp restop/response.hpp
  restop/result.hpp restop/fault.hpp restop/transport.hpp restop/validation_error.hpp restop/constraints.hpp
  restop/params.hpp restop/uri_template.hpp restop/members.hpp restop/error_shape.hpp restop/operation.hpp
  restop/validate.hpp restop/percent_encoding.hpp restop/bearer_token.hpp restop/encode.hpp
  restop/operation_error.hpp restop/reply.hpp restop/timestamp.hpp restop/sensitive.hpp restop/pagination.hpp
  restop/codecatalyst/service.hpp restop/codecatalyst/delete_access_token.hpp restop/codecatalyst/create_access_token.hpp
  restop/codecatalyst/list_access_tokens.hpp restop/codecatalyst/verify_session.hpp
  restop/value_traits.hpp restop/blob.hpp restop/big_number.hpp restop/enums.hpp restop/boxed.hpp restop/structure.hpp
  restop/description.hpp restop/auth.hpp restop/auth/aws_credentials.hpp restop/middleware.hpp restop/request_id.hpp)
foreach(header ${std_only_headers})
  execute_process(
    COMMAND ${CXX} -std=c++20 -x c++ -M -I${INCLUDE_DIR} ${INCLUDE_DIR}/${header}
    RESULT_VARIABLE status OUTPUT_VARIABLE deps ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${header} does not compile on its own:\n${err}")
  endif()
  if(deps MATCHES "boost/")
    message(FATAL_ERROR "${header} includes Boost, but it must need only the standard library")
  endif()
endforeach()
message(STATUS "all standard-library-only headers are free of Boost")
