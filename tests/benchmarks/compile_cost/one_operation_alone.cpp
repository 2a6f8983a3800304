// Compile cost of one operation without the rest of its service (tools/compile_cost.sh): restop's
// core and CodeCatalyst's DeleteAccessToken header only, the way a caller who uses one
// operation includes it, and the same whole call as one_operation.cpp.
#include <restop/codecatalyst/delete_access_token.hpp>
#include <restop/core.hpp>

#include "transport.hpp"

int main(int argc, char** argv) { return compile_cost::call_delete_access_token(argc, argv); }
