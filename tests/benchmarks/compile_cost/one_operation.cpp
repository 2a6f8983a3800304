// Compile cost of restop plus one operation (tools/compile_cost.sh): the single header, and a
// whole call of CodeCatalyst's DeleteAccessToken through a transport, so that validation,
// encoding, decoding and the error type are all instantiated.
#include <restop/restop.hpp>

#include "transport.hpp"

int main(int argc, char** argv) {
    compile_cost::canned_transport transport;
    const restop::bearer_token token("token");
    restop::request scratch;
    const char* id = argc > 1 ? argv[1] : "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";
    auto outcome = restop::call(transport, restop::codecatalyst::delete_access_token{.id = id}, token, scratch);
    return outcome ? 0 : 1;
}
