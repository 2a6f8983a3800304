// Compile cost of restop plus one operation (tools/compile_cost.sh): the single header, and a
// whole call of CodeCatalyst's DeleteAccessToken through a transport, so that validation,
// encoding, decoding and the error type are all instantiated.
#include <restop/restop.hpp>

#include "transport.hpp"

int main(int argc, char** argv) { return compile_cost::call_delete_access_token(argc, argv); }
