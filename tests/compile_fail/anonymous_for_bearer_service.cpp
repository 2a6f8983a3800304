// expect: this operation's service takes a bearer token \(see its `service::auth`\), not restop::anonymous
#include <restop/restop.hpp>

int main() { return restop::encode(restop::codecatalyst::verify_session{}, restop::anonymous) ? 0 : 1; }
